using Microsoft.Extensions.Logging;

namespace Entra.Actions.Logging.Internal;

/// <summary>Log messages of the action invoker (EventIds 5000-5999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5000, EventName = "InvocationUnknownAction", Level = LogLevel.Warning,
        Message = "No Entra action has the id {ActionId}; nothing was run")]
    public static partial void InvocationUnknownAction(ILogger logger, string actionId);

    [LoggerMessage(EventId = 5001, EventName = "InvocationInputsRejected", Level = LogLevel.Warning,
        Message = "Entra action {ActionId} was invoked with inputs that do not match its input schema; no request was sent")]
    public static partial void InvocationInputsRejected(ILogger logger, string actionId);

    [LoggerMessage(EventId = 5002, EventName = "InvocationThrew", Level = LogLevel.Warning,
        Message = "Entra action {ActionId} threw {ExceptionType} instead of returning a result; reported as a service error")]
    public static partial void InvocationThrew(ILogger logger, string actionId, string exceptionType);
}
