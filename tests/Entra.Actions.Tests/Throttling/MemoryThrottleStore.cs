namespace Entra.Actions.Tests.Throttling;

/// <summary>
/// A shared store in memory for the seam's tests: pauses per scope on the given clock, a fixed reservation answer, and a
/// record of every call. It can be made to throw or to hang (ignoring its token), as a dead or slow Redis would.
/// </summary>
internal sealed class MemoryThrottleStore(TimeProvider time) : IEntraThrottleStore
{
    private readonly Dictionary<EntraThrottleScope, DateTimeOffset> _pauses = [];
    private readonly Lock _gate = new();

    public List<string> Calls { get; } = [];

    public Exception? Fail { get; set; }

    public bool Hang { get; set; }

    public TimeSpan ReservationWait { get; set; }

    public ValueTask PauseAsync(EntraThrottleScope scope, TimeSpan delay, CancellationToken cancellationToken = default) =>
        Do($"pause {scope} {delay.TotalSeconds:0.###}", () =>
        {
            var until = time.GetUtcNow() + delay;
            if (!_pauses.TryGetValue(scope, out var current) || current < until)
            {
                _pauses[scope] = until;
            }

            return TimeSpan.Zero;
        }).AsValueTaskVoid();

    public ValueTask<TimeSpan> GetPauseAsync(EntraThrottleScope scope, CancellationToken cancellationToken = default) =>
        Do($"get {scope}", () => _pauses.TryGetValue(scope, out var until) && until > time.GetUtcNow() ? until - time.GetUtcNow() : TimeSpan.Zero);

    public ValueTask<TimeSpan> ReserveWritesAsync(EntraThrottleScope scope, int writes, TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        Do($"reserve {scope} {writes}", () => ReservationWait);

    public ValueTask RecordWritesAsync(EntraThrottleScope scope, int succeeded, int throttled, CancellationToken cancellationToken = default) =>
        Do($"record {scope} {succeeded}/{throttled}", () => TimeSpan.Zero).AsValueTaskVoid();

    public ValueTask ReportQuotaUsedUpAsync(EntraThrottleScope scope, CancellationToken cancellationToken = default) =>
        Do($"usedup {scope}", () => TimeSpan.Zero).AsValueTaskVoid();

    private ValueTask<TimeSpan> Do(string call, Func<TimeSpan> answer)
    {
        lock (_gate)
        {
            Calls.Add(call);
            if (Hang)
            {
                return new ValueTask<TimeSpan>(new TaskCompletionSource<TimeSpan>().Task);
            }

            if (Fail is { } failure)
            {
                return ValueTask.FromException<TimeSpan>(failure);
            }

            return ValueTask.FromResult(answer());
        }
    }
}

internal static class ValueTaskExtensions
{
    public static async ValueTask AsValueTaskVoid(this ValueTask<TimeSpan> task) => await task;
}
