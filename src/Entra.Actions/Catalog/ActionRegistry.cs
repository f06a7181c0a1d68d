namespace Entra.Actions;

/// <summary>
/// The one place that lists the invocable actions: each action's own metadata (<c>LookupUserAction.Metadata</c>, ...,
/// <see cref="EntraBulkActionMetadata"/>) bound to its typed inputs, outputs and call. The catalog and the invoker are
/// generated from it; a test checks by reflection that every action metadata in the assembly is here exactly once.
/// </summary>
internal static class ActionRegistry
{
    private static readonly Lazy<IReadOnlyList<ActionBinding>> Bindings = new(Create);
    private static readonly Lazy<IReadOnlyDictionary<string, ActionBinding>> ById =
        new(() => Bindings.Value.ToDictionary(b => b.Descriptor.Id, StringComparer.Ordinal));

    /// <summary>Every action, single actions first, in catalog order.</summary>
    public static IReadOnlyList<ActionBinding> All => Bindings.Value;

    /// <summary>Finds an action by its exact id.</summary>
    /// <param name="actionId">The id.</param>
    /// <returns>The binding, or <see langword="null"/>.</returns>
    public static ActionBinding? Find(string actionId) => ById.Value.GetValueOrDefault(actionId);

    private static IReadOnlyList<ActionBinding> Create() =>
    [
        ActionBinding.Single<LookupUserInput, EntraUser>(
            LookupUserAction.Metadata, (a, i, ct) => a.LookupUserAsync(i.UserId, i.AdditionalProperties, ct)),
        ActionBinding.Single<LookupGroupInput, EntraGroup>(
            LookupGroupAction.Metadata, (a, i, ct) => a.LookupGroupAsync(i.GroupId, i.AdditionalProperties, ct)),
        ActionBinding.Single<AddUserToGroupInput, MembershipChange>(
            AddUserToGroupAction.Metadata, (a, i, ct) => a.AddUserToGroupAsync(i.UserId, i.GroupId, ct), successOutput: true),
        ActionBinding.Single<RemoveMemberFromGroupInput, MembershipChange>(
            RemoveMemberFromGroupAction.Metadata, (a, i, ct) => a.RemoveMemberFromGroupAsync(i.MemberId, i.GroupId, ct), successOutput: true),
        ActionBinding.Bulk<BulkAddUsersToGroupInput, MembershipChange>(
            EntraBulkActionMetadata.AddUsersToGroup, (b, i, ct) => b.AddUsersToGroupAsync(i.GroupId, i.UserIds, ct), i => i.GroupId),
        ActionBinding.Bulk<BulkRemoveMembersFromGroupInput, MembershipChange>(
            EntraBulkActionMetadata.RemoveMembersFromGroup, (b, i, ct) => b.RemoveMembersFromGroupAsync(i.GroupId, i.MemberIds, ct), i => i.GroupId),
        ActionBinding.Bulk<BulkLookupUsersInput, EntraUser>(
            EntraBulkActionMetadata.LookupUsers, (b, i, ct) => b.LookupUsersAsync(i.UserIds, ct)),
    ];
}
