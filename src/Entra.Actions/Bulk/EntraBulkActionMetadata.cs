using Entra.Actions.Catalog.Internal;
using Entra.Actions.Catalog.Internal.Inputs;

namespace Entra.Actions;

/// <summary>
/// What the bulk actions (<see cref="IEntraBulkActions"/>) are, take, return and need, and how the invoker runs them: the bulk
/// counterpart of the single actions' static <c>Descriptor</c> properties, and their entries in the action catalog.
/// </summary>
public static class EntraBulkActionMetadata
{
    /// <summary>The id of the Bulk add users to group action.</summary>
    public const string AddUsersToGroupId = "entra.bulk_add_users_to_group";

    /// <summary>The id of the Bulk remove members from group action.</summary>
    public const string RemoveMembersFromGroupId = "entra.bulk_remove_members_from_group";

    /// <summary>The id of the Bulk look up users action.</summary>
    public const string LookupUsersId = "entra.bulk_lookup_users";

    private static readonly EntraActionParameter GroupIdInput =
        new() { Name = "groupId", DisplayName = "Group ID", TypeName = "string", IsRequired = true, Description = "The group's object id (GUID)." };

    private static readonly EntraActionParameter DryRunInput =
        new() { Name = "dryRun", DisplayName = "Dry run", TypeName = "boolean", IsRequired = false, Description = "When true, runs the same reads and checks (ids, group kind, write policy, a write permission in the token) and reports each item's would-be outcome with isDryRun set, writing nothing. Default false." };

    private static readonly BulkOptions DryRunOptions = new() { DryRun = true };

    private static readonly string[] MembershipWritePermissions = ["GroupMember.ReadWrite.All", "User.Read.All"];

    /// <summary>Bulk add users to group (<see cref="IEntraBulkActions.AddUsersToGroupAsync(string, IEnumerable{string}, CancellationToken)"/>).</summary>
    public static EntraActionDescriptor AddUsersToGroup { get; } = ActionBinding.Bulk<BulkAddUsersToGroupInput, MembershipChange>(
        Definition(
            AddUsersToGroupId,
            "Add users to group (bulk)",
            "Adds many users to a Microsoft 365 or security group, checking that each is a user and binding up to 400 per request. Each user gets its own result (Added, AlreadyMember or an error); invalid users fail alone and the rest proceed. Refuses the same group kinds as Add user to group.",
            [
                GroupIdInput,
                new() { Name = "userIds", DisplayName = "User IDs", TypeName = "string[]", IsRequired = true, Description = "The users' object ids (GUIDs) or userPrincipalNames, mixed." },
                DryRunInput,
            ],
            "The users' results, in input order; a successful item's value has memberId, groupId, outcome (Added or AlreadyMember), isDryRun and changed.",
            MembershipWritePermissions,
            isWrite: true),
        (b, i, ct) => i.DryRun == true ? b.AddUsersToGroupAsync(i.GroupId, i.UserIds, DryRunOptions, ct) : b.AddUsersToGroupAsync(i.GroupId, i.UserIds, ct),
        i => i.GroupId);

    /// <summary>Bulk remove members from group (<see cref="IEntraBulkActions.RemoveMembersFromGroupAsync(string, IEnumerable{string}, CancellationToken)"/>).</summary>
    public static EntraActionDescriptor RemoveMembersFromGroup { get; } = ActionBinding.Bulk<BulkRemoveMembersFromGroupInput, MembershipChange>(
        Definition(
            RemoveMembersFromGroupId,
            "Remove members from group (bulk)",
            "Removes many direct members from a Microsoft 365 or security group, 20 per request, each through its membership reference. Each member gets its own result (Removed, NotAMember or an error). Refuses the same group kinds as Remove member from group.",
            [
                GroupIdInput,
                new() { Name = "memberIds", DisplayName = "Member IDs", TypeName = "string[]", IsRequired = true, Description = "The members' object ids (GUIDs), or users' userPrincipalNames, mixed." },
                DryRunInput,
            ],
            "The members' results, in input order; a successful item's value has memberId, groupId, outcome (Removed or NotAMember), isDryRun and changed.",
            MembershipWritePermissions,
            isWrite: true),
        (b, i, ct) => i.DryRun == true ? b.RemoveMembersFromGroupAsync(i.GroupId, i.MemberIds, DryRunOptions, ct) : b.RemoveMembersFromGroupAsync(i.GroupId, i.MemberIds, ct),
        i => i.GroupId);

    /// <summary>Bulk look up users (<see cref="IEntraBulkActions.LookupUsersAsync(IEnumerable{string}, CancellationToken)"/>).</summary>
    public static EntraActionDescriptor LookupUsers { get; } = ActionBinding.Bulk<BulkLookupUsersInput, EntraUser>(
        Definition(
            LookupUsersId,
            "Look up users (bulk)",
            "Reads many Microsoft Entra users by object id or userPrincipalName, up to 300 per request (1,000 object ids with getByIds; guests' names one at a time). Each input gets its own result: the user's profile, or an error such as NotFound.",
            [
                new() { Name = "userIds", DisplayName = "User IDs", TypeName = "string[]", IsRequired = true, Description = "The users' object ids (GUIDs) or userPrincipalNames (guest #EXT# UPNs included), mixed." },
            ],
            "The users' results, in input order; a successful item's value is the user's profile (the Look up user outputs).",
            ["User.Read.All"],
            isWrite: false),
        (b, i, ct) => b.LookupUsersAsync(i.UserIds, ct));

    /// <summary>A bulk action's definition: its outputs are always the bulk result, and it needs the same permissions delegated or as an app.</summary>
    private static ActionDefinition Definition(
        string id, string displayName, string description, IReadOnlyList<EntraActionParameter> inputs, string itemsDescription, IReadOnlyList<string> permissions, bool isWrite) => new()
        {
            Id = id,
            DisplayName = displayName,
            Description = description,
            Inputs = inputs,
            Outputs = BulkOutputs(itemsDescription),
            DelegatedPermissions = [.. permissions],
            ApplicationPermissions = [.. permissions],
            IsWrite = isWrite,
        };

    private static IReadOnlyList<EntraActionParameter> BulkOutputs(string itemsDescription) =>
    [
        new() { Name = "items", DisplayName = "Items", TypeName = "object[]", IsRequired = true, Description = itemsDescription + " Each item has input, success, isDuplicate, value (on success) and error (on failure: kind, message, graphErrorCode, statusCode, requestId, retryAfterSeconds)." },
        new() { Name = "succeededCount", DisplayName = "Succeeded", TypeName = "integer", IsRequired = true, Description = "How many items succeeded." },
        new() { Name = "failedCount", DisplayName = "Failed", TypeName = "integer", IsRequired = true, Description = "How many items failed." },
        new() { Name = "allSucceeded", DisplayName = "All succeeded", TypeName = "boolean", IsRequired = true, Description = "Whether every item succeeded." },
        new() { Name = "isDryRun", DisplayName = "Dry run", TypeName = "boolean", IsRequired = true, Description = "Whether the call was a dry run: each item's outcome is what it would have been, and nothing was written (always false for lookups)." },
    ];
}
