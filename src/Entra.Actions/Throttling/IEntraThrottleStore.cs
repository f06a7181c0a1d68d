namespace Entra.Actions;

/// <summary>
/// What the nodes of a cluster share about one tenant's Graph budget: the pause a <c>Retry-After</c> answer asks for, and
/// the pace of writes once the write quota is known to be used up. Without a store each connection keeps both to itself
/// (one process, one connection); register one with
/// <see cref="EntraActionsServiceCollectionExtensions.AddEntraThrottleStore(Microsoft.Extensions.DependencyInjection.IServiceCollection, Func{IServiceProvider, IEntraThrottleStore}, Action{EntraThrottleStoreOptions}?)"/>
/// (the Redis store registers itself) to share them across processes.
/// </summary>
/// <remarks>
/// Every call is bounded by <see cref="EntraThrottleStoreOptions.OperationTimeout"/>. A call that throws or runs longer is
/// answered by the connection's own throttling, counted by <c>entra.throttle.store.fallbacks</c>; after a failure (or three
/// timeouts in a row) the store is left alone for <see cref="EntraThrottleStoreOptions.RetryInterval"/>, logged as a
/// warning: an action never fails because the store does. The connection keeps its own pause and pace up to date at all times, so the fallback starts from what it knew.
/// Times are durations from now on the store's own clock, so nodes' clocks need not agree.
/// </remarks>
public interface IEntraThrottleStore
{
    /// <summary>Holds every node's requests in <paramref name="scope"/> for at least <paramref name="delay"/> from now (a longer pause already recorded stays).</summary>
    /// <param name="scope">The budget Graph throttled.</param>
    /// <param name="delay">How long Graph asked to wait.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes once the pause is recorded.</returns>
    ValueTask PauseAsync(EntraThrottleScope scope, TimeSpan delay, CancellationToken cancellationToken = default);

    /// <summary>Gets how long requests in <paramref name="scope"/> must still wait.</summary>
    /// <param name="scope">The budget.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The time left of the pause; <see cref="TimeSpan.Zero"/> when there is none.</returns>
    ValueTask<TimeSpan> GetPauseAsync(EntraThrottleScope scope, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reserves the next slot for <paramref name="writes"/> writes at the pace Graph refills the scope's write quota, and
    /// returns how long to wait before sending them. Before the quota is known to be used up (no throttled write, no usage
    /// reading at the limit, or none for the quota's window), writes are not paced and the wait is zero.
    /// </summary>
    /// <param name="scope">The application and tenant budget.</param>
    /// <param name="writes">How many writes will be sent.</param>
    /// <param name="maxWait">The longest wait to return: past it, sending and letting Graph answer is better than stalling.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The wait before sending; never more than <paramref name="maxWait"/>.</returns>
    ValueTask<TimeSpan> ReserveWritesAsync(EntraThrottleScope scope, int writes, TimeSpan maxWait, CancellationToken cancellationToken = default);

    /// <summary>Records what a round trip of writes got, from which the pace is learned: writes accepted once the quota is used up measure how fast Graph refills it.</summary>
    /// <param name="scope">The application and tenant budget.</param>
    /// <param name="succeeded">Writes Graph accepted.</param>
    /// <param name="throttled">Writes Graph answered with 429.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes once recorded.</returns>
    ValueTask RecordWritesAsync(EntraThrottleScope scope, int succeeded, int throttled, CancellationToken cancellationToken = default);

    /// <summary>Records that Graph reported the scope's quota as used up (<c>x-ms-throttle-limit-percentage</c> at 1 or more), so pacing starts before the first 429.</summary>
    /// <param name="scope">The application and tenant budget.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes once recorded.</returns>
    ValueTask ReportQuotaUsedUpAsync(EntraThrottleScope scope, CancellationToken cancellationToken = default);
}
