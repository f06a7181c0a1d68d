namespace Entra.Actions;

/// <summary>
/// Membership changes and lookups for many ids at once, at Graph's round-trip limits: 20 members per
/// <c>members@odata.bind</c> write, 20 requests per <c>$batch</c>, 15 ids per <c>$filter=id in (...)</c>, 1,000 ids per
/// <c>getByIds</c>. Every input gets its
/// own exact result, in input order; invalid items fail alone and the rest proceed. Only cancellation throws;
/// what was done before it is not undone. Implementations are thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// The membership calls are guarded by the write policy (<see cref="EntraActionsOptions.Policy"/>). A call with more items
/// than <see cref="EntraWritePolicyOptions.MaxBulkItems"/> (duplicates counted, as given) is refused as a whole before any
/// request: every item fails with <see cref="EntraErrorKind.PolicyDenied"/>, which is also <see cref="BulkResult{T}.CallError"/>.
/// The limit is a write rule: lookups are not limited. After the group is read, its rules (<c>ProtectedGroupIds</c>,
/// <c>AllowedGroupIds</c>) are checked once, a refusal failing the call the same way; after the users are read, each member
/// is checked (<c>RefuseGuests</c> for adds, then every <see cref="IEntraWritePolicy"/>, failing closed), a refused item
/// failing alone and never written. When the policy looks at members, an add reads every user (whatever
/// <see cref="BulkOptions.VerifyUsers"/> says), with <c>userType</c> when guests are refused; a removal by object id reads no
/// user, so a policy sees none for it.
/// </para>
/// <para>
/// <see cref="BulkOptions.DryRun"/> runs the same reads and checks and reports what each item would get, writing nothing.
/// </para>
/// <para>
/// Each membership call, dry runs and refusals included, hands every <see cref="IEntraAuditSink"/> one
/// <see cref="EntraAuditEvent"/> per distinct item (an input repeating an earlier one has no event of its own: nothing was
/// sent for it), all sharing one correlation id, published once when the call ends (also when it is cancelled, before
/// <see cref="BulkOperationCanceledException{T}"/> is thrown); a call refused for its size has one event, with no user.
/// Every bulk call, lookups included, is one activity of the <c>Entra.Actions</c> source with its item counts as tags
/// (<c>entra.bulk.items</c>, <c>entra.bulk.succeeded</c>, <c>entra.bulk.failed</c>), and its items are counted by outcome in
/// the <c>entra.bulk.items</c> counter.
/// </para>
/// </remarks>
public interface IEntraBulkActions
{
    /// <summary>
    /// Adds users to a group: each user is first read, to be sure it is a user (see <see cref="BulkOptions.VerifyUsers"/>), then
    /// bound 20 per atomic write, 20 writes per <c>$batch</c>. Idempotent per user (<see cref="MembershipOutcome.AlreadyMember"/>).
    /// </summary>
    /// <param name="groupId">The group's object id (GUID).</param>
    /// <param name="userIds">The users' object ids or userPrincipalNames.</param>
    /// <param name="cancellationToken">Cancels the remaining work.</param>
    /// <returns>One item per input, in input order.</returns>
    /// <remarks>Needs <c>GroupMember.ReadWrite.All</c> and <c>User.Read.All</c>; with <see cref="BulkOptions.UseGetByIds"/>, also <c>Directory.Read.All</c>.</remarks>
    Task<BulkResult<MembershipChange>> AddUsersToGroupAsync(string groupId, IEnumerable<string> userIds, CancellationToken cancellationToken = default);

    /// <summary>Adds users to a group with explicit options.</summary>
    /// <param name="groupId">The group's object id (GUID).</param>
    /// <param name="userIds">The users' object ids or userPrincipalNames.</param>
    /// <param name="options">Concurrency, progress and strategy.</param>
    /// <param name="cancellationToken">Cancels the remaining work.</param>
    /// <returns>One item per input, in input order.</returns>
    /// <remarks>Needs <c>GroupMember.ReadWrite.All</c> and <c>User.Read.All</c>; with <see cref="BulkOptions.UseGetByIds"/>, also <c>Directory.Read.All</c>.</remarks>
    Task<BulkResult<MembershipChange>> AddUsersToGroupAsync(string groupId, IEnumerable<string> userIds, BulkOptions options, CancellationToken cancellationToken = default);

    /// <summary>Removes members from a group, 20 per <c>$batch</c>, each through its <c>/$ref</c>. Idempotent per member (<see cref="MembershipOutcome.NotAMember"/>).</summary>
    /// <param name="groupId">The group's object id (GUID).</param>
    /// <param name="memberIds">The members' object ids, or users' userPrincipalNames.</param>
    /// <param name="cancellationToken">Cancels the remaining work.</param>
    /// <returns>One item per input, in input order.</returns>
    /// <remarks>Needs <c>GroupMember.ReadWrite.All</c> (plus <c>User.Read.All</c> for userPrincipalNames).</remarks>
    Task<BulkResult<MembershipChange>> RemoveMembersFromGroupAsync(string groupId, IEnumerable<string> memberIds, CancellationToken cancellationToken = default);

    /// <summary>Removes members from a group with explicit options.</summary>
    /// <param name="groupId">The group's object id (GUID).</param>
    /// <param name="memberIds">The members' object ids, or users' userPrincipalNames.</param>
    /// <param name="options">Concurrency, progress and strategy.</param>
    /// <param name="cancellationToken">Cancels the remaining work.</param>
    /// <returns>One item per input, in input order.</returns>
    /// <remarks>Needs <c>GroupMember.ReadWrite.All</c> (plus <c>User.Read.All</c> for userPrincipalNames).</remarks>
    Task<BulkResult<MembershipChange>> RemoveMembersFromGroupAsync(string groupId, IEnumerable<string> memberIds, BulkOptions options, CancellationToken cancellationToken = default);

    /// <summary>
    /// Looks up users by object id or userPrincipalName, 300 per <c>$batch</c> of <c>$filter=... in (...)</c> reads (15 per step);
    /// a guest's userPrincipalName (with <c>#EXT#</c>) is read on its own.
    /// </summary>
    /// <param name="userIds">Object ids and userPrincipalNames, mixed.</param>
    /// <param name="cancellationToken">Cancels the remaining work.</param>
    /// <returns>One item per input, in input order; a missing user is a <see cref="EntraErrorKind.NotFound"/> item.</returns>
    /// <remarks>Needs <c>User.Read.All</c>; with <see cref="BulkOptions.UseGetByIds"/>, also <c>Directory.Read.All</c>.</remarks>
    Task<BulkResult<EntraUser>> LookupUsersAsync(IEnumerable<string> userIds, CancellationToken cancellationToken = default);

    /// <summary>Looks up users with explicit options (for example <see cref="BulkOptions.UseGetByIds"/>: 1,000 object ids per request).</summary>
    /// <param name="userIds">Object ids and userPrincipalNames, mixed.</param>
    /// <param name="options">Concurrency, progress and strategy.</param>
    /// <param name="cancellationToken">Cancels the remaining work.</param>
    /// <returns>One item per input, in input order.</returns>
    /// <remarks>Needs <c>User.Read.All</c>; with <see cref="BulkOptions.UseGetByIds"/>, also <c>Directory.Read.All</c>.</remarks>
    Task<BulkResult<EntraUser>> LookupUsersAsync(IEnumerable<string> userIds, BulkOptions options, CancellationToken cancellationToken = default);
}
