using StackExchange.Redis;

namespace Entra.Actions.Redis.Internal;

/// <summary>
/// The one <see cref="ConnectionMultiplexer"/> of a registration, connected when the store is created without blocking a thread and
/// disposed with it. Commands fail at once while Redis is unreachable (never queued): a pause queued during an outage and
/// replayed after recovery would hold every node for a throttling that is long over.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable, IDisposable
{
    private readonly ConfigurationOptions _configuration;
    private readonly Lock _gate = new();
    private Task<ConnectionMultiplexer>? _connecting;
    private bool _disposed;

    public RedisConnection(string connectionString)
    {
        _configuration = ConfigurationOptions.Parse(connectionString);
        _configuration.AbortOnConnectFail = false;
        _configuration.BacklogPolicy = BacklogPolicy.FailFast;
    }

    /// <summary>
    /// Starts connecting without waiting, so the first store call (bounded by the library's operation timeout) finds the
    /// connection open or nearly so instead of paying for the whole handshake. A failure is left for that call to see.
    /// </summary>
    public void StartConnecting()
    {
        Task<ConnectionMultiplexer> connecting;
        lock (_gate)
        {
            if (_disposed || _connecting is not null)
            {
                return;
            }

            connecting = _connecting = Task.Run(() => ConnectionMultiplexer.ConnectAsync(_configuration), CancellationToken.None);
        }

        // Observed here so an attempt nobody awaits (the provider went away first) is not an unobserved exception.
        _ = connecting.ContinueWith(static task => _ = task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>The database, once connected; waits for the first connection attempt at most as long as the caller does.</summary>
    /// <exception cref="ObjectDisposedException">The registration's provider is disposed.</exception>
    public async ValueTask<IDatabase> GetDatabaseAsync(CancellationToken cancellationToken)
    {
        Task<ConnectionMultiplexer> connecting;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            // A failed attempt (not a lost connection: the multiplexer reconnects itself) is tried again by the next call.
            if (_connecting is null || _connecting.IsFaulted || _connecting.IsCanceled)
            {
                _connecting = Task.Run(() => ConnectionMultiplexer.ConnectAsync(_configuration), CancellationToken.None);
            }

            connecting = _connecting;
        }

        var multiplexer = await connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        return multiplexer.GetDatabase();
    }

    public async ValueTask DisposeAsync()
    {
        if (TakeForDisposal() is not { } connecting)
        {
            return;
        }

        try
        {
            var multiplexer = await connecting.ConfigureAwait(false);
            await multiplexer.DisposeAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A connection that never came up leaves nothing to dispose.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    public void Dispose()
    {
        // Sync disposal must not wait for a connection attempt: dispose it whenever it ends.
        _ = TakeForDisposal()?.ContinueWith(
            static task =>
            {
                if (task.IsCompletedSuccessfully)
                {
                    task.Result.Dispose();
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private Task<ConnectionMultiplexer>? TakeForDisposal()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return null;
            }

            _disposed = true;
            return _connecting;
        }
    }
}
