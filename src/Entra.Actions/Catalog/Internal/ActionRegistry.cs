namespace Entra.Actions.Catalog.Internal;

/// <summary>
/// The one place that lists this library's invocable actions, in catalog order: each action class's own
/// <see cref="EntraActionDescriptor"/> (<see cref="LookupUserAction.Descriptor"/>, ..., <see cref="EntraBulkActionMetadata"/>).
/// A test checks by reflection that every descriptor the assembly declares is here exactly once.
/// </summary>
internal static class ActionRegistry
{
    private static readonly Lazy<IReadOnlyList<EntraActionDescriptor>> Descriptors = new(() =>
    [
        LookupUserAction.Descriptor,
        LookupGroupAction.Descriptor,
        AddUserToGroupAction.Descriptor,
        RemoveMemberFromGroupAction.Descriptor,
        SearchUsersAction.Descriptor,
        FindGroupAction.Descriptor,
        ListGroupMembersAction.Descriptor,
        CheckMembershipAction.Descriptor,
        ListUserGroupsAction.Descriptor,
        EntraBulkActionMetadata.AddUsersToGroup,
        EntraBulkActionMetadata.RemoveMembersFromGroup,
        EntraBulkActionMetadata.LookupUsers,
    ]);

    private static readonly Lazy<IReadOnlyDictionary<string, EntraActionDescriptor>> ById =
        new(() => Descriptors.Value.ToDictionary(d => d.Id, StringComparer.Ordinal));

    /// <summary>Every action, single actions first, in catalog order.</summary>
    public static IReadOnlyList<EntraActionDescriptor> All => Descriptors.Value;

    /// <summary>Finds an action by its exact id.</summary>
    /// <param name="actionId">The id.</param>
    /// <returns>The descriptor, or <see langword="null"/>.</returns>
    public static EntraActionDescriptor? Find(string actionId) => ById.Value.GetValueOrDefault(actionId);
}
