using Entra.Actions.Logging.Internal;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.Connections.Internal;

/// <summary>
/// Drops the services of connections idle for <see cref="EntraConnectionFactoryOptions.IdleTimeout"/>. One timer for the whole
/// factory, armed only while some connection is built, visiting only the built ones: idle connections cost no CPU.
/// </summary>
internal sealed class IdleSweeper : IDisposable
{
    private static readonly TimeSpan MinPeriod = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxPeriod = TimeSpan.FromMinutes(1);

    private readonly TimeSpan _idleTimeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly HashSet<ConnectionLifetime> _built = [];
    private ITimer? _timer;
    private bool _armed;
    private bool _disposed;
    private int _sweeping;

    private IdleSweeper(TimeSpan idleTimeout, TimeProvider time, ILogger logger)
    {
        _idleTimeout = idleTimeout;
        _time = time;
        _logger = logger;
        Period = TimeSpan.FromTicks(Math.Clamp(idleTimeout.Ticks / 4, MinPeriod.Ticks, MaxPeriod.Ticks));
    }

    /// <summary>How often the built connections are checked: a quarter of the timeout, between 1 second and 1 minute.</summary>
    public TimeSpan Period { get; }

    /// <summary>The sweeper for <paramref name="idleTimeout"/>, or <see langword="null"/> when it is infinite (nothing is dropped).</summary>
    public static IdleSweeper? Create(TimeSpan idleTimeout, TimeProvider time, ILogger logger) =>
        idleTimeout == Timeout.InfiniteTimeSpan ? null : new IdleSweeper(idleTimeout, time, logger);

    /// <summary>Watches a connection that was just built (<paramref name="rebuilt"/>: again, after it was dropped).</summary>
    public void Track(ConnectionLifetime lifetime, bool rebuilt = false)
    {
        if (rebuilt)
        {
            Log.ConnectionRebuilt(_logger, lifetime.Name);
        }

        lock (_gate)
        {
            if (_disposed || !_built.Add(lifetime) || _armed)
            {
                return;
            }

            _timer ??= CreateTimer();
            _timer.Change(Period, Period);
            _armed = true;
        }
    }

    /// <summary>Stops watching a connection that was dropped or closed, so the sweeper keeps nothing of it; the last one stops the timer.</summary>
    public void Untrack(ConnectionLifetime lifetime)
    {
        lock (_gate)
        {
            if (_built.Remove(lifetime) && _built.Count == 0)
            {
                Disarm();
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _armed = false;
            _built.Clear();
            _timer?.Dispose();
            _timer = null;
        }
    }

    /// <summary>One pass over the built connections; the timer runs it, tests may too.</summary>
    internal async Task SweepAsync()
    {
        try
        {
            ConnectionLifetime[] built;
            lock (_gate)
            {
                built = [.. _built];
            }

            var now = _time.GetTimestamp();
            var dropped = new List<DroppedBuild>();
            foreach (var lifetime in built)
            {
                if (lifetime.TryDropIdle(now, _idleTimeout) is { } build)
                {
                    dropped.Add(build);
                }
            }

            dropped.Sort(static (a, b) => b.Order.CompareTo(a.Order));
            foreach (var build in dropped)
            {
                Log.ConnectionIdleDropped(_logger, build.Name, _idleTimeout);
                try
                {
                    await build.Services.DisposeAsync().ConfigureAwait(false);
                }
                catch (Exception exception)
                {
                    // A host service that fails to dispose must not stop the sweep or surface on the timer thread.
                    Log.ConnectionReleaseFailed(_logger, exception, build.Name, exception.GetType().Name);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    /// <summary>Stops the timer; called under the lock.</summary>
    private void Disarm()
    {
        if (_armed)
        {
            _timer!.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _armed = false;
        }
    }

    private void OnTick()
    {
        if (Interlocked.Exchange(ref _sweeping, 1) == 0)
        {
            _ = SweepAsync();
        }
    }

    private ITimer CreateTimer()
    {
        // The timer outlives the call that first arms it, so it must not carry that call's async-locals (activity, log scopes).
        if (ExecutionContext.IsFlowSuppressed())
        {
            return NewTimer();
        }

        using (ExecutionContext.SuppressFlow())
        {
            return NewTimer();
        }

        ITimer NewTimer() => _time.CreateTimer(static state => ((IdleSweeper)state!).OnTick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }
}
