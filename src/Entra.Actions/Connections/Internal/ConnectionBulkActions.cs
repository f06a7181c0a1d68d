using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.Connections.Internal;

/// <summary>A connection's <see cref="IEntraBulkActions"/>: stays valid across idle drops by running each call on the connection's current services.</summary>
internal sealed class ConnectionBulkActions(ConnectionLifetime lifetime) : IEntraBulkActions
{
    public Task<BulkResult<MembershipChange>> AddUsersToGroupAsync(string groupId, IEnumerable<string> userIds, CancellationToken cancellationToken = default) =>
        lifetime.RunAsync(s => Bulk(s).AddUsersToGroupAsync(groupId, userIds, cancellationToken));

    public Task<BulkResult<MembershipChange>> AddUsersToGroupAsync(string groupId, IEnumerable<string> userIds, BulkOptions options, CancellationToken cancellationToken = default) =>
        lifetime.RunAsync(s => Bulk(s).AddUsersToGroupAsync(groupId, userIds, options, cancellationToken));

    public Task<BulkResult<MembershipChange>> RemoveMembersFromGroupAsync(string groupId, IEnumerable<string> memberIds, CancellationToken cancellationToken = default) =>
        lifetime.RunAsync(s => Bulk(s).RemoveMembersFromGroupAsync(groupId, memberIds, cancellationToken));

    public Task<BulkResult<MembershipChange>> RemoveMembersFromGroupAsync(string groupId, IEnumerable<string> memberIds, BulkOptions options, CancellationToken cancellationToken = default) =>
        lifetime.RunAsync(s => Bulk(s).RemoveMembersFromGroupAsync(groupId, memberIds, options, cancellationToken));

    public Task<BulkResult<EntraUser>> LookupUsersAsync(IEnumerable<string> userIds, CancellationToken cancellationToken = default) =>
        lifetime.RunAsync(s => Bulk(s).LookupUsersAsync(userIds, cancellationToken));

    public Task<BulkResult<EntraUser>> LookupUsersAsync(IEnumerable<string> userIds, BulkOptions options, CancellationToken cancellationToken = default) =>
        lifetime.RunAsync(s => Bulk(s).LookupUsersAsync(userIds, options, cancellationToken));

    /// <inheritdoc />
    public override string ToString() => $"IEntraBulkActions {{ Connection = {lifetime.Name} }}";

    private static IEntraBulkActions Bulk(IServiceProvider services) => services.GetRequiredService<IEntraBulkActions>();
}
