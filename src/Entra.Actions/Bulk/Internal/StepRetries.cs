using Entra.Actions.Http.Internal;
using Entra.Actions.Logging.Internal;

using Entra.Actions.Telemetry.Internal;

namespace Entra.Actions.Bulk.Internal;

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

            await services.Throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (work.Writes)
            {
                await services.Throttle.PaceAsync(units.Count, maxDuration, cancellationToken).ConfigureAwait(false);
            }

            var answers = await work.SendAsync(units, cancellationToken).ConfigureAwait(false);
            var answeredAt = time.GetTimestamp(); // resends wait from here
            var resendable = work.Resendable(units.Count);
            if (resendable)
            {
                for (var i = 0; i < units.Count; i++)
                {
                    if (work.ErrorOf(answers[i]) is { } error && work.MaySucceedLater(answers[i]))
                    {
                        work.BudgetOf(units[i]).Asked(round, ThrottlePolicy.StepRetryAfter(error));
                    }
                }
            }

            List<TUnit>? resend = null;
            List<int>? resendStatuses = null;
            TimeSpan wait = TimeSpan.Zero, pause = TimeSpan.Zero;
            int succeeded = 0, quotaThrottled = 0, throttledSteps = 0;
            for (var i = 0; i < units.Count; i++)
            {
                var answer = answers[i];
                var failure = work.ErrorOf(answer);
                succeeded += failure is null ? 1 : 0;
                // Only the write quota's 429s say the write bucket is empty; any other 429 (a read or resource-unit limit, a
                // busy service) only pauses.
                quotaThrottled += failure is { Kind: EntraErrorKind.Throttled, WriteQuotaExceeded: true } ? 1 : 0;
                if (!resendable || failure is not { } error || !work.MaySucceedLater(answer))
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
                (resendStatuses ??= []).Add(error.StatusCode ?? 429);
            }

            if (throttledSteps > 0)
            {
                // Even when no step is resent: the connection's other work must not keep hitting the quota meanwhile.
                await services.Throttle.PauseAsync(ThrottlePolicy.GatePause(pause, maxDuration)).ConfigureAwait(false);
            }

            if (work.Writes)
            {
                await services.Throttle.RecordAsync(succeeded, quotaThrottled).ConfigureAwait(false);
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

            // Counted once the wait is over: a cancelled wait resends nothing.
            foreach (var status in resendStatuses!)
            {
                GraphCounters.Retried(status);
            }

            foreach (var unit in resend)
            {
                work.Resend(unit);
            }
        }
    }
}
