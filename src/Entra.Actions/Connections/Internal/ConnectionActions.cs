using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.Connections.Internal;

/// <summary>A connection's <see cref="IEntraActions"/>: stays valid across idle drops by running each call on the connection's current services.</summary>
internal sealed class ConnectionActions(ConnectionLifetime lifetime) : IEntraActions
{
    public Task<EntraActionResult<EntraUser>> LookupUserAsync(string userId, CancellationToken cancellationToken = default) =>
        lifetime.RunAsync(s => Actions(s).LookupUserAsync(userId, cancellationToken));

    public Task<EntraActionResult<EntraUser>> LookupUserAsync(string userId, IEnumerable<string>? additionalProperties, CancellationToken cancellationToken = default) =>
        lifetime.RunAsync(s => Actions(s).LookupUserAsync(userId, additionalProperties, cancellationToken));

    public Task<EntraActionResult<EntraGroup>> LookupGroupAsync(string groupId, CancellationToken cancellationToken = default) =>
        lifetime.RunAsync(s => Actions(s).LookupGroupAsync(groupId, cancellationToken));

    public Task<EntraActionResult<EntraGroup>> LookupGroupAsync(string groupId, IEnumerable<string>? additionalProperties, CancellationToken cancellationToken = default) =>
        lifetime.RunAsync(s => Actions(s).LookupGroupAsync(groupId, additionalProperties, cancellationToken));

    public Task<EntraActionResult<MembershipChange>> AddUserToGroupAsync(string userId, string groupId, CancellationToken cancellationToken = default) =>
        lifetime.RunAsync(s => Actions(s).AddUserToGroupAsync(userId, groupId, cancellationToken));

    public Task<EntraActionResult<MembershipChange>> RemoveMemberFromGroupAsync(string memberId, string groupId, CancellationToken cancellationToken = default) =>
        lifetime.RunAsync(s => Actions(s).RemoveMemberFromGroupAsync(memberId, groupId, cancellationToken));

    public Task<EntraActionResult<MembershipChange>> AddUserToGroupAsync(string userId, string groupId, EntraWriteOptions options, CancellationToken cancellationToken = default) =>
        lifetime.RunAsync(s => Actions(s).AddUserToGroupAsync(userId, groupId, options, cancellationToken));

    public Task<EntraActionResult<MembershipChange>> RemoveMemberFromGroupAsync(string memberId, string groupId, EntraWriteOptions options, CancellationToken cancellationToken = default) =>
        lifetime.RunAsync(s => Actions(s).RemoveMemberFromGroupAsync(memberId, groupId, options, cancellationToken));

    /// <inheritdoc />
    public override string ToString() => $"IEntraActions {{ Connection = {lifetime.Name} }}";

    private static IEntraActions Actions(IServiceProvider services) => services.GetRequiredService<IEntraActions>();
}
