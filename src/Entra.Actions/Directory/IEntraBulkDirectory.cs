namespace Entra.Actions;

/// <summary>
/// The seam for bulk work: the Graph requests that carry many ids at once. Like <see cref="IEntraDirectory"/>, implementations
/// validate ids, never throw for directory or service outcomes, and return per-item results where Graph answers per item.
/// </summary>
public interface IEntraBulkDirectory
{
    /// <summary>The most members one <see cref="AddGroupMembersAsync"/> call may bind (Graph's limit for <c>members@odata.bind</c>).</summary>
    const int MaxMembersPerWrite = 20;

    /// <summary>The most requests one <c>$batch</c> may carry.</summary>
    const int MaxBatchSteps = 20;

    /// <summary>The most ids one <c>getByIds</c> request may carry.</summary>
    const int MaxIdsPerGetByIds = 1000;

    /// <summary>
    /// The most ids one <c>$filter=id in (...)</c> may carry: Graph counts each value as a child clause and refuses more than 15
    /// (400 <c>Request_UnsupportedQuery</c> "Too many child clauses ... Max allowed: 15").
    /// </summary>
    const int MaxIdsPerFilter = 15;

    /// <summary>The most ids one <see cref="FindUsersByObjectIdsAsync"/> call takes: <see cref="MaxBatchSteps"/> steps of <see cref="MaxIdsPerFilter"/>.</summary>
    const int MaxIdsPerFilterBatch = MaxBatchSteps * MaxIdsPerFilter;

    /// <summary>Reads a group's direct member ids (<c>GET /groups/{id}/members?$select=id&amp;$top=999</c>), following next links.</summary>
    /// <param name="groupId">The group's object id.</param>
    /// <param name="maxPages">The most pages (of 999) to read; the result says whether that was all of them.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The member ids read, or a failure.</returns>
    Task<EntraActionResult<GroupMemberIds>> GetGroupMemberIdsAsync(string groupId, int maxPages, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds up to <see cref="MaxMembersPerWrite"/> members in one atomic write (<c>PATCH /groups/{id}</c> with <c>members@odata.bind</c>):
    /// all are added, or none is and the failure is returned (for one already a member, 400 <c>Request_BadRequest</c>; for one that does not exist, 404).
    /// A single member that is already there is a success with <see cref="MembershipOutcome.AlreadyMember"/>.
    /// </summary>
    /// <param name="groupId">The group's object id.</param>
    /// <param name="memberIds">Distinct member object ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="MembershipOutcome.Added"/> for all, <see cref="MembershipOutcome.AlreadyMember"/> (one member only), or the failure.</returns>
    Task<EntraActionResult<MembershipOutcome>> AddGroupMembersAsync(string groupId, IReadOnlyList<string> memberIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends up to <see cref="MaxBatchSteps"/> atomic writes like <see cref="AddGroupMembersAsync"/> in one <c>$batch</c>: a
    /// <c>PATCH /groups/{id}</c> step per chunk, each binding up to <see cref="MaxMembersPerWrite"/> members. Graph runs and
    /// throttles each step on its own, so each chunk is added whole or not at all, independently of the others.
    /// </summary>
    /// <param name="groupId">The group's object id.</param>
    /// <param name="memberChunks">Chunks of member object ids; no id may appear twice across them.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per chunk, in order, as <see cref="AddGroupMembersAsync"/> answers it (a throttled step is
    /// <see cref="EntraErrorKind.Throttled"/> with its <see cref="EntraActionError.RetryAfter"/>).</returns>
    /// <remarks>
    /// The default implementation, for implementations written before this member, sends the chunks one after another through
    /// <see cref="AddGroupMembersAsync"/>: the same outcomes, one request per chunk.
    /// </remarks>
    async Task<IReadOnlyList<EntraActionResult<MembershipOutcome>>> AddGroupMembersInBatchAsync(string groupId, IReadOnlyList<IReadOnlyList<string>> memberChunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memberChunks);
        var results = new List<EntraActionResult<MembershipOutcome>>(memberChunks.Count);
        foreach (var chunk in memberChunks)
        {
            results.Add(await AddGroupMembersAsync(groupId, chunk, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>Removes up to <see cref="MaxBatchSteps"/> member references in one <c>$batch</c> of <c>DELETE .../members/{id}/$ref</c> steps.</summary>
    /// <param name="groupId">The group's object id.</param>
    /// <param name="memberIds">Distinct member object ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per member, in order: <see cref="MembershipOutcome.Removed"/>, <see cref="MembershipOutcome.NotAMember"/>, or a failure
    /// (a throttled step is <see cref="EntraErrorKind.Throttled"/> with its <see cref="EntraActionError.RetryAfter"/>).</returns>
    Task<IReadOnlyList<EntraActionResult<MembershipOutcome>>> RemoveGroupMembersAsync(string groupId, IReadOnlyList<string> memberIds, CancellationToken cancellationToken = default);

    /// <summary>Reads up to <see cref="MaxBatchSteps"/> users in one <c>$batch</c> of <c>GET /users/{id}</c> steps.</summary>
    /// <param name="userIds">Distinct object ids or userPrincipalNames (without <c>#</c>: <c>$batch</c> step URLs are sent unescaped).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per id, in order.</returns>
    Task<IReadOnlyList<EntraActionResult<EntraUser>>> GetUsersAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads up to <see cref="MaxIdsPerFilterBatch"/> users by object id in one <c>$batch</c> of
    /// <c>GET /users?$filter=id in (...)&amp;$select=...</c> steps, <see cref="MaxIdsPerFilter"/> ids each. Needs only
    /// <c>User.Read.All</c>, and costs 1 RU per step instead of 1 per user. Only users can match, so an id that is a group,
    /// device or service principal is reported <see cref="EntraErrorKind.NotFound"/>, exactly like a user that does not exist.
    /// </summary>
    /// <param name="objectIds">Distinct object ids (GUIDs).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per id, in order: the user, <see cref="EntraErrorKind.NotFound"/>, or the failure of the id's step
    /// (a throttled step is <see cref="EntraErrorKind.Throttled"/> with its <see cref="EntraActionError.RetryAfter"/>).</returns>
    /// <remarks>
    /// The default implementation, for implementations written before this member, reads the users through
    /// <see cref="GetUsersAsync"/>, <see cref="MaxBatchSteps"/> at a time: the same results, 20 users per request.
    /// </remarks>
    async Task<IReadOnlyList<EntraActionResult<EntraUser>>> FindUsersByObjectIdsAsync(IReadOnlyList<string> objectIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objectIds);
        var results = new List<EntraActionResult<EntraUser>>(objectIds.Count);
        foreach (var chunk in objectIds.Chunk(MaxBatchSteps))
        {
            results.AddRange(await GetUsersAsync(chunk, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>
    /// Reads up to <see cref="MaxIdsPerFilterBatch"/> users by userPrincipalName in one <c>$batch</c> of
    /// <c>GET /users?$filter=userPrincipalName in (...)&amp;$select=...</c> steps, <see cref="MaxIdsPerFilter"/> names each.
    /// Only names made of letters, digits and <c>. - _ ! ^ ~ '</c> around one <c>@</c> are accepted (see
    /// <see cref="IsFilterSafeUserPrincipalName"/>): <c>$batch</c> step URLs travel unescaped.
    /// </summary>
    /// <param name="userPrincipalNames">Distinct userPrincipalNames (compared case-insensitively).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per name, in order: the user, <see cref="EntraErrorKind.NotFound"/>, or the failure of the name's step.</returns>
    /// <remarks>
    /// The default implementation, for implementations written before this member, reads the users through
    /// <see cref="GetUsersAsync"/>, <see cref="MaxBatchSteps"/> at a time.
    /// </remarks>
    async Task<IReadOnlyList<EntraActionResult<EntraUser>>> FindUsersByUserPrincipalNamesAsync(IReadOnlyList<string> userPrincipalNames, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userPrincipalNames);
        var results = new List<EntraActionResult<EntraUser>>(userPrincipalNames.Count);
        foreach (var chunk in userPrincipalNames.Chunk(MaxBatchSteps))
        {
            results.AddRange(await GetUsersAsync(chunk, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>
    /// Whether a userPrincipalName can travel inside a <c>$filter</c> string literal in an unescaped <c>$batch</c> step URL:
    /// letters, digits and <c>. - _ ! ^ ~ '</c> (a quote is doubled) before and after exactly one <c>@</c>. Anything else
    /// (a guest's <c>#EXT#</c>, say) is read on its own path.
    /// </summary>
    /// <param name="userPrincipalName">The name.</param>
    /// <returns>Whether it is safe in a filter.</returns>
    static bool IsFilterSafeUserPrincipalName(string userPrincipalName)
    {
        ArgumentNullException.ThrowIfNull(userPrincipalName);
        var at = userPrincipalName.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == userPrincipalName.Length - 1 || userPrincipalName.IndexOf('@', at + 1) >= 0 || userPrincipalName.Length > 256)
        {
            return false;
        }

        foreach (var c in userPrincipalName)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '!' or '^' or '~' or '\'' or '@'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads up to <see cref="MaxIdsPerGetByIds"/> users by object id in one request (<c>POST /directoryObjects/getByIds</c>, types <c>user</c>). Needs <c>Directory.Read.All</c>.</summary>
    /// <param name="objectIds">Distinct object ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The users found (ids that are not users, or do not exist, are absent), or a failure.</returns>
    Task<EntraActionResult<IReadOnlyList<EntraUser>>> GetUsersByObjectIdsAsync(IReadOnlyList<string> objectIds, CancellationToken cancellationToken = default);
}
