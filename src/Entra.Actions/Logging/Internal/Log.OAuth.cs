using Microsoft.Extensions.Logging;

namespace Entra.Actions.Logging.Internal;

/// <summary>Connect-flow messages, EventIds 6000-6999. Connection names and object ids only: never codes, verifiers, tokens or secrets.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6000, EventName = "ConnectStarted", Level = LogLevel.Debug,
        Message = "Entra connect started for connection {ConnectionName}")]
    public static partial void ConnectStarted(ILogger logger, string connectionName);

    [LoggerMessage(EventId = 6001, EventName = "ConnectCompleted", Level = LogLevel.Information,
        Message = "Entra connection {ConnectionName} connected: object {ObjectId}, tenant {TenantId}")]
    public static partial void ConnectCompleted(ILogger logger, string connectionName, string? objectId, string? tenantId);

    [LoggerMessage(EventId = 6002, EventName = "ConnectFailed", Level = LogLevel.Warning,
        Message = "Entra connect failed for connection {ConnectionName}: {ErrorKind}, error {OAuthError}, codes {ErrorCodes}, trace {TraceId}")]
    public static partial void ConnectFailed(ILogger logger, string? connectionName, EntraConnectErrorKind errorKind, string? oauthError, string errorCodes, string? traceId);

    [LoggerMessage(EventId = 6003, EventName = "TokenRefreshed", Level = LogLevel.Debug,
        Message = "Entra connection {ConnectionName} refreshed its access token (expires {ExpiresOn})")]
    public static partial void TokenRefreshed(ILogger logger, string connectionName, DateTimeOffset expiresOn);

    [LoggerMessage(EventId = 6004, EventName = "RefreshFailed", Level = LogLevel.Warning,
        Message = "Entra connection {ConnectionName} could not refresh its access token: {ErrorKind}, error {OAuthError}, codes {ErrorCodes}, trace {TraceId}; disconnected {Disconnected}")]
    public static partial void RefreshFailed(ILogger logger, string connectionName, EntraConnectErrorKind errorKind, string? oauthError, string errorCodes, string? traceId, bool disconnected);

    [LoggerMessage(EventId = 6005, EventName = "Disconnected", Level = LogLevel.Information,
        Message = "Entra connection {ConnectionName} disconnected")]
    public static partial void Disconnected(ILogger logger, string connectionName);

    [LoggerMessage(EventId = 6006, EventName = "ConnectAccount", Level = LogLevel.Debug,
        Message = "Entra connection {ConnectionName} is signed in as {UserPrincipalName}")]
    public static partial void ConnectAccount(ILogger logger, string connectionName, string? userPrincipalName);

    [LoggerMessage(EventId = 6007, EventName = "StoredValueUnreadable", Level = LogLevel.Warning,
        Message = "Entra token store value ({Entry}) for connection {ConnectionName} could not be read ({Reason}); it is treated as absent")]
    public static partial void StoredValueUnreadable(ILogger logger, string entry, string? connectionName, string reason);
}
