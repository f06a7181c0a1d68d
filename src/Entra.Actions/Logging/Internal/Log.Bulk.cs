using Microsoft.Extensions.Logging;

namespace Entra.Actions.Logging.Internal;

/// <summary>Log messages of the bulk actions (EventIds 3000-3999). Counts only; no ids.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Debug, Message = "{ActionId} started with {Items} items.")]
    public static partial void BulkStarted(ILogger logger, string actionId, int items);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "{ActionId} finished {Items} items: {Succeeded} succeeded, {Failed} failed, in {ElapsedMs} ms.")]
    public static partial void BulkCompleted(ILogger logger, string actionId, int items, int succeeded, int failed, double elapsedMs);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "{Throttled} of {Steps} items sent in $batch steps were refused for now (429, 503, 504, 424); resending them in {DelayMs} ms.")]
    public static partial void BulkStepsThrottled(ILogger logger, int throttled, int steps, double delayMs);

    [LoggerMessage(EventId = 3003, EventName = "BulkPolicyDenied", Level = LogLevel.Warning,
        Message = "The write policy refused {Denied} of {Items} items of {ActionId} (first rule {Rule}); no write was sent for them")]
    public static partial void BulkPolicyDenied(ILogger logger, string actionId, int denied, int items, string rule);
}
