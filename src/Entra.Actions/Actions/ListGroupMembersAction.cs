using Entra.Actions.Actions.Internal;
using Entra.Actions.Catalog.Internal;
using Entra.Actions.Catalog.Internal.Inputs;
using Entra.Actions.Connections.Internal;
using Entra.Actions.Directory.Internal;
using Entra.Actions.Validation.Internal;
using Microsoft.Extensions.Logging;

namespace Entra.Actions;

/// <summary>
/// The List group members action: reads a group's members (direct, or with nested groups' members), 999 per page, following
/// Graph's next links only on the Graph host and stopping at the limit. Thread-safe; get it through <see cref="IEntraQueryActions"/>.
/// </summary>
/// <remarks>
/// Needs <c>GroupMember.Read.All</c> and <c>User.ReadBasic.All</c> (delegated) or <c>User.Read.All</c> (application): Graph lists
/// members of a type the connection may not read with only their id and type. Members of a hidden-membership group also need
/// <c>Member.Read.Hidden</c>.
/// </remarks>
public sealed class ListGroupMembersAction
{
    /// <summary>The limit when none is given.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest limit.</summary>
    public const int MaxLimit = 100_000;

    /// <summary>The action's stable catalog id.</summary>
    internal const string ActionId = "entra.list_group_members";

    private const string Permissions = "GroupMember.Read.All (and Member.Read.Hidden for a hidden-membership group)";

    private readonly QueryRunner _run;

    internal ListGroupMembersAction(IEntraQueryDirectory directory, ILogger<ListGroupMembersAction> logger, CurrentConnection connection)
    {
        _run = new QueryRunner(directory, logger, connection);
    }

    /// <summary>What the action is, takes, returns and needs, and how the invoker runs it; its entry in <see cref="EntraActionCatalog"/>.</summary>
    public static EntraActionDescriptor Descriptor { get; } = ActionBinding.Query<ListGroupMembersInput, EntraGroupMemberList>(
        new ActionDefinition
        {
            Id = ActionId,
            DisplayName = "List group members",
            Description = "Lists a Microsoft Entra group's members (users, groups, devices, service principals, contacts), directly or including nested groups' members.",
            Inputs =
            [
                new() { Name = "groupId", DisplayName = "Group ID", TypeName = "string", IsRequired = true, Description = "The group's object id (GUID)." },
                new() { Name = "transitive", DisplayName = "Include nested groups", TypeName = "boolean", IsRequired = false, Description = "Whether to include the members of nested groups (default false: direct members only)." },
                new() { Name = "limit", DisplayName = "Limit", TypeName = "integer", IsRequired = false, Description = "The most members to return, 1 to 100,000 (default 100)." },
            ],
            Outputs =
            [
                new() { Name = "members", DisplayName = "Members", TypeName = "object[]", IsRequired = true, Description = "The members, each with id, displayName, userPrincipalName, mail and objectType (User, Group, Device, ServicePrincipal, Contact or Unknown)." },
                new() { Name = "count", DisplayName = "Count", TypeName = "integer", IsRequired = true, Description = "The number of members returned." },
                new() { Name = "truncated", DisplayName = "Truncated", TypeName = "boolean", IsRequired = true, Description = "Whether the group has more members than the limit let through." },
            ],
            DelegatedPermissions = ["GroupMember.Read.All", "User.ReadBasic.All"],
            ApplicationPermissions = ["GroupMember.Read.All", "User.Read.All"],
        },
        (q, i, ct) => q.ListGroupMembersAsync(i.GroupId, i.Transitive ?? false, i.Limit ?? DefaultLimit, ct));

    /// <summary>Lists a group's members.</summary>
    /// <param name="groupId">The group's object id (GUID).</param>
    /// <param name="transitive">Whether to include the members of nested groups.</param>
    /// <param name="limit">The most members to return, 1 to 100,000.</param>
    /// <param name="cancellationToken">Cancels the call, also between pages.</param>
    /// <returns>The members, or a failure (<see cref="EntraErrorKind.NotFound"/> for no such group, <see cref="EntraErrorKind.InvalidInput"/> with no request sent, ...).</returns>
    public Task<EntraActionResult<EntraGroupMemberList>> ExecuteAsync(string groupId, bool transitive = false, int limit = DefaultLimit, CancellationToken cancellationToken = default) =>
        _run.RunAsync(ActionId, () => ListAsync(groupId, transitive, limit, cancellationToken), cancellationToken);

    private async Task<EntraActionResult<EntraGroupMemberList>> ListAsync(string groupId, bool transitive, int limit, CancellationToken cancellationToken)
    {
        if (!EntraIdValidator.TryValidate(groupId, EntraIdValidator.GroupIdInput, out ObjectId group, out var error))
        {
            return _run.Reject<EntraGroupMemberList>(ActionId, "groupId", error);
        }

        if (!QueryTextValidator.TryValidateLimit(limit, "Limit", MaxLimit, out error))
        {
            return _run.Reject<EntraGroupMemberList>(ActionId, "limit", error);
        }

        return await _run.ReadListAsync(
            ActionId,
            () => _run.Directory.ListGroupMembersAsync(group, transitive, limit, cancellationToken),
            $"Group '{group.Value}'",
            Permissions,
            read => new EntraGroupMemberList { Members = read.Items, Truncated = read.Truncated },
            cancellationToken).ConfigureAwait(false);
    }
}
