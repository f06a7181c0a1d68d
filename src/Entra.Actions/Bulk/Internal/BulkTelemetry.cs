using Entra.Actions.Telemetry.Internal;

namespace Entra.Actions.Bulk.Internal;

/// <summary>
/// Ends the activity of a bulk call with its item counts as tags, and counts its items by outcome in
/// <see cref="EntraTelemetry.BulkItems"/> (one measurement per outcome, not per item).
/// </summary>
internal static class BulkTelemetry
{
    /// <summary>Ends a call that ran (or was cancelled): <see cref="EntraTelemetry.CompletedOutcome"/>, or failed with its call error.</summary>
    /// <typeparam name="T">The value a successful item produces.</typeparam>
    /// <param name="call">The call.</param>
    /// <param name="result">Its result (partial when cancelled).</param>
    /// <param name="cancelled">Whether the call was cancelled.</param>
    public static void Finish<T>(ActionCall call, BulkResult<T> result, bool cancelled)
    {
        Tag(call, result.Items.Count, result.SucceededCount, result.FailedCount);
        if (cancelled)
        {
            call.Cancelled();
        }
        else if (result.CallError is { } error)
        {
            call.Failed(error);
        }
        else
        {
            call.Succeeded(EntraTelemetry.CompletedOutcome);
        }

        if (!EntraTelemetry.BulkItems.Enabled)
        {
            return;
        }

        var counts = new Dictionary<(string Outcome, string? ErrorType), long>();
        foreach (var item in result.Items)
        {
            var key = item.Result.Succeeded
                ? (item.Result.Value is MembershipChange change ? change.Outcome.ToString() : EntraTelemetry.SucceededOutcome, (string?)null)
                : (EntraTelemetry.FailedOutcome, item.Result.Error.Kind.ToString());
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        foreach (var ((outcome, errorType), count) in counts)
        {
            Count(call, count, outcome, errorType);
        }
    }

    /// <summary>Ends a call refused as a whole before it ran (the invoker's size check): every item failed with the refusal.</summary>
    /// <param name="call">The call.</param>
    /// <param name="items">How many items it carried.</param>
    /// <param name="error">The refusal.</param>
    public static void Refused(ActionCall call, int items, EntraActionError error)
    {
        Tag(call, items, 0, items);
        call.Failed(error);
        if (EntraTelemetry.BulkItems.Enabled)
        {
            Count(call, items, EntraTelemetry.FailedOutcome, error.Kind.ToString());
        }
    }

    private static void Tag(ActionCall call, int items, int succeeded, int failed)
    {
        if (call.Activity is { } activity)
        {
            activity.SetTag(EntraTelemetry.BulkItemsTag, items);
            activity.SetTag(EntraTelemetry.BulkSucceededTag, succeeded);
            activity.SetTag(EntraTelemetry.BulkFailedTag, failed);
        }
    }

    private static void Count(ActionCall call, long count, string outcome, string? errorType)
    {
        var tags = new System.Diagnostics.TagList
        {
            { EntraTelemetry.ActionTag, call.ActionId },
            { EntraTelemetry.OutcomeTag, outcome },
        };
        if (errorType is not null)
        {
            tags.Add(EntraTelemetry.ErrorTypeTag, errorType);
        }

        if (call.IsDryRun)
        {
            tags.Add(EntraTelemetry.DryRunTag, true);
        }

        EntraTelemetry.BulkItems.Add(count, tags);
    }
}
