using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Directory.Internal;

/// <summary>
/// The seam for bulk work: the Graph requests that carry many ids at once. Ids arrive validated (<see cref="ObjectId"/>,
/// <see cref="ValidatedId"/>) and distinct, and counts within <see cref="GraphLimits"/>: the engine validates once, and an
/// implementation only formats them (an empty list or a count past a limit is a programming error:
/// <see cref="ArgumentOutOfRangeException"/>). Directory and service outcomes never throw; they come back per item where Graph
/// answers per item.
/// </summary>
internal interface IEntraBulkDirectory
{
    /// <summary>Reads a group's direct member ids (<c>GET /groups/{id}/members?$select=id&amp;$top=999</c>), following next links.</summary>
    /// <param name="group">The group.</param>
    /// <param name="maxPages">The most pages (of 999) to read; the result says whether that was all of them.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The member ids read, or a failure.</returns>
    Task<EntraActionResult<GroupMemberIds>> GetGroupMemberIdsAsync(ObjectId group, int maxPages, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds up to <see cref="GraphLimits.MaxMembersPerWrite"/> members in one atomic write (<c>PATCH /groups/{id}</c> with
    /// <c>members@odata.bind</c>): all are added, or none is and the answer says why.
    /// </summary>
    /// <param name="group">The group.</param>
    /// <param name="members">Distinct members.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The write's answer: added, a lone member already there, or refused (a listed member already there, a listed
    /// object or the group missing, throttled or unavailable, or another failure).</returns>
    Task<MemberAddAnswer> AddGroupMembersAsync(ObjectId group, IReadOnlyList<ObjectId> members, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends up to <see cref="GraphLimits.MaxBatchSteps"/> atomic writes like <see cref="AddGroupMembersAsync"/> in one
    /// <c>$batch</c>: a <c>PATCH /groups/{id}</c> step per chunk. Graph runs and throttles each step on its own, so each chunk
    /// is added whole or not at all, independently of the others.
    /// </summary>
    /// <param name="group">The group.</param>
    /// <param name="memberChunks">Chunks of members; no member appears twice across them (two steps binding one member would race).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One answer per chunk, in order, as <see cref="AddGroupMembersAsync"/> gives it.</returns>
    Task<IReadOnlyList<MemberAddAnswer>> AddGroupMembersInBatchAsync(ObjectId group, IReadOnlyList<IReadOnlyList<ObjectId>> memberChunks, CancellationToken cancellationToken = default);

    /// <summary>Removes up to <see cref="GraphLimits.MaxBatchSteps"/> member references in one <c>$batch</c> of <c>DELETE .../members/{id}/$ref</c> steps.</summary>
    /// <param name="group">The group.</param>
    /// <param name="members">Distinct members.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per member, in order: <see cref="MembershipOutcome.Removed"/>, <see cref="MembershipOutcome.NotAMember"/>, or a failure
    /// (a throttled step is <see cref="EntraErrorKind.Throttled"/> with its <see cref="EntraActionError.RetryAfter"/>).</returns>
    Task<IReadOnlyList<EntraActionResult<MembershipOutcome>>> RemoveGroupMembersAsync(ObjectId group, IReadOnlyList<ObjectId> members, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads up to <see cref="GraphLimits.MaxIdsPerFilterBatch"/> users by object id in one <c>$batch</c> of
    /// <c>GET /users?$filter=id in (...)&amp;$select=...</c> steps, <see cref="GraphLimits.MaxIdsPerFilter"/> ids each. Needs only
    /// <c>User.Read.All</c>, and costs 1 RU per step instead of 1 per user. Only users can match, so an id that is a group,
    /// device or service principal is reported <see cref="EntraErrorKind.NotFound"/>, exactly like a user that does not exist.
    /// </summary>
    /// <param name="ids">Distinct object ids.</param>
    /// <param name="additionalProperties">Validated Graph property names to select besides the defaults (in <see cref="EntraUser.AdditionalProperties"/>); none by default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per id, in order: the user, <see cref="EntraErrorKind.NotFound"/>, or the failure of the id's step
    /// (a throttled step is <see cref="EntraErrorKind.Throttled"/> with its <see cref="EntraActionError.RetryAfter"/>).</returns>
    Task<IReadOnlyList<EntraActionResult<EntraUser>>> FindUsersByObjectIdsAsync(IReadOnlyList<ObjectId> ids, IReadOnlyCollection<string>? additionalProperties = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads up to <see cref="GraphLimits.MaxIdsPerFilterBatch"/> users by userPrincipalName in one <c>$batch</c> of
    /// <c>GET /users?$filter=userPrincipalName in (...)&amp;$select=...</c> steps, <see cref="GraphLimits.MaxIdsPerFilter"/> names each.
    /// </summary>
    /// <param name="names">Distinct userPrincipalNames (compared case-insensitively), each one that
    /// <see cref="EntraIdValidator.IsFilterSafeUserPrincipalName"/> accepts: <c>$batch</c> step URLs travel unescaped.</param>
    /// <param name="additionalProperties">Validated Graph property names to select besides the defaults; none by default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per name, in order: the user, <see cref="EntraErrorKind.NotFound"/>, or the failure of the name's step.</returns>
    Task<IReadOnlyList<EntraActionResult<EntraUser>>> FindUsersByUserPrincipalNamesAsync(IReadOnlyList<ValidatedId> names, IReadOnlyCollection<string>? additionalProperties = null, CancellationToken cancellationToken = default);

    /// <summary>Reads up to <see cref="GraphLimits.MaxIdsPerGetByIds"/> users by object id in one request (<c>POST /directoryObjects/getByIds</c>, types <c>user</c>). Needs <c>Directory.Read.All</c>.</summary>
    /// <param name="ids">Distinct object ids.</param>
    /// <param name="additionalProperties">Validated Graph property names to select besides the defaults (then sent with <c>$select</c>); none by default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The users found (ids that are not users, or do not exist, are absent), or a failure.</returns>
    Task<EntraActionResult<IReadOnlyList<EntraUser>>> GetUsersByObjectIdsAsync(IReadOnlyList<ObjectId> ids, IReadOnlyCollection<string>? additionalProperties = null, CancellationToken cancellationToken = default);
}
