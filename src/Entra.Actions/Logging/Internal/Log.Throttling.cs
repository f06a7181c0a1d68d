using Microsoft.Extensions.Logging;

namespace Entra.Actions.Logging.Internal;

/// <summary>Shared throttling across nodes: EventIds 8000-8099.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 8000, EventName = "ThrottleStoreUnavailable", Level = LogLevel.Warning,
        Message = "The shared throttle store {Store} is unavailable ({Reason}, {ExceptionType}); each connection throttles on its own (Retry-After pauses and write pacing are not shared) and the store is asked again in {RetryIntervalSeconds} s")]
    public static partial void ThrottleStoreUnavailable(ILogger logger, string store, string reason, string exceptionType, double retryIntervalSeconds);

    [LoggerMessage(EventId = 8001, EventName = "ThrottleStoreRestored", Level = LogLevel.Information,
        Message = "The shared throttle store {Store} answers again; throttling is shared across nodes")]
    public static partial void ThrottleStoreRestored(ILogger logger, string store);
}
