using Microsoft.Extensions.Logging;

namespace Entra.Actions.Logging.Internal;

/// <summary>Log messages of the HTTP layer (EventIds 2000-2999). Never a header value, token or body.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Graph answered {StatusCode} to {Method} {Route}; retry {Attempt} of {MaxAttempts} in {DelayMs} ms.")]
    public static partial void RetryScheduled(ILogger logger, int statusCode, string method, string route, int attempt, int maxAttempts, double delayMs);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Graph answered {StatusCode} to {Method} {Route}; giving up after {Attempts} attempts ({Reason}).")]
    public static partial void RetriesExhausted(ILogger logger, int statusCode, string method, string route, int attempts, string reason);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "{Method} {Route} took longer than {TimeoutMs} ms and was abandoned.")]
    public static partial void RequestTimedOut(ILogger logger, string method, string route, double timeoutMs);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "A request to host {Host} is not for the configured Graph host {GraphHost}; its Authorization header was removed.")]
    public static partial void AuthorizationStripped(ILogger logger, string host, string graphHost);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "{Method} {Path} answered {StatusCode} in {ElapsedMs} ms.")]
    public static partial void RequestCompleted(ILogger logger, string method, string path, int statusCode, double elapsedMs);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Graph call failed with {ExceptionType}; mapped to {Kind}.")]
    public static partial void GraphCallFailed(ILogger logger, Exception exception, string exceptionType, EntraErrorKind kind);
}
