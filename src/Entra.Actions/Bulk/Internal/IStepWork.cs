namespace Entra.Actions.Bulk.Internal;

/// <summary>One kind of work sent in <c>$batch</c> steps by <see cref="StepRetries"/>: it owns its queue and its answers.</summary>
/// <typeparam name="TUnit">What one step carries.</typeparam>
/// <typeparam name="TAnswer">What a step's answer holds.</typeparam>
internal interface IStepWork<TUnit, TAnswer>
{
    /// <summary>Whether the steps are writes (paced, and fed back to the pacer).</summary>
    bool Writes { get; }

    /// <summary>Whether a budget starts at its units' first send (reads, removes) rather than at their first refusal (add).</summary>
    bool BudgetFromFirstSend { get; }

    /// <summary>The units to send in the next round; empty when the work is done.</summary>
    List<TUnit> NextRound();

    Task<IReadOnlyList<TAnswer>> SendAsync(List<TUnit> round, CancellationToken cancellationToken);

    /// <summary>The failure an answer carries; <see langword="null"/> when it succeeded.</summary>
    EntraActionError? ErrorOf(TAnswer answer);

    /// <summary>Whether a failed answer was throttled or unavailable for now, so the same step may succeed when resent.</summary>
    bool MaySucceedLater(TAnswer answer);

    /// <summary>Whether a round of this size went as <c>$batch</c> steps, which are ours to resend (a lone request was retried by the pipeline).</summary>
    bool Resendable(int roundSize);

    RetryBudget BudgetOf(TUnit unit);

    /// <summary>How many items a unit carries (for the log).</summary>
    int ItemsIn(TUnit unit);

    /// <summary>A unit's final answer for this round: anything not resent, including a step given up after its budget.</summary>
    void Answered(TUnit unit, TAnswer answer, bool givenUp);

    /// <summary>Runs after every answer of the round was handed over and before the wait for the resends.</summary>
    Task AfterAnswersAsync(long answeredAt, CancellationToken cancellationToken);

    /// <summary>Queues a unit to be sent again.</summary>
    void Resend(TUnit unit);
}
