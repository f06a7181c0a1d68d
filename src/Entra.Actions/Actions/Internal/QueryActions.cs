namespace Entra.Actions.Actions.Internal;

/// <summary>The <see cref="IEntraQueryActions"/> of a connection: it only delegates to the five query action classes. Thread-safe.</summary>
internal sealed class QueryActions : IEntraQueryActions
{
    private readonly SearchUsersAction _searchUsers;
    private readonly FindGroupAction _findGroup;
    private readonly ListGroupMembersAction _listGroupMembers;
    private readonly CheckMembershipAction _checkMembership;
    private readonly ListUserGroupsAction _listUserGroups;

    public QueryActions(
        SearchUsersAction searchUsers,
        FindGroupAction findGroup,
        ListGroupMembersAction listGroupMembers,
        CheckMembershipAction checkMembership,
        ListUserGroupsAction listUserGroups)
    {
        _searchUsers = searchUsers;
        _findGroup = findGroup;
        _listGroupMembers = listGroupMembers;
        _checkMembership = checkMembership;
        _listUserGroups = listUserGroups;
    }

    public Task<EntraActionResult<EntraUserSearchResult>> SearchUsersAsync(string query, int limit = SearchUsersAction.DefaultLimit, CancellationToken cancellationToken = default) =>
        _searchUsers.ExecuteAsync(query, limit, cancellationToken);

    public Task<EntraActionResult<EntraGroup>> FindGroupAsync(string name, CancellationToken cancellationToken = default) =>
        _findGroup.ExecuteAsync(name, cancellationToken);

    public Task<EntraActionResult<EntraGroupMemberList>> ListGroupMembersAsync(string groupId, bool transitive = false, int limit = ListGroupMembersAction.DefaultLimit, CancellationToken cancellationToken = default) =>
        _listGroupMembers.ExecuteAsync(groupId, transitive, limit, cancellationToken);

    public Task<EntraActionResult<EntraMembershipCheck>> CheckMembershipAsync(string userId, string groupId, bool transitive = true, CancellationToken cancellationToken = default) =>
        _checkMembership.ExecuteAsync(userId, groupId, transitive, cancellationToken);

    public Task<EntraActionResult<EntraUserGroupList>> ListUserGroupsAsync(string userId, bool transitive = false, int limit = ListUserGroupsAction.DefaultLimit, CancellationToken cancellationToken = default) =>
        _listUserGroups.ExecuteAsync(userId, transitive, limit, cancellationToken);
}
