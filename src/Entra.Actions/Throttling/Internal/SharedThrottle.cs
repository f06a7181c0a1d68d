using Entra.Actions.Logging.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Entra.Actions.Throttling.Internal;

/// <summary>
/// The one way to the host's <see cref="IEntraThrottleStore"/>, shared by every connection of a host. Each call is bounded by
/// <see cref="EntraThrottleStoreOptions.OperationTimeout"/>; a call that fails or times out is answered "unknown", so the
/// connection throttles locally. After an error, or <see cref="TimeoutsBeforeSkipping"/> timeouts in a row, the store is not
/// asked for <see cref="EntraThrottleStoreOptions.RetryInterval"/>. One warning per outage, one information when the store
/// answers again, every local answer counted. Never throws but for the caller's own cancellation.
/// </summary>
internal sealed class SharedThrottle
{
    /// <summary>No store: every connection throttles on its own.</summary>
    public static readonly SharedThrottle None = new(null, new EntraThrottleStoreOptions(), TimeProvider.System, null);

    private readonly IEntraThrottleStore? _store;
    private readonly EntraThrottleStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger? _logger;
    /// <summary>Timeouts in a row that stop the store being asked: one slow answer (a pause of the host or of Redis) is not an outage.</summary>
    internal const int TimeoutsBeforeSkipping = 3;

    /// <summary>The longest pause taken from a store: the longest <see cref="EntraActionsOptions.MaxRetryDuration"/> allowed.</summary>
    internal static readonly TimeSpan MaxPause = TimeSpan.FromMinutes(10);

    private long _skipUntil;
    private int _failing;
    private int _timeoutsInARow;

    public SharedThrottle(IEntraThrottleStore? store, EntraThrottleStoreOptions options, TimeProvider time, ILogger? logger)
    {
        _store = store;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Registers the host's one <see cref="SharedThrottle"/>. A connection the connection factory builds is handed the host's
    /// instance, so one store and one outage state serve all connections.
    /// </summary>
    public static void TryAdd(IServiceCollection services) =>
        services.TryAddSingleton(sp => new SharedThrottle(
            sp.GetService<IEntraThrottleStore>(),
            sp.GetRequiredService<IOptions<EntraThrottleStoreOptions>>().Value,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILoggerFactory>()?.CreateLogger("Entra.Actions.Throttling")));

    /// <summary>Whether a store is registered at all.</summary>
    public bool Enabled => _store is not null;

    /// <summary>The pause left in <paramref name="scope"/>; zero when none or when the store cannot say.</summary>
    /// <remarks>A pause longer than <see cref="MaxPause"/> (a store's mistake, or a key someone else wrote) holds for <see cref="MaxPause"/>.</remarks>
    public async ValueTask<TimeSpan> GetPauseAsync(EntraThrottleScope scope, CancellationToken cancellationToken) =>
        await CallAsync(static (store, state, token) => store.GetPauseAsync(state.Scope, token), (Scope: scope, 0), cancellationToken).ConfigureAwait(false)
            is { Answered: true, Value: var pause } && pause > TimeSpan.Zero ? (pause > MaxPause ? MaxPause : pause) : TimeSpan.Zero;

    public async ValueTask PauseAsync(EntraThrottleScope scope, TimeSpan delay, CancellationToken cancellationToken) =>
        await CallAsync(
            static async (store, state, token) =>
            {
                await store.PauseAsync(state.Scope, state.Delay, token).ConfigureAwait(false);
                return TimeSpan.Zero;
            },
            (Scope: scope, Delay: delay),
            cancellationToken).ConfigureAwait(false);

    /// <summary>The wait before <paramref name="writes"/> writes; <see langword="null"/> when the store cannot say (pace locally).</summary>
    public async ValueTask<TimeSpan?> ReserveWritesAsync(EntraThrottleScope scope, int writes, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var answer = await CallAsync(
            static (store, state, token) => store.ReserveWritesAsync(state.Scope, state.Writes, state.MaxWait, token),
            (Scope: scope, Writes: writes, MaxWait: maxWait),
            cancellationToken).ConfigureAwait(false);
        return answer.Answered ? Clamp(answer.Value, maxWait) : null;
    }

    public async ValueTask RecordWritesAsync(EntraThrottleScope scope, int succeeded, int throttled, CancellationToken cancellationToken) =>
        await CallAsync(
            static async (store, state, token) =>
            {
                await store.RecordWritesAsync(state.Scope, state.Succeeded, state.Throttled, token).ConfigureAwait(false);
                return TimeSpan.Zero;
            },
            (Scope: scope, Succeeded: succeeded, Throttled: throttled),
            cancellationToken).ConfigureAwait(false);

    public async ValueTask ReportQuotaUsedUpAsync(EntraThrottleScope scope, CancellationToken cancellationToken) =>
        await CallAsync(
            static async (store, state, token) =>
            {
                await store.ReportQuotaUsedUpAsync(state.Scope, token).ConfigureAwait(false);
                return TimeSpan.Zero;
            },
            (Scope: scope, 0),
            cancellationToken).ConfigureAwait(false);

    private static TimeSpan Clamp(TimeSpan wait, TimeSpan max) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait > max ? max : wait;

    private async ValueTask<(bool Answered, TimeSpan Value)> CallAsync<TState>(
        Func<IEntraThrottleStore, TState, CancellationToken, ValueTask<TimeSpan>> call, TState state, CancellationToken cancellationToken)
    {
        if (_store is not { } store)
        {
            return default;
        }

        if (_time.GetTimestamp() < Volatile.Read(ref _skipUntil))
        {
            ThrottleCounters.Fallback(ThrottleCounters.SkippedReason);
            return default;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.OperationTimeout);
        try
        {
            // WaitAsync bounds a store that ignores its token as well; a call left behind is observed, so its late failure is no unobserved exception.
            var pending = call(store, state, timeout.Token).AsTask();
            if (!pending.IsCompleted)
            {
                _ = pending.ContinueWith(static task => _ = task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            var value = await pending.WaitAsync(_options.OperationTimeout, _time, cancellationToken).ConfigureAwait(false);
            Recovered();
            return (true, value);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            ThrottleCounters.Fallback(ThrottleCounters.TimeoutReason);
            if (Interlocked.Increment(ref _timeoutsInARow) >= TimeoutsBeforeSkipping)
            {
                Failed(ThrottleCounters.TimeoutReason, exception);
            }

            return default;
        }
#pragma warning disable CA1031 // A failing store must never fail an action: every error means "throttle locally".
        catch (Exception exception)
#pragma warning restore CA1031
        {
            ThrottleCounters.Fallback(ThrottleCounters.ErrorReason);
            Failed(ThrottleCounters.ErrorReason, exception);
            return default;
        }
    }

    /// <summary>Stops asking the store for the retry interval; the first failure of an outage is logged.</summary>
    private void Failed(string reason, Exception exception)
    {
        Volatile.Write(ref _timeoutsInARow, 0);
        var skip = (long)(_options.RetryInterval.TotalSeconds * _time.TimestampFrequency);
        Volatile.Write(ref _skipUntil, _time.GetTimestamp() + skip);
        if (Interlocked.Exchange(ref _failing, 1) == 0 && _logger is not null)
        {
            // The exception's type only: a store's message can carry its endpoint or connection details.
            Log.ThrottleStoreUnavailable(_logger, _store!.GetType().Name, reason, exception.GetType().Name, _options.RetryInterval.TotalSeconds);
        }
    }

    private void Recovered()
    {
        if (Volatile.Read(ref _timeoutsInARow) != 0)
        {
            Volatile.Write(ref _timeoutsInARow, 0);
        }

        if (Volatile.Read(ref _failing) == 1 && Interlocked.Exchange(ref _failing, 0) == 1 && _logger is not null)
        {
            Log.ThrottleStoreRestored(_logger, _store!.GetType().Name);
        }
    }
}
