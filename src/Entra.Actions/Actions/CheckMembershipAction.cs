using Entra.Actions.Actions.Internal;
using Entra.Actions.Catalog.Internal;
using Entra.Actions.Catalog.Internal.Inputs;
using Entra.Actions.Connections.Internal;
using Entra.Actions.Directory.Internal;
using Entra.Actions.Logging.Internal;
using Entra.Actions.Validation.Internal;
using Microsoft.Extensions.Logging;

namespace Entra.Actions;

/// <summary>
/// The Check membership action: whether a user is a member of a group. Transitively (the default) it is one
/// <c>checkMemberGroups</c> request; directly it is one read of <c>/groups/{id}/members/{id}</c> (after resolving a
/// userPrincipalName). A "no" is confirmed against the group (and the user), so a mistyped id is
/// <see cref="EntraErrorKind.NotFound"/>, never a silent <see langword="false"/>. Thread-safe; get it through <see cref="IEntraQueryActions"/>.
/// </summary>
/// <remarks>Needs <c>GroupMember.Read.All</c> and <c>User.ReadBasic.All</c> (delegated) or <c>User.Read.All</c> (application).</remarks>
public sealed class CheckMembershipAction
{
    /// <summary>The action's stable catalog id.</summary>
    internal const string ActionId = "entra.check_membership";

    private const string Permissions = "GroupMember.Read.All and User.ReadBasic.All (delegated) or User.Read.All (application)";

    private readonly QueryRunner _run;

    internal CheckMembershipAction(IEntraQueryDirectory directory, ILogger<CheckMembershipAction> logger, CurrentConnection connection)
    {
        _run = new QueryRunner(directory, logger, connection);
    }

    /// <summary>What the action is, takes, returns and needs, and how the invoker runs it; its entry in <see cref="EntraActionCatalog"/>.</summary>
    public static EntraActionDescriptor Descriptor { get; } = ActionBinding.Query<CheckMembershipInput, EntraMembershipCheck>(
        new ActionDefinition
        {
            Id = ActionId,
            DisplayName = "Check membership",
            Description = "Checks whether a user is a member of a Microsoft Entra group, by default including membership through nested groups.",
            Inputs =
            [
                new() { Name = "userId", DisplayName = "User ID", TypeName = "string", IsRequired = true, Description = "The user's object id (GUID) or userPrincipalName." },
                new() { Name = "groupId", DisplayName = "Group ID", TypeName = "string", IsRequired = true, Description = "The group's object id (GUID)." },
                new() { Name = "transitive", DisplayName = "Include nested groups", TypeName = "boolean", IsRequired = false, Description = "Whether membership through nested groups counts (default true)." },
            ],
            Outputs =
            [
                new() { Name = "isMember", DisplayName = "Is member", TypeName = "boolean", IsRequired = true, Description = "Whether the user is a member." },
                new() { Name = "groupId", DisplayName = "Group ID", TypeName = "string", IsRequired = true, Description = "The group's object id (GUID)." },
                new() { Name = "transitive", DisplayName = "Included nested groups", TypeName = "boolean", IsRequired = true, Description = "Whether membership through nested groups counted." },
            ],
            DelegatedPermissions = ["User.ReadBasic.All", "GroupMember.Read.All"],
            ApplicationPermissions = ["User.Read.All", "GroupMember.Read.All"],
        },
        (q, i, ct) => q.CheckMembershipAsync(i.UserId, i.GroupId, i.Transitive ?? true, ct));

    /// <summary>Checks whether a user is a member of a group.</summary>
    /// <param name="userId">The user's object id (GUID) or userPrincipalName.</param>
    /// <param name="groupId">The group's object id (GUID).</param>
    /// <param name="transitive">Whether membership through nested groups counts.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer, or a failure (<see cref="EntraErrorKind.NotFound"/> naming the missing user or group, <see cref="EntraErrorKind.InvalidInput"/> with no request sent, ...).</returns>
    public Task<EntraActionResult<EntraMembershipCheck>> ExecuteAsync(string userId, string groupId, bool transitive = true, CancellationToken cancellationToken = default) =>
        _run.RunAsync(ActionId, () => CheckAsync(userId, groupId, transitive, cancellationToken), cancellationToken);

    private async Task<EntraActionResult<EntraMembershipCheck>> CheckAsync(string userId, string groupId, bool transitive, CancellationToken cancellationToken)
    {
        if (!EntraIdValidator.TryValidateUserId(userId, EntraIdValidator.UserIdInput, out var user, out var error))
        {
            return _run.Reject<EntraMembershipCheck>(ActionId, "userId", error);
        }

        if (!EntraIdValidator.TryValidate(groupId, EntraIdValidator.GroupIdInput, out ObjectId group, out error))
        {
            return _run.Reject<EntraMembershipCheck>(ActionId, "groupId", error);
        }

        var answer = transitive
            ? await IsTransitiveMemberAsync(user, group, cancellationToken).ConfigureAwait(false)
            : await IsDirectMemberAsync(user, group, cancellationToken).ConfigureAwait(false);
        if (!answer.Succeeded)
        {
            return _run.Fail<EntraMembershipCheck>(ActionId, answer.Error);
        }

        Log.MembershipChecked(_run.Logger, ActionId, answer.Value, group.Value, transitive);
        return EntraActionResult.Success(new EntraMembershipCheck { IsMember = answer.Value, GroupId = group.Value, Transitive = transitive });
    }

    private async Task<EntraActionResult<bool>> IsTransitiveMemberAsync(ValidatedId user, ObjectId group, CancellationToken cancellationToken)
    {
        // checkMemberGroups is asked on the user, so its 404 is about the user; an unknown group id is simply not in the answer.
        var check = await _run.CallAsync(ActionId, () => _run.Directory.IsTransitiveMemberAsync(user, group, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (!check.Succeeded)
        {
            return Failed(ActionMessages.ForRead(check.Error, $"User '{user.Value}'", Permissions));
        }

        return check.Value ? check : await ConfirmNotMemberAsync(user, group, checkUser: false, cancellationToken).ConfigureAwait(false);
    }

    private async Task<EntraActionResult<bool>> IsDirectMemberAsync(ValidatedId user, ObjectId group, CancellationToken cancellationToken)
    {
        var member = user.IsObjectId ? user.ObjectId : default;
        if (!user.IsObjectId)
        {
            var resolved = await _run.CallAsync(ActionId, () => _run.Directory.ResolveUserAsync(user, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (!resolved.Succeeded)
            {
                return Failed(ActionMessages.ForRead(resolved.Error, $"User '{user.Value}'", Permissions));
            }

            member = resolved.Value;
        }

        var membership = await _run.CallAsync(ActionId, () => _run.Directory.GetDirectMembershipAsync(group, member, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (!membership.Succeeded)
        {
            return Failed(ActionMessages.ForRead(membership.Error, $"The members of group '{group.Value}'", Permissions));
        }

        return membership.Value switch
        {
            { IsMember: false } => await ConfirmNotMemberAsync(user, group, checkUser: user.IsObjectId, cancellationToken).ConfigureAwait(false),
            { ObjectType: EntraObjectType.User } => EntraActionResult.Success(true),
            { ObjectType: EntraObjectType.Unknown } => await IsUserAsync(user, cancellationToken).ConfigureAwait(false),
            { ObjectType: var other } => Failed(new EntraActionError(EntraErrorKind.NotFound, $"User '{user.Value}' was not found: the id belongs to a {other}, not a user.")),
        };
    }

    /// <summary>A member whose answer named no type (no <c>@odata.type</c>) counts when it is a user: read it as one.</summary>
    private async Task<EntraActionResult<bool>> IsUserAsync(ValidatedId user, CancellationToken cancellationToken)
    {
        var read = await _run.CallAsync(ActionId, () => _run.Directory.ResolveUserAsync(user, cancellationToken), cancellationToken).ConfigureAwait(false);
        return read.Succeeded
            ? EntraActionResult.Success(true)
            : Failed(ActionMessages.ForRead(read.Error, $"User '{user.Value}'", Permissions));
    }

    /// <summary>A "not a member" answer stands only when the group (and, when not yet read, the user) exists.</summary>
    private async Task<EntraActionResult<bool>> ConfirmNotMemberAsync(ValidatedId user, ObjectId group, bool checkUser, CancellationToken cancellationToken)
    {
        var exists = await _run.CallAsync(ActionId, () => _run.Directory.GroupExistsAsync(group, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (!exists.Succeeded)
        {
            return Failed(ActionMessages.ForRead(exists.Error, $"Group '{group.Value}'", Permissions));
        }

        if (!exists.Value)
        {
            return Failed(new EntraActionError(EntraErrorKind.NotFound, $"Group '{group.Value}' was not found."));
        }

        if (checkUser)
        {
            var found = await _run.CallAsync(ActionId, () => _run.Directory.ResolveUserAsync(user, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (!found.Succeeded)
            {
                return Failed(ActionMessages.ForRead(found.Error, $"User '{user.Value}'", Permissions));
            }
        }

        return EntraActionResult.Success(false);
    }

    private static EntraActionResult<bool> Failed(EntraActionError error) => EntraActionResult.Failure<bool>(error);
}
