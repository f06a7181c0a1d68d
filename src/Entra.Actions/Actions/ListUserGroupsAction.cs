using Entra.Actions.Actions.Internal;
using Entra.Actions.Catalog.Internal;
using Entra.Actions.Catalog.Internal.Inputs;
using Entra.Actions.Connections.Internal;
using Entra.Actions.Directory.Internal;
using Entra.Actions.Validation.Internal;
using Microsoft.Extensions.Logging;

namespace Entra.Actions;

/// <summary>
/// The List user groups action: reads the groups a user is a member of (directly, or through nesting), leaving out the
/// directory roles and administrative units Graph lists beside them. Thread-safe; get it through <see cref="IEntraQueryActions"/>.
/// </summary>
/// <remarks>Needs <c>User.Read.All</c> and <c>GroupMember.Read.All</c> (delegated or application).</remarks>
public sealed class ListUserGroupsAction
{
    /// <summary>The limit when none is given.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest limit.</summary>
    public const int MaxLimit = 100_000;

    /// <summary>The action's stable catalog id.</summary>
    internal const string ActionId = "entra.list_user_groups";

    private const string Permissions = "User.Read.All and GroupMember.Read.All";

    private readonly QueryRunner _run;

    internal ListUserGroupsAction(IEntraQueryDirectory directory, ILogger<ListUserGroupsAction> logger, CurrentConnection connection)
    {
        _run = new QueryRunner(directory, logger, connection);
    }

    /// <summary>What the action is, takes, returns and needs, and how the invoker runs it; its entry in <see cref="EntraActionCatalog"/>.</summary>
    public static EntraActionDescriptor Descriptor { get; } = ActionBinding.Query<ListUserGroupsInput, EntraUserGroupList>(
        new ActionDefinition
        {
            Id = ActionId,
            DisplayName = "List user groups",
            Description = "Lists the Microsoft Entra groups a user is a member of, directly or including groups reached through nesting; directory roles and administrative units are left out.",
            Inputs =
            [
                new() { Name = "userId", DisplayName = "User ID", TypeName = "string", IsRequired = true, Description = "The user's object id (GUID) or userPrincipalName." },
                new() { Name = "transitive", DisplayName = "Include nested groups", TypeName = "boolean", IsRequired = false, Description = "Whether to include groups the user is in through nesting (default false: direct memberships only)." },
                new() { Name = "limit", DisplayName = "Limit", TypeName = "integer", IsRequired = false, Description = "The most groups to return, 1 to 100,000 (default 100)." },
            ],
            Outputs =
            [
                new() { Name = "groups", DisplayName = "Groups", TypeName = "object[]", IsRequired = true, Description = "The groups, each with id, displayName, kind (Security, Microsoft365, MailEnabledSecurity, Distribution or Unknown) and isDynamic." },
                new() { Name = "truncated", DisplayName = "Truncated", TypeName = "boolean", IsRequired = true, Description = "Whether the user is in more groups than the limit let through." },
            ],
            DelegatedPermissions = ["User.Read.All", "GroupMember.Read.All"],
            ApplicationPermissions = ["User.Read.All", "GroupMember.Read.All"],
        },
        (q, i, ct) => q.ListUserGroupsAsync(i.UserId, i.Transitive ?? false, i.Limit ?? DefaultLimit, ct));

    /// <summary>Lists a user's groups.</summary>
    /// <param name="userId">The user's object id (GUID) or userPrincipalName.</param>
    /// <param name="transitive">Whether to include groups the user is in through nesting.</param>
    /// <param name="limit">The most groups to return, 1 to 100,000.</param>
    /// <param name="cancellationToken">Cancels the call, also between pages.</param>
    /// <returns>The groups, or a failure (<see cref="EntraErrorKind.NotFound"/> for no such user, <see cref="EntraErrorKind.InvalidInput"/> with no request sent, ...).</returns>
    public Task<EntraActionResult<EntraUserGroupList>> ExecuteAsync(string userId, bool transitive = false, int limit = DefaultLimit, CancellationToken cancellationToken = default) =>
        _run.RunAsync(ActionId, () => ListAsync(userId, transitive, limit, cancellationToken), cancellationToken);

    private async Task<EntraActionResult<EntraUserGroupList>> ListAsync(string userId, bool transitive, int limit, CancellationToken cancellationToken)
    {
        if (!EntraIdValidator.TryValidateUserId(userId, EntraIdValidator.UserIdInput, out var user, out var error))
        {
            return _run.Reject<EntraUserGroupList>(ActionId, "userId", error);
        }

        if (!QueryTextValidator.TryValidateLimit(limit, "Limit", MaxLimit, out error))
        {
            return _run.Reject<EntraUserGroupList>(ActionId, "limit", error);
        }

        return await _run.ReadListAsync(
            ActionId,
            () => _run.Directory.ListUserGroupsAsync(user, transitive, limit, cancellationToken),
            $"User '{user.Value}'",
            Permissions,
            read => new EntraUserGroupList { Groups = read.Items, Truncated = read.Truncated },
            cancellationToken).ConfigureAwait(false);
    }
}
