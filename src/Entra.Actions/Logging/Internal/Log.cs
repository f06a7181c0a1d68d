using Microsoft.Extensions.Logging;

namespace Entra.Actions.Logging.Internal;

/// <summary>
/// Every log message of the library, source-generated. EventIds are stable (hosts filter and alert on them):
/// 1000-1999 actions, 2000 and up the HTTP and Graph layer.
/// </summary>
/// <remarks>
/// Object ids may be logged at any level; userPrincipalNames, mail addresses and validation messages (which quote
/// the caller's value) only at Debug; tokens and secrets never.
/// </remarks>
// One declaration for every [LoggerMessage]: the generator emits separate partial declarations of one class in an
// unstable order, which made two builds of the same source differ.
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, EventName = "ActionStarted", Level = LogLevel.Debug,
        Message = "Entra action {ActionId} started")]
    public static partial void ActionStarted(ILogger logger, string actionId);

    [LoggerMessage(EventId = 1001, EventName = "LookupSucceeded", Level = LogLevel.Debug,
        Message = "Entra action {ActionId} found object {ObjectId}")]
    public static partial void LookupSucceeded(ILogger logger, string actionId, string objectId);

    [LoggerMessage(EventId = 1002, EventName = "MembershipChangeSucceeded", Level = LogLevel.Information,
        Message = "Entra action {ActionId} succeeded: {Outcome}, member {MemberId}, group {GroupId}")]
    public static partial void MembershipChangeSucceeded(ILogger logger, string actionId, MembershipOutcome outcome, string memberId, string groupId);

    [LoggerMessage(EventId = 1003, EventName = "ActionFailed", Level = LogLevel.Warning,
        Message = "Entra action {ActionId} failed: {ErrorKind}, status {StatusCode}, code {GraphErrorCode}, request-id {RequestId}")]
    public static partial void ActionFailed(ILogger logger, string actionId, EntraErrorKind errorKind, int? statusCode, string? graphErrorCode, string? requestId);

    [LoggerMessage(EventId = 1004, EventName = "InputRejected", Level = LogLevel.Warning,
        Message = "Entra action {ActionId} rejected its input {InputName}; no request was sent")]
    public static partial void InputRejected(ILogger logger, string actionId, string inputName);

    [LoggerMessage(EventId = 1005, EventName = "FailureDetail", Level = LogLevel.Debug,
        Message = "Entra action {ActionId} failure detail: {ErrorMessage}")]
    public static partial void FailureDetail(ILogger logger, string actionId, string errorMessage);

    [LoggerMessage(EventId = 1006, EventName = "GroupRefused", Level = LogLevel.Warning,
        Message = "Entra action {ActionId} refused group {GroupId} before writing: kind {GroupKind}, dynamic {IsDynamic}, synced {OnPremisesSyncEnabled}, role-assignable {IsAssignableToRole}")]
    public static partial void GroupRefused(ILogger logger, string actionId, string groupId, EntraGroupKind groupKind, bool isDynamic, bool? onPremisesSyncEnabled, bool isAssignableToRole);

    [LoggerMessage(EventId = 1007, EventName = "UserResolved", Level = LogLevel.Debug,
        Message = "Entra action {ActionId} resolved userPrincipalName {UserPrincipalName} to object {ObjectId}")]
    public static partial void UserResolved(ILogger logger, string actionId, string userPrincipalName, string objectId);

    [LoggerMessage(EventId = 1008, EventName = "DirectoryThrew", Level = LogLevel.Warning,
        Message = "Entra action {ActionId}: the directory threw {ExceptionType} instead of returning a result; reported as a service error")]
    public static partial void DirectoryThrew(ILogger logger, string actionId, string exceptionType);

    [LoggerMessage(EventId = 1009, EventName = "DirectoryExceptionDetail", Level = LogLevel.Debug,
        Message = "Entra action {ActionId}: directory exception detail")]
    public static partial void DirectoryExceptionDetail(ILogger logger, string actionId, Exception exception);

    [LoggerMessage(EventId = 1010, EventName = "QueryCompleted", Level = LogLevel.Debug,
        Message = "Entra action {ActionId} returned {Count} item(s), truncated {Truncated}")]
    public static partial void QueryCompleted(ILogger logger, string actionId, int count, bool truncated);

    [LoggerMessage(EventId = 1011, EventName = "MembershipChecked", Level = LogLevel.Debug,
        Message = "Entra action {ActionId}: member {IsMember} of group {GroupId} (transitive {Transitive})")]
    public static partial void MembershipChecked(ILogger logger, string actionId, bool isMember, string groupId, bool transitive);

    // Log messages of the HTTP layer (EventIds 2000-2999). Never a header value, token or body.

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

    // Log messages of the bulk actions (EventIds 3000-3999). Counts only; no ids.

    [LoggerMessage(EventId = 3000, Level = LogLevel.Debug, Message = "{ActionId} started with {Items} items.")]
    public static partial void BulkStarted(ILogger logger, string actionId, int items);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "{ActionId} finished {Items} items: {Succeeded} succeeded, {Failed} failed, in {ElapsedMs} ms.")]
    public static partial void BulkCompleted(ILogger logger, string actionId, int items, int succeeded, int failed, double elapsedMs);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "{Throttled} of {Steps} items sent in $batch steps were refused for now (429, 503, 504, 424); resending them in {DelayMs} ms.")]
    public static partial void BulkStepsThrottled(ILogger logger, int throttled, int steps, double delayMs);

    [LoggerMessage(EventId = 3003, EventName = "BulkPolicyDenied", Level = LogLevel.Warning,
        Message = "The write policy refused {Denied} of {Items} items of {ActionId} (first rule {Rule}); no write was sent for them")]
    public static partial void BulkPolicyDenied(ILogger logger, string actionId, int denied, int items, string rule);

    // Log messages of the action invoker (EventIds 5000-5999).

    [LoggerMessage(EventId = 5000, EventName = "InvocationUnknownAction", Level = LogLevel.Warning,
        Message = "No Entra action has the id {ActionId}; nothing was run")]
    public static partial void InvocationUnknownAction(ILogger logger, string actionId);

    [LoggerMessage(EventId = 5001, EventName = "InvocationInputsRejected", Level = LogLevel.Warning,
        Message = "Entra action {ActionId} was invoked with inputs that do not match its input schema; no request was sent")]
    public static partial void InvocationInputsRejected(ILogger logger, string actionId);

    [LoggerMessage(EventId = 5002, EventName = "InvocationThrew", Level = LogLevel.Warning,
        Message = "Entra action {ActionId} threw {ExceptionType} instead of returning a result; reported as a service error")]
    public static partial void InvocationThrew(ILogger logger, string actionId, string exceptionType);

    // Log messages of connections and the connection check (EventIds 4000-4999). Connection names and kinds only; never tokens.

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

    // Connect-flow messages, EventIds 6000-6999. Connection names and object ids only: never codes, verifiers, tokens or secrets.

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

    // Write policy and audit trail: EventIds 7000-7099.

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

    // Shared throttling across nodes: EventIds 8000-8099.

    [LoggerMessage(EventId = 8000, EventName = "ThrottleStoreUnavailable", Level = LogLevel.Warning,
        Message = "The shared throttle store {Store} is unavailable ({Reason}, {ExceptionType}); each connection throttles on its own (Retry-After pauses and write pacing are not shared) and the store is asked again in {RetryIntervalSeconds} s")]
    public static partial void ThrottleStoreUnavailable(ILogger logger, string store, string reason, string exceptionType, double retryIntervalSeconds);

    [LoggerMessage(EventId = 8001, EventName = "ThrottleStoreRestored", Level = LogLevel.Information,
        Message = "The shared throttle store {Store} answers again; throttling is shared across nodes")]
    public static partial void ThrottleStoreRestored(ILogger logger, string store);
}
