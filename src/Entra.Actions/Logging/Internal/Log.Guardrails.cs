using Microsoft.Extensions.Logging;

namespace Entra.Actions.Logging.Internal;

/// <summary>Write policy and audit trail: EventIds 7000-7099.</summary>
internal static partial class Log
{
    /// <summary>The category of the audit log entries, so a host can route them to its audit store.</summary>
    public const string AuditCategory = "Entra.Actions.Audit";

    [LoggerMessage(EventId = 7000, EventName = "Audit", Level = LogLevel.Information,
        Message = "Entra audit: {ActionId} {Result}{DryRun} user {UserId} ({UserPrincipalName}) group {GroupId} ({GroupDisplayName}) by {ActingIdentity} in tenant {TenantId}, connection {ConnectionName}, rule {PolicyRule}, request-ids {GraphRequestIds}, {DurationMs} ms, correlation {CorrelationId}")]
    public static partial void Audit(
        ILogger logger,
        string actionId,
        string result,
        string dryRun,
        string? userId,
        string? userPrincipalName,
        string? groupId,
        string? groupDisplayName,
        string? actingIdentity,
        string? tenantId,
        string? connectionName,
        string? policyRule,
        string graphRequestIds,
        long durationMs,
        string correlationId);

    [LoggerMessage(EventId = 7001, EventName = "AuditSinkFailed", Level = LogLevel.Warning,
        Message = "Entra audit sink {Sink} failed ({ExceptionType}) on {Failed} of {Count} event(s) of {ActionId}; the action went on")]
    public static partial void AuditSinkFailed(ILogger logger, string sink, string exceptionType, int failed, int count, string actionId);

    [LoggerMessage(EventId = 7002, EventName = "AuditSinkTimedOut", Level = LogLevel.Warning,
        Message = "Entra audit sink {Sink} did not finish {Count} event(s) of {ActionId} within {TimeoutMs} ms; it was cancelled and the action went on")]
    public static partial void AuditSinkTimedOut(ILogger logger, string sink, int count, string actionId, long timeoutMs);

    [LoggerMessage(EventId = 7003, EventName = "PolicyDenied", Level = LogLevel.Warning,
        Message = "Entra action {ActionId} was refused by the write policy (rule {Rule}); no write was sent")]
    public static partial void PolicyDenied(ILogger logger, string actionId, string rule);

    [LoggerMessage(EventId = 7004, EventName = "WritePolicyFailed", Level = LogLevel.Warning,
        Message = "Entra write policy {Rule} threw {ExceptionType} for {ActionId}; the change was refused")]
    public static partial void WritePolicyFailed(ILogger logger, string actionId, string rule, string exceptionType);

    [LoggerMessage(EventId = 7005, EventName = "AuditSinkSkipped", Level = LogLevel.Warning,
        Message = "Entra audit sink {Sink} was skipped for {Count} event(s) of {ActionId}: an earlier run of it is past its deadline and still running")]
    public static partial void AuditSinkSkipped(ILogger logger, string sink, int count, string actionId);
}
