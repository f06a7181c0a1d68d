using Entra.Actions.Http;

namespace Entra.Actions.Bulk.Internal;

/// <summary>
/// The resend budget of the units that share it: how often they were resent and since when the time budget counts. Writes
/// of an add each have their own, counted from their first refusal; the ids a read or remove sends together share one,
/// counted from their first send.
/// </summary>
internal sealed class RetryBudget
{
    private int _round = -1;
    private TimeSpan _roundWait;
    private int _resentInRound = -1;

    public int Resends { get; private set; }

    public long? Since { get; private set; }

    public void StartAt(long timestamp) => Since ??= timestamp;

    /// <summary>Notes the wait one of its steps asked for in <paramref name="round"/>: the budget decides on the longest.</summary>
    public void Asked(int round, TimeSpan wait)
    {
        if (_round != round)
        {
            _round = round;
            _roundWait = TimeSpan.Zero;
        }

        _roundWait = wait > _roundWait ? wait : _roundWait;
    }

    /// <summary>Whether its steps refused in this round are given up: resent too often, or past the time budget after the wait.</summary>
    public bool Exhausted(int maxResends, TimeSpan maxDuration, long answeredAt, TimeProvider time) =>
        Resends >= maxResends || time.GetElapsedTime(Since ?? answeredAt) + _roundWait > maxDuration;

    /// <summary>Counts one resend per round, and starts the time budget at the first refusal if it has not started.</summary>
    public void Resent(int round, long answeredAt)
    {
        Since ??= answeredAt;
        if (_resentInRound != round)
        {
            _resentInRound = round;
            Resends++;
        }
    }
}

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

    Task<IReadOnlyList<EntraActionResult<TAnswer>>> SendAsync(List<TUnit> round, CancellationToken cancellationToken);

    /// <summary>Whether a round of this size went as <c>$batch</c> steps, which are ours to resend (a lone request was retried by the pipeline).</summary>
    bool Resendable(int roundSize);

    RetryBudget BudgetOf(TUnit unit);

    /// <summary>How many items a unit carries (for the log).</summary>
    int ItemsIn(TUnit unit);

    /// <summary>A unit's final answer for this round: anything not resent, including a step given up after its budget.</summary>
    void Answered(TUnit unit, EntraActionResult<TAnswer> answer, bool givenUp);

    /// <summary>Runs after every answer of the round was handed over and before the wait for the resends.</summary>
    Task AfterAnswersAsync(long answeredAt, CancellationToken cancellationToken);

    /// <summary>Queues a unit to be sent again.</summary>
    void Resend(TUnit unit);
}

/// <summary>
/// The one step-retry loop of the engine, for reads, removes and the writes of an add: sends rounds, hands over every answer
/// as it arrives (so a cancellation during a later wait still reports what Graph already did), and resends only the steps
/// Graph throttled or found unavailable (429, 503, 504, or 424 for a whole batch) after the largest <c>Retry-After</c>
/// among them, within <see cref="BulkOptions.MaxStepRetries"/> resends and <see cref="EntraActionsOptions.MaxRetryDuration"/>.
/// A 429 pauses every request of the connection (even when the step is given up); a 503/504 wait counts from the answers.
/// </summary>
internal sealed class StepRetries(BulkServices services, int maxResends)
{
    public async Task RunAsync<TUnit, TAnswer>(IStepWork<TUnit, TAnswer> work, CancellationToken cancellationToken)
    {
        var time = services.Time;
        var maxDuration = services.Options.MaxRetryDuration;
        for (var round = 0; ; round++)
        {
            var units = work.NextRound();
            if (units.Count == 0)
            {
                return;
            }

            // A seam or handler that ignores the token must not let a cancelled call go on sending.
            cancellationToken.ThrowIfCancellationRequested();
            if (work.BudgetFromFirstSend)
            {
                var sending = time.GetTimestamp();
                foreach (var unit in units)
                {
                    work.BudgetOf(unit).StartAt(sending);
                }
            }

            await services.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (work.Writes)
            {
                await services.Pacer.PaceAsync(units.Count, maxDuration, cancellationToken).ConfigureAwait(false);
            }

            var answers = await work.SendAsync(units, cancellationToken).ConfigureAwait(false);
            var answeredAt = time.GetTimestamp(); // resends wait from here
            var resendable = work.Resendable(units.Count);
            if (resendable)
            {
                for (var i = 0; i < units.Count; i++)
                {
                    if (answers[i].Error is { } error && ThrottlePolicy.IsRetryable(error))
                    {
                        work.BudgetOf(units[i]).Asked(round, ThrottlePolicy.StepRetryAfter(error));
                    }
                }
            }

            List<TUnit>? resend = null;
            TimeSpan wait = TimeSpan.Zero, pause = TimeSpan.Zero;
            int succeeded = 0, throttled = 0, throttledSteps = 0;
            for (var i = 0; i < units.Count; i++)
            {
                var answer = answers[i];
                succeeded += answer.Succeeded ? 1 : 0;
                throttled += answer.Error?.Kind == EntraErrorKind.Throttled ? 1 : 0;
                if (!resendable || answer.Error is not { } error || !ThrottlePolicy.IsRetryable(error))
                {
                    work.Answered(units[i], answer, givenUp: false);
                    continue;
                }

                var retryAfter = ThrottlePolicy.StepRetryAfter(error);
                if (error.Kind == EntraErrorKind.Throttled)
                {
                    throttledSteps++;
                    pause = retryAfter > pause ? retryAfter : pause;
                }

                if (work.BudgetOf(units[i]).Exhausted(maxResends, maxDuration, answeredAt, time))
                {
                    work.Answered(units[i], answer, givenUp: true);
                    continue;
                }

                wait = retryAfter > wait ? retryAfter : wait;
                (resend ??= []).Add(units[i]);
            }

            if (work.Writes)
            {
                services.Pacer.Record(succeeded, throttled);
            }

            if (throttledSteps > 0)
            {
                // Even when no step is resent: the connection's other work must not keep hitting the quota meanwhile.
                services.Gate.Pause(ThrottlePolicy.GatePause(pause, maxDuration));
            }

            if (resend is not null)
            {
                int resentItems = 0, sentItems = 0;
                foreach (var unit in resend)
                {
                    resentItems += work.ItemsIn(unit);
                    work.BudgetOf(unit).Resent(round, answeredAt);
                }

                foreach (var unit in units)
                {
                    sentItems += work.ItemsIn(unit);
                }

                Log.BulkStepsThrottled(services.Logger, resentItems, sentItems, wait.TotalMilliseconds);
            }

            await work.AfterAnswersAsync(answeredAt, cancellationToken).ConfigureAwait(false);
            if (resend is null)
            {
                continue;
            }

            // The gate's pause holds the 429s for everyone; a 503/504 (or 424) step's wait is this call's own, counted from the answers.
            if (wait - time.GetElapsedTime(answeredAt) is { Ticks: > 0 } remaining)
            {
                await Task.Delay(remaining, time, cancellationToken).ConfigureAwait(false);
            }

            foreach (var unit in resend)
            {
                work.Resend(unit);
            }
        }
    }
}
