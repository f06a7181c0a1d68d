using Microsoft.Extensions.Logging;

namespace Entra.Actions.Logging.Internal;

/// <summary>Log messages of connections and the connection check (EventIds 4000-4999). Connection names and kinds only; never tokens.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Entra connection {ConnectionName} created.")]
    public static partial void ConnectionCreated(ILogger logger, string connectionName);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Entra connection {ConnectionName}: no token from the credential ({ExceptionType}).")]
    public static partial void ConnectionTokenFailed(ILogger logger, Exception exception, string connectionName, string exceptionType);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Entra connection {ConnectionName} does not work: {ErrorKind}, status {StatusCode}, request-id {RequestId}.")]
    public static partial void ConnectionCheckFailed(ILogger logger, string connectionName, EntraErrorKind errorKind, int? statusCode, string? requestId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Entra connection {ConnectionName} checked: {PermissionModel}, {ReadyActions} of {Actions} actions can run, {Warnings} warnings.")]
    public static partial void ConnectionChecked(ILogger logger, string connectionName, EntraPermissionModel permissionModel, int readyActions, int actions, int warnings);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Debug, Message = "Entra connection {ConnectionName} unused for {IdleTimeout} or more: its services were released; the next call builds them again.")]
    public static partial void ConnectionIdleDropped(ILogger logger, string connectionName, TimeSpan idleTimeout);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Debug, Message = "Entra connection {ConnectionName} built again after it was idle.")]
    public static partial void ConnectionRebuilt(ILogger logger, string connectionName);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Entra connection {ConnectionName}: releasing its idle services failed ({ExceptionType}).")]
    public static partial void ConnectionReleaseFailed(ILogger logger, Exception exception, string connectionName, string exceptionType);
}
