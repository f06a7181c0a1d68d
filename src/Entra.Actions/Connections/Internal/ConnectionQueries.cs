using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.Connections.Internal;

/// <summary>A connection's <see cref="IEntraQueryActions"/>: stays valid across idle drops by running each call on the connection's current services.</summary>
internal sealed class ConnectionQueries(ConnectionLifetime lifetime) : IEntraQueryActions
{
    public Task<EntraActionResult<EntraUserSearchResult>> SearchUsersAsync(string query, int limit = SearchUsersAction.DefaultLimit, CancellationToken cancellationToken = default) =>
        lifetime.RunAsync(s => Queries(s).SearchUsersAsync(query, limit, cancellationToken));

    public Task<EntraActionResult<EntraGroup>> FindGroupAsync(string name, CancellationToken cancellationToken = default) =>
        lifetime.RunAsync(s => Queries(s).FindGroupAsync(name, cancellationToken));

    public Task<EntraActionResult<EntraGroupMemberList>> ListGroupMembersAsync(
        string groupId, bool transitive = false, int limit = ListGroupMembersAction.DefaultLimit, CancellationToken cancellationToken = default) =>
        lifetime.RunAsync(s => Queries(s).ListGroupMembersAsync(groupId, transitive, limit, cancellationToken));

    public Task<EntraActionResult<EntraMembershipCheck>> CheckMembershipAsync(string userId, string groupId, bool transitive = true, CancellationToken cancellationToken = default) =>
        lifetime.RunAsync(s => Queries(s).CheckMembershipAsync(userId, groupId, transitive, cancellationToken));

    public Task<EntraActionResult<EntraUserGroupList>> ListUserGroupsAsync(
        string userId, bool transitive = false, int limit = ListUserGroupsAction.DefaultLimit, CancellationToken cancellationToken = default) =>
        lifetime.RunAsync(s => Queries(s).ListUserGroupsAsync(userId, transitive, limit, cancellationToken));

    /// <inheritdoc />
    public override string ToString() => $"IEntraQueryActions {{ Connection = {lifetime.Name} }}";

    private static IEntraQueryActions Queries(IServiceProvider services) => services.GetRequiredService<IEntraQueryActions>();
}
