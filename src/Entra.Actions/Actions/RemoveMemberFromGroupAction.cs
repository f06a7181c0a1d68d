using Entra.Actions.Actions.Internal;
using Entra.Actions.Audit.Internal;
using Entra.Actions.Catalog.Internal;
using Entra.Actions.Catalog.Internal.Inputs;
using Entra.Actions.Logging.Internal;
using Entra.Actions.Policy.Internal;
using Entra.Actions.Validation.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Entra.Actions;

/// <summary>
/// The Remove member from group action. Idempotent: a non-member is a success with <see cref="MembershipOutcome.NotAMember"/>.
/// Only the membership reference is deleted (<c>/members/{id}/$ref</c>), never the member object. Groups Graph cannot
/// change are refused with the reason before any write. Thread-safe.
/// </summary>
/// <remarks>
/// Needs <c>GroupMember.ReadWrite.All</c>, plus <c>User.Read.All</c> when a userPrincipalName is given. A delegated
/// account also needs a directory role that can manage group members (Groups Administrator, User Administrator, ...)
/// or to own the group. Role-assignable groups also need <c>RoleManagement.ReadWrite.Directory</c> and
/// <see cref="EntraActionsOptions.AllowRoleAssignableGroups"/>.
/// </remarks>
public sealed class RemoveMemberFromGroupAction
{
    private readonly IEntraDirectory _directory;
    private readonly IOptions<EntraActionsOptions> _options;
    private readonly WriteGuard _guard;
    private readonly AuditTrail _audit;
    private readonly ILogger<RemoveMemberFromGroupAction> _logger;

    /// <summary>Creates the action with the write policy of <paramref name="options"/> and no audit sink (the action registered by <c>AddEntraActions</c> has the host's policies and sinks).</summary>
    /// <param name="directory">The directory to change.</param>
    /// <param name="options">The library options (<see cref="EntraActionsOptions.AllowRoleAssignableGroups"/>, <see cref="EntraActionsOptions.Policy"/>).</param>
    /// <param name="logger">The logger.</param>
    public RemoveMemberFromGroupAction(IEntraDirectory directory, IOptions<EntraActionsOptions> options, ILogger<RemoveMemberFromGroupAction> logger)
        : this(directory, options, new WriteGuard(options, []), new AuditTrail([], options), logger)
    {
    }

    internal RemoveMemberFromGroupAction(IEntraDirectory directory, IOptions<EntraActionsOptions> options, WriteGuard guard, AuditTrail audit, ILogger<RemoveMemberFromGroupAction> logger)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(logger);
        _directory = directory;
        _options = options;
        _guard = guard;
        _audit = audit;
        _logger = logger;
    }

    /// <summary>The action's stable catalog id.</summary>
    internal const string ActionId = "entra.remove_member_from_group";

    /// <summary>What the action is, takes, returns and needs, and how the invoker runs it; its entry in <see cref="EntraActionCatalog"/>.</summary>
    public static EntraActionDescriptor Descriptor { get; } = ActionBinding.Single<RemoveMemberFromGroupInput, MembershipChange>(
        new ActionDefinition
        {
            Id = ActionId,
            DisplayName = "Remove member from group",
            Description = "Removes a direct member from a Microsoft 365 or security group. Succeeds without a change when the object is not a member; refuses dynamic, mail-enabled, distribution, on-premises synced and (unless allowed) role-assignable groups with the reason.",
            Inputs =
            [
                new() { Name = "memberId", DisplayName = "Member ID", TypeName = "string", IsRequired = true, Description = "The member's object id (GUID), or a user's userPrincipalName." },
                new() { Name = "groupId", DisplayName = "Group ID", TypeName = "string", IsRequired = true, Description = "The group's object id (GUID)." },
                ActionInputs.DryRun,
            ],
            Outputs = MembershipOutputs.Create("The member's object id (GUID), also when a userPrincipalName was given.", "Removed or NotAMember."),
            DelegatedPermissions = ["GroupMember.ReadWrite.All", "User.Read.All"],
            ApplicationPermissions = ["GroupMember.ReadWrite.All", "User.Read.All"],
            IsWrite = true,
        },
        (a, i, ct) => a.RemoveMemberFromGroupAsync(i.MemberId, i.GroupId, new EntraWriteOptions { DryRun = i.DryRun == true }, ct));

    /// <summary>Removes a member from a group.</summary>
    /// <param name="memberId">The member's object id (GUID), or a user's userPrincipalName.</param>
    /// <param name="groupId">The group's object id (GUID).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The change (<see cref="MembershipOutcome.Removed"/> or <see cref="MembershipOutcome.NotAMember"/>), or a failure:
    /// <see cref="EntraErrorKind.InvalidInput"/> (no request sent), <see cref="EntraErrorKind.NotFound"/> (group or user),
    /// <see cref="EntraErrorKind.UnsupportedGroup"/> and <see cref="EntraErrorKind.PolicyDenied"/> (no write attempted), <see cref="EntraErrorKind.Forbidden"/>, ...
    /// </returns>
    /// <remarks>Needs <c>GroupMember.ReadWrite.All</c> (plus <c>User.Read.All</c> for a userPrincipalName); delegated, also a directory role or group ownership.</remarks>
    public Task<EntraActionResult<MembershipChange>> ExecuteAsync(string memberId, string groupId, CancellationToken cancellationToken = default) =>
        ExecuteAsync(memberId, groupId, EntraWriteOptions.Default, cancellationToken);

    /// <summary>Removes a member from a group, or, with <see cref="EntraWriteOptions.DryRun"/>, says what removing would do without writing.</summary>
    /// <param name="memberId">The member's object id (GUID), or a user's userPrincipalName.</param>
    /// <param name="groupId">The group's object id (GUID).</param>
    /// <param name="options">How to run it (dry run).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The change (in a dry run with <see cref="MembershipChange.IsDryRun"/> set), or a failure as for a real write.</returns>
    /// <remarks>
    /// The write policy is evaluated after the reads and before the write; every attempt (dry runs and refusals included) is
    /// handed to the registered <see cref="IEntraAuditSink"/> instances. Needs <c>GroupMember.ReadWrite.All</c>.
    /// </remarks>
    public async Task<EntraActionResult<MembershipChange>> ExecuteAsync(string memberId, string groupId, EntraWriteOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        using var write = WriteCall.Start(ActionId, _audit, options.DryRun);
        try
        {
            return await write.FinishAsync(await RemoveAsync(memberId, groupId, write, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await write.CancelledAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<EntraActionResult<MembershipChange>> RemoveAsync(string memberId, string groupId, WriteCall write, CancellationToken cancellationToken)
    {
        var actionId = ActionId;
        Log.ActionStarted(_logger, actionId);

        // Both ids are validated before the first request: a "." or ".." here would otherwise DELETE the wrong resource.
        if (!EntraIdValidator.TryValidateUserId(memberId, EntraIdValidator.MemberIdInput, out var member, out var memberError))
        {
            return ActionSupport.Reject<MembershipChange>(_logger, actionId, EntraIdValidator.MemberIdInput, memberError);
        }

        if (!EntraIdValidator.TryValidate(groupId, EntraIdValidator.GroupIdInput, out ObjectId group, out var groupError))
        {
            return ActionSupport.Reject<MembershipChange>(_logger, actionId, EntraIdValidator.GroupIdInput, groupError);
        }

        write.Targets(member.Value, !member.IsObjectId, group.Value);
        var prepared = await MembershipPreparation.PrepareAsync(
            _directory, _options.Value, _logger, actionId, member, group, requireUser: false, [], write, cancellationToken).ConfigureAwait(false);
        if (!prepared.Succeeded)
        {
            return ActionSupport.Fail<MembershipChange>(_logger, actionId, prepared.Error);
        }

        if (await MembershipChecks.CheckAsync(_guard, _directory, _logger, actionId, isAdd: false, group, prepared.Value, write, cancellationToken).ConfigureAwait(false) is { } checkedResult)
        {
            return checkedResult.Succeeded ? checkedResult : ActionSupport.Fail<MembershipChange>(_logger, actionId, checkedResult.Error);
        }

        var memberObjectId = prepared.Value.MemberId.Value;
        var removed = await ActionSupport.CallDirectoryAsync(
            () => _directory.RemoveGroupMemberAsync(group.Value, memberObjectId, cancellationToken), _logger, actionId, cancellationToken).ConfigureAwait(false);
        if (!removed.Succeeded)
        {
            MembershipPreparation.ForgetGroupOnRefusal(_directory, group, removed.Error);
            return ActionSupport.Fail<MembershipChange>(_logger, actionId, ActionMessages.ForWrite(
                removed.Error, $"Removing member '{member.Value}' from group '{group}'", $"Member '{member.Value}' was not found."));
        }

        if (removed.Value is not (MembershipOutcome.Removed or MembershipOutcome.NotAMember))
        {
            return ActionSupport.Fail<MembershipChange>(_logger, actionId, new EntraActionError(
                EntraErrorKind.ServiceError,
                $"Removing member '{member.Value}' from group '{group}' returned an unexpected outcome ({removed.Value})."));
        }

        if (removed.Value == MembershipOutcome.NotAMember)
        {
            // Graph answers the same 404 when the group itself vanished between the read and the write (deleted, or
            // replication: Graph warns of replication delays for groups), so "not a member" is only claimed while the group still exists.
            var stillThere = await ActionSupport.CallDirectoryAsync(
                () => _directory.GetGroupAsync(group.Value, [], cancellationToken), _logger, actionId, cancellationToken).ConfigureAwait(false);
            if (!stillThere.Succeeded)
            {
                return ActionSupport.Fail<MembershipChange>(_logger, actionId, ActionMessages.ForRead(
                    stillThere.Error, $"Group '{group}'", "GroupMember.Read.All (included in GroupMember.ReadWrite.All)"));
            }
        }

        Log.MembershipChangeSucceeded(_logger, actionId, removed.Value, memberObjectId, group.Value);
        return EntraActionResult.Success(new MembershipChange { MemberId = memberObjectId, GroupId = group.Value, Outcome = removed.Value });
    }
}
