namespace Entra.Actions;

/// <summary>
/// The query actions flows need around the four: search users by name, find a group by name, list a group's members, check a
/// membership and list a user's groups. All are reads; every call returns a result (directory and service outcomes never
/// throw; only cancellation does). Inputs are validated before any request, and text goes into Graph's query only as an
/// escaped literal, so no input can change what is asked. Implementations are thread-safe.
/// </summary>
public interface IEntraQueryActions
{
    /// <summary>Finds users whose display name, given name, surname, mail or userPrincipalName starts with <paramref name="query"/> (case-insensitive).</summary>
    /// <param name="query">
    /// The start of a name or address: 1 to 256 characters; surrounding white space is ignored. Graph matches at most 120
    /// characters of a prefix, so a longer one is asked for by its first 120 and the answer narrowed to the whole of it.
    /// </param>
    /// <param name="limit">The most users to return, 1 to 999 (default 25).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The users and whether more matched, or a failure (<see cref="EntraErrorKind.InvalidInput"/>, <see cref="EntraErrorKind.Forbidden"/>, ...).</returns>
    /// <remarks>Needs <c>User.Read.All</c> (delegated or application); with only <c>User.ReadBasic.All</c> Graph would leave <c>jobTitle</c> null.</remarks>
    Task<EntraActionResult<EntraUserSearchResult>> SearchUsersAsync(string query, int limit = SearchUsersAction.DefaultLimit, CancellationToken cancellationToken = default);

    /// <summary>Finds the one group whose display name, mail or mail nickname equals <paramref name="name"/> (case-insensitive).</summary>
    /// <param name="name">The group's display name, mail address or mail nickname: 1 to 256 characters; surrounding white space is ignored.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The group (as Look up group returns it) when exactly one matches; <see cref="EntraErrorKind.NotFound"/> when none does;
    /// <see cref="EntraErrorKind.Ambiguous"/> when several do (the message lists up to 10 candidates' ids and names).
    /// </returns>
    /// <remarks>Needs <c>GroupMember.Read.All</c> (delegated or application).</remarks>
    Task<EntraActionResult<EntraGroup>> FindGroupAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Lists a group's members: users, nested groups, devices, service principals and contacts.</summary>
    /// <param name="groupId">The group's object id (GUID).</param>
    /// <param name="transitive">Whether to include the members of nested groups (default: direct members only).</param>
    /// <param name="limit">The most members to return, 1 to 100,000 (default 100).</param>
    /// <param name="cancellationToken">Cancels the call, also between pages.</param>
    /// <returns>The members, their count and whether there are more, or a failure (<see cref="EntraErrorKind.NotFound"/> for no such group, ...).</returns>
    /// <remarks>
    /// Needs <c>GroupMember.Read.All</c> and <c>User.ReadBasic.All</c> (delegated) or <c>User.Read.All</c> (application): Graph lists
    /// members of a type the connection may not read with only their id and type, so without a user permission users come back
    /// without names. Devices, service principals and contacts need <c>Device.Read.All</c>, <c>Application.Read.All</c> and
    /// <c>OrgContact.Read.All</c> for their names; members of a hidden-membership group need <c>Member.Read.Hidden</c>.
    /// </remarks>
    Task<EntraActionResult<EntraGroupMemberList>> ListGroupMembersAsync(string groupId, bool transitive = false, int limit = ListGroupMembersAction.DefaultLimit, CancellationToken cancellationToken = default);

    /// <summary>Checks whether a user is a member of a group.</summary>
    /// <param name="userId">The user's object id (GUID) or userPrincipalName.</param>
    /// <param name="groupId">The group's object id (GUID).</param>
    /// <param name="transitive">Whether membership through nested groups counts (default <see langword="true"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer, or a failure (<see cref="EntraErrorKind.NotFound"/> naming the user or the group that does not exist, ...).</returns>
    /// <remarks>Needs <c>GroupMember.Read.All</c> and <c>User.ReadBasic.All</c> (delegated) or <c>User.Read.All</c> (application).</remarks>
    Task<EntraActionResult<EntraMembershipCheck>> CheckMembershipAsync(string userId, string groupId, bool transitive = true, CancellationToken cancellationToken = default);

    /// <summary>Lists the groups a user is a member of. Directory roles and administrative units are not groups and are left out.</summary>
    /// <param name="userId">The user's object id (GUID) or userPrincipalName.</param>
    /// <param name="transitive">Whether to include groups the user is in through nesting (default: direct memberships only).</param>
    /// <param name="limit">The most groups to return, 1 to 100,000 (default 100).</param>
    /// <param name="cancellationToken">Cancels the call, also between pages.</param>
    /// <returns>The groups and whether there are more, or a failure (<see cref="EntraErrorKind.NotFound"/> for no such user, ...).</returns>
    /// <remarks>Needs <c>User.Read.All</c> and <c>GroupMember.Read.All</c> (delegated or application).</remarks>
    Task<EntraActionResult<EntraUserGroupList>> ListUserGroupsAsync(string userId, bool transitive = false, int limit = ListUserGroupsAction.DefaultLimit, CancellationToken cancellationToken = default);
}
