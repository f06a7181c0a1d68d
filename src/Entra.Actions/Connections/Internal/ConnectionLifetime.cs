using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.Connections.Internal;

/// <summary>
/// The one owner of a connection's built services: builds them on first use, counts the calls running on them (leases), drops
/// them when the <see cref="IdleSweeper"/> finds them idle with no call running, and closes for good when the connection is
/// removed. A call always runs on one build from start to end; a call that starts after a drop gets a fresh build.
/// </summary>
internal sealed class ConnectionLifetime
{
    private static long s_builds;

    private readonly Func<ServiceProvider> _build;
    private readonly TimeProvider _time;
    private readonly IdleSweeper? _sweeper;
    private readonly Lock _lock = new();
    private Build? _current;
    private long _lastUsed;
    private bool _closed;

    /// <param name="name">The connection's name, for messages.</param>
    /// <param name="first">The services built (and validated) when the connection was created.</param>
    /// <param name="build">Builds the services again after a drop; throws as creating the connection would.</param>
    /// <param name="time">The clock idle time is measured on.</param>
    /// <param name="sweeper">Drops idle builds; <see langword="null"/> when connections are kept built.</param>
    public ConnectionLifetime(string name, ServiceProvider first, Func<ServiceProvider> build, TimeProvider time, IdleSweeper? sweeper)
    {
        Name = name;
        _build = build;
        _time = time;
        _sweeper = sweeper;
        _current = new Build(first);
        _lastUsed = time.GetTimestamp();
        sweeper?.Track(this);
    }

    public string Name { get; }

    /// <summary>The order in which the current build was made, process-wide (0 when there is none); see <see cref="DroppedBuild"/>.</summary>
    public long BuildOrder
    {
        get
        {
            lock (_lock)
            {
                return _current?.Order ?? 0;
            }
        }
    }

    /// <summary>Runs <paramref name="call"/> on the current build, which is not dropped before the call's task ends.</summary>
    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> call)
    {
        var build = Acquire();
        try
        {
            return await call(build.Services).ConfigureAwait(false);
        }
        finally
        {
            if (Release(build))
            {
                await build.Services.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs <paramref name="read"/> on the current build, for the synchronous members.</summary>
    public T Run<T>(Func<IServiceProvider, T> read)
    {
        var build = Acquire();
        try
        {
            return read(build.Services);
        }
        finally
        {
            if (Release(build))
            {
                build.Services.Dispose();
            }
        }
    }

    /// <summary>
    /// Drops the build when no call runs on it and it has not been used for <paramref name="idleTimeout"/> at
    /// <paramref name="now"/> (a <see cref="TimeProvider.GetTimestamp"/>); the caller disposes what is returned.
    /// </summary>
    public DroppedBuild? TryDropIdle(long now, TimeSpan idleTimeout)
    {
        lock (_lock)
        {
            if (_current is null)
            {
                _sweeper?.Untrack(this);
                return null;
            }

            if (_current.Leases > 0 || _time.GetElapsedTime(_lastUsed, now) < idleTimeout)
            {
                return null;
            }

            var dropped = _current;
            _current = null;
            _sweeper?.Untrack(this);
            return new DroppedBuild(Name, dropped.Order, dropped.Services);
        }
    }

    /// <summary>
    /// Refuses every later call and detaches the build. Returns it for the caller to dispose, or <see langword="null"/> when
    /// there is none or calls still run on it (the last of them disposes it as it ends).
    /// </summary>
    public ServiceProvider? Close()
    {
        lock (_lock)
        {
            if (_closed)
            {
                return null;
            }

            _closed = true;
            var build = _current;
            _current = null;
            _sweeper?.Untrack(this);
            return build is { Leases: 0 } ? build.Services : null;
        }
    }

    private Build Acquire()
    {
        lock (_lock)
        {
            if (_closed)
            {
                throw new ObjectDisposedException(
                    nameof(EntraConnection), $"The Entra connection '{Name}' was removed from its factory or disposed; get it again from IEntraConnectionFactory.");
            }

            if (_current is null)
            {
                // Built under the lock: calls that arrive together after a drop share one build.
                _current = new Build(_build());
                _sweeper?.Track(this, rebuilt: true);
            }

            _current.Leases++;
            _lastUsed = _time.GetTimestamp();
            return _current;
        }
    }

    /// <summary>Ends a lease; <see langword="true"/> when the build was detached by <see cref="Close"/> and this was its last call.</summary>
    private bool Release(Build build)
    {
        lock (_lock)
        {
            build.Leases--;
            _lastUsed = _time.GetTimestamp();
            return build.Leases == 0 && !ReferenceEquals(build, _current);
        }
    }

    /// <summary>One build of the services and the calls running on it; guarded by the lifetime's lock.</summary>
    private sealed class Build(ServiceProvider services)
    {
        public ServiceProvider Services { get; } = services;

        public long Order { get; } = Interlocked.Increment(ref s_builds);

        public int Leases { get; set; }
    }
}
