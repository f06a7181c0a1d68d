namespace Entra.Actions;

/// <summary>
/// Why an action failed. Members are appended only: never renumbered or removed, because hosts
/// persist and switch on these values.
/// </summary>
public enum EntraErrorKind
{
    /// <summary>An input was missing or malformed (for example an id that is neither a GUID nor a userPrincipalName). No request was sent.</summary>
    InvalidInput = 0,

    /// <summary>The user, group or member does not exist (Graph answered 404), or replication has not caught up yet.</summary>
    NotFound = 1,

    /// <summary>No valid token could be obtained or Graph rejected it (401): check the credential and tenant.</summary>
    Unauthorized = 2,

    /// <summary>The connected identity lacks a permission or directory role for the operation (403).</summary>
    Forbidden = 3,

    /// <summary>The group's kind does not allow membership changes through Graph (dynamic, mail-enabled security, distribution list, on-premises synced, or role-assignable without the extra permission).</summary>
    UnsupportedGroup = 4,

    /// <summary>Graph kept throttling the request (429) after the configured retries and time budget.</summary>
    Throttled = 5,

    /// <summary>Graph or the network failed: a 5xx status, a timeout, an unreadable response, or an unexpected status.</summary>
    ServiceError = 6,

    /// <summary>A bulk call was cancelled before this item finished. A write that was in flight may still have been applied.</summary>
    Cancelled = 7,

    /// <summary>
    /// The write policy refused the change (a protected group, a group outside the allowed ones, a guest, too many bulk
    /// items, or the host's own <see cref="IEntraWritePolicy"/>); the message names the rule and the reason. No write was sent.
    /// </summary>
    PolicyDenied = 8,

    /// <summary>
    /// A name matched more than one object where the action needs exactly one (Find group); the message lists up to 10
    /// candidates' ids and names, so the flow can be given an id instead. No change was made.
    /// </summary>
    Ambiguous = 9,
}
