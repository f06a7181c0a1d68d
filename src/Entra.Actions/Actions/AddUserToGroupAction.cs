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
/// The Add user to group action. Idempotent: an existing member is a success with <see cref="MembershipOutcome.AlreadyMember"/>.
/// Groups Graph cannot change are refused with the reason before any write. Thread-safe.
/// </summary>
/// <remarks>
/// Needs <c>GroupMember.ReadWrite.All</c> and <c>User.Read.All</c> (the user is read first, so a group or device id cannot be added as a member). A delegated
/// account also needs a directory role that can manage group members (Groups Administrator, User Administrator, ...)
/// or to own the group. Role-assignable groups also need <c>RoleManagement.ReadWrite.Directory</c> and
/// <see cref="EntraActionsOptions.AllowRoleAssignableGroups"/>.
/// </remarks>
public sealed class AddUserToGroupAction
{
    private readonly IEntraDirectory _directory;
    private readonly IOptions<EntraActionsOptions> _options;
    private readonly WriteGuard _guard;
    private readonly AuditTrail _audit;
    private readonly ILogger<AddUserToGroupAction> _logger;

    /// <summary>Creates the action with the write policy of <paramref name="options"/> and no audit sink (the action registered by <c>AddEntraActions</c> has the host's policies and sinks).</summary>
    /// <param name="directory">The directory to change.</param>
    /// <param name="options">The library options (<see cref="EntraActionsOptions.AllowRoleAssignableGroups"/>, <see cref="EntraActionsOptions.Policy"/>).</param>
    /// <param name="logger">The logger.</param>
    public AddUserToGroupAction(IEntraDirectory directory, IOptions<EntraActionsOptions> options, ILogger<AddUserToGroupAction> logger)
        : this(directory, options, new WriteGuard(options, []), new AuditTrail([], options), logger)
    {
    }

    internal AddUserToGroupAction(IEntraDirectory directory, IOptions<EntraActionsOptions> options, WriteGuard guard, AuditTrail audit, ILogger<AddUserToGroupAction> logger)
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
    internal const string ActionId = "entra.add_user_to_group";

    /// <summary>What the action is, takes, returns and needs, and how the invoker runs it; its entry in <see cref="EntraActionCatalog"/>.</summary>
    public static EntraActionDescriptor Descriptor { get; } = ActionBinding.Single<AddUserToGroupInput, MembershipChange>(
        new ActionDefinition
        {
            Id = ActionId,
            DisplayName = "Add user to group",
            Description = "Adds a user to a Microsoft 365 or security group. Succeeds without a change when the user is already a member; refuses dynamic, mail-enabled, distribution, on-premises synced and (unless allowed) role-assignable groups with the reason.",
            Inputs =
            [
                new() { Name = "userId", DisplayName = "User ID", TypeName = "string", IsRequired = true, Description = "The user's object id (GUID) or userPrincipalName (guest #EXT# UPNs included)." },
                new() { Name = "groupId", DisplayName = "Group ID", TypeName = "string", IsRequired = true, Description = "The group's object id (GUID)." },
                ActionInputs.DryRun,
            ],
            Outputs = MembershipOutputs.Create("The user's object id (GUID), also when a userPrincipalName was given.", "Added or AlreadyMember."),
            DelegatedPermissions = ["GroupMember.ReadWrite.All", "User.Read.All"],
            ApplicationPermissions = ["GroupMember.ReadWrite.All", "User.Read.All"],
            IsWrite = true,
        },
        (a, i, ct) => a.AddUserToGroupAsync(i.UserId, i.GroupId, new EntraWriteOptions { DryRun = i.DryRun == true }, ct));

    /// <summary>Adds a user to a group.</summary>
    /// <param name="userId">The user's object id (GUID) or userPrincipalName.</param>
    /// <param name="groupId">The group's object id (GUID).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The change (<see cref="MembershipOutcome.Added"/> or <see cref="MembershipOutcome.AlreadyMember"/>), or a failure:
    /// <see cref="EntraErrorKind.InvalidInput"/> (no request sent), <see cref="EntraErrorKind.NotFound"/> (group or user),
    /// <see cref="EntraErrorKind.UnsupportedGroup"/> and <see cref="EntraErrorKind.PolicyDenied"/> (no write attempted), <see cref="EntraErrorKind.Forbidden"/>, ...
    /// </returns>
    /// <remarks>Needs <c>GroupMember.ReadWrite.All</c> and <c>User.Read.All</c>; delegated, also a directory role or group ownership.</remarks>
    public Task<EntraActionResult<MembershipChange>> ExecuteAsync(string userId, string groupId, CancellationToken cancellationToken = default) =>
        ExecuteAsync(userId, groupId, EntraWriteOptions.Default, cancellationToken);

    /// <summary>Adds a user to a group, or, with <see cref="EntraWriteOptions.DryRun"/>, says what adding would do without writing.</summary>
    /// <param name="userId">The user's object id (GUID) or userPrincipalName.</param>
    /// <param name="groupId">The group's object id (GUID).</param>
    /// <param name="options">How to run it (dry run).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The change (in a dry run with <see cref="MembershipChange.IsDryRun"/> set), or a failure as for a real write.</returns>
    /// <remarks>
    /// The write policy is evaluated after the reads and before the write; every attempt (dry runs and refusals included) is
    /// handed to the registered <see cref="IEntraAuditSink"/> instances. Needs <c>GroupMember.ReadWrite.All</c> and <c>User.Read.All</c>.
    /// </remarks>
    public async Task<EntraActionResult<MembershipChange>> ExecuteAsync(string userId, string groupId, EntraWriteOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        using var write = WriteCall.Start(ActionId, _audit, options.DryRun);
        try
        {
            return await write.FinishAsync(await AddAsync(userId, groupId, write, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await write.CancelledAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<EntraActionResult<MembershipChange>> AddAsync(string userId, string groupId, WriteCall write, CancellationToken cancellationToken)
    {
        var actionId = ActionId;
        Log.ActionStarted(_logger, actionId);

        // Both ids are validated before the first request, so a bad second input never costs a read.
        if (!EntraIdValidator.TryValidateUserId(userId, EntraIdValidator.UserIdInput, out var user, out var userError))
        {
            return ActionSupport.Reject<MembershipChange>(_logger, actionId, EntraIdValidator.UserIdInput, userError);
        }

        if (!EntraIdValidator.TryValidate(groupId, EntraIdValidator.GroupIdInput, out ObjectId group, out var groupError))
        {
            return ActionSupport.Reject<MembershipChange>(_logger, actionId, EntraIdValidator.GroupIdInput, groupError);
        }

        write.Targets(user.Value, !user.IsObjectId, group.Value);
        var prepared = await MembershipPreparation.PrepareAsync(
            _directory, _options.Value, _logger, actionId, user, group, requireUser: true,
            _guard.NeedsUserType ? [WriteGuard.UserTypeProperty] : [], write, cancellationToken).ConfigureAwait(false);
        if (!prepared.Succeeded)
        {
            return ActionSupport.Fail<MembershipChange>(_logger, actionId, prepared.Error);
        }

        if (await MembershipChecks.CheckAsync(_guard, _directory, _logger, actionId, isAdd: true, group, prepared.Value, write, cancellationToken).ConfigureAwait(false) is { } checkedResult)
        {
            return checkedResult.Succeeded ? checkedResult : ActionSupport.Fail<MembershipChange>(_logger, actionId, checkedResult.Error);
        }

        var memberId = prepared.Value.MemberId.Value;
        var added = await ActionSupport.CallDirectoryAsync(
            () => _directory.AddGroupMemberAsync(group.Value, memberId, cancellationToken), _logger, actionId, cancellationToken).ConfigureAwait(false);
        if (!added.Succeeded)
        {
            MembershipPreparation.ForgetGroupOnRefusal(_directory, group, added.Error);
            // Group and user were both read just before; a 404 from the write names whichever vanished since, so the
            // group is read again to say which (deleted meanwhile, or replication: Graph warns of replication delays for groups).
            if (added.Error.Kind == EntraErrorKind.NotFound)
            {
                var stillThere = await ActionSupport.CallDirectoryAsync(
                    () => _directory.GetGroupAsync(group.Value, [], cancellationToken), _logger, actionId, cancellationToken).ConfigureAwait(false);
                if (!stillThere.Succeeded && stillThere.Error.Kind == EntraErrorKind.NotFound)
                {
                    return ActionSupport.Fail<MembershipChange>(_logger, actionId, ActionMessages.ForRead(
                        stillThere.Error, $"Group '{group}'", "GroupMember.Read.All (included in GroupMember.ReadWrite.All)"));
                }
            }

            return ActionSupport.Fail<MembershipChange>(_logger, actionId, ActionMessages.ForWrite(
                added.Error, $"Adding user '{user.Value}' to group '{group}'", $"User '{user.Value}' was not found."));
        }

        if (added.Value is not (MembershipOutcome.Added or MembershipOutcome.AlreadyMember))
        {
            return ActionSupport.Fail<MembershipChange>(_logger, actionId, new EntraActionError(
                EntraErrorKind.ServiceError,
                $"Adding user '{user.Value}' to group '{group}' returned an unexpected outcome ({added.Value})."));
        }

        Log.MembershipChangeSucceeded(_logger, actionId, added.Value, memberId, group.Value);
        return EntraActionResult.Success(new MembershipChange { MemberId = memberId, GroupId = group.Value, Outcome = added.Value });
    }
}
