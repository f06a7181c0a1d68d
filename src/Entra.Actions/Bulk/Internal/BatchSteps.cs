using Entra.Actions.Http.Internal;

namespace Entra.Actions.Bulk.Internal;

/// <summary>
/// Ids sent together in one <c>$batch</c> (a read of users, or deletes of member references), one step or filter value per
/// item, sharing one resend budget from their first send. Each item's final answer is handed to the owner as it arrives.
/// </summary>
/// <typeparam name="TItem">The item one step carries.</typeparam>
/// <typeparam name="TId">The validated id the seam takes for an item.</typeparam>
/// <typeparam name="TAnswer">What a step's answer holds.</typeparam>
internal sealed class BatchSteps<TItem, TId, TAnswer> : IStepWork<TItem, EntraActionResult<TAnswer>>
{
    private readonly Func<TItem, TId> _id;
    private readonly Func<IReadOnlyList<TId>, CancellationToken, Task<IReadOnlyList<EntraActionResult<TAnswer>>>> _send;
    private readonly Action<TItem, EntraActionResult<TAnswer>> _answered;
    private readonly RetryBudget _budget = new();
    private List<TItem> _pending;

    public BatchSteps(
        ArraySegment<TItem> items,
        Func<TItem, TId> id,
        Func<IReadOnlyList<TId>, CancellationToken, Task<IReadOnlyList<EntraActionResult<TAnswer>>>> send,
        Action<TItem, EntraActionResult<TAnswer>> answered,
        bool writes)
    {
        _pending = [.. items];
        _id = id;
        _send = send;
        _answered = answered;
        Writes = writes;
    }

    public bool Writes { get; }

    public bool BudgetFromFirstSend => true;

    public List<TItem> NextRound()
    {
        var round = _pending;
        _pending = [];
        return round;
    }

    public Task<IReadOnlyList<EntraActionResult<TAnswer>>> SendAsync(List<TItem> round, CancellationToken cancellationToken)
    {
        var ids = new TId[round.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = _id(round[i]);
        }

        return _send(ids, cancellationToken);
    }

    public EntraActionError? ErrorOf(EntraActionResult<TAnswer> answer) => answer.Error;

    public bool MaySucceedLater(EntraActionResult<TAnswer> answer) => answer.Error is { } error && ThrottlePolicy.IsRetryable(error);

    public bool Resendable(int roundSize) => true;

    public RetryBudget BudgetOf(TItem unit) => _budget;

    public int ItemsIn(TItem unit) => 1;

    public void Answered(TItem unit, EntraActionResult<TAnswer> answer, bool givenUp) => _answered(unit, answer);

    public Task AfterAnswersAsync(long answeredAt, CancellationToken cancellationToken) => Task.CompletedTask;

    public void Resend(TItem unit) => _pending.Add(unit);
}
