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
}
