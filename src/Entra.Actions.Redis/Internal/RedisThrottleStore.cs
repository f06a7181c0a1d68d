using StackExchange.Redis;

namespace Entra.Actions.Redis.Internal;

/// <summary>
/// The throttle store on Redis: one key per pause (a string whose time to live is the pause) and one hash per application
/// and tenant for the write pace, each changed by one atomic script. Times travel as durations and are measured on the
/// Redis server's clock. Failures surface as exceptions at once; the library's shared-throttle layer bounds every call and
/// falls back to local throttling.
/// </summary>
internal sealed class RedisThrottleStore : IEntraThrottleStore, IAsyncDisposable, IDisposable
{
    private readonly RedisConnection _connection;
    private readonly RedisThrottleKeys _keys;

    public RedisThrottleStore(EntraRedisThrottlingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connection = new RedisConnection(options.ConnectionString);
        _keys = new RedisThrottleKeys(options.KeyPrefix);
    }

    public async ValueTask PauseAsync(EntraThrottleScope scope, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        var milliseconds = (long)Math.Ceiling(delay.TotalMilliseconds);
        await EvaluateAsync(RedisThrottleScripts.Pause, _keys.Pause(scope), [milliseconds], cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<TimeSpan> GetPauseAsync(EntraThrottleScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var database = await _connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);

        // PTTL, routed by key: no key (no pause) and a key without expiry (never written by this store) both hold no one.
        var left = await database.KeyTimeToLiveAsync(_keys.Pause(scope)).WaitAsync(cancellationToken).ConfigureAwait(false);
        return left is { } pause && pause > TimeSpan.Zero ? pause : TimeSpan.Zero;
    }

    public async ValueTask<TimeSpan> ReserveWritesAsync(EntraThrottleScope scope, int writes, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var maxMicroseconds = maxWait <= TimeSpan.Zero ? 0 : (long)maxWait.TotalMicroseconds;
        var wait = (long)await EvaluateAsync(RedisThrottleScripts.Reserve, _keys.Writes(scope), [writes, maxMicroseconds], cancellationToken).ConfigureAwait(false);
        return wait > 0 ? TimeSpan.FromMicroseconds(wait) : TimeSpan.Zero;
    }

    public async ValueTask RecordWritesAsync(EntraThrottleScope scope, int succeeded, int throttled, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await EvaluateAsync(RedisThrottleScripts.Record, _keys.Writes(scope), [succeeded, throttled], cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask ReportQuotaUsedUpAsync(EntraThrottleScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await EvaluateAsync(RedisThrottleScripts.QuotaUsedUp, _keys.Writes(scope), [], cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    public void Dispose() => _connection.Dispose();

    private async ValueTask<RedisResult> EvaluateAsync(string script, string key, RedisValue[] arguments, CancellationToken cancellationToken)
    {
        var database = await _connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);

        // The script is sent once and then called by its hash (StackExchange.Redis keeps the hashes it loaded).
        return await database.ScriptEvaluateAsync(script, [key], arguments).WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
