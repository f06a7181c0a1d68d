using System.Globalization;
using System.Text.Json;
using Entra.Actions.Connections.Internal;
using Entra.Actions.Graph.Internal;
using Entra.Actions.Logging.Internal;
using Entra.Actions.Telemetry.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Entra.Actions.Policy.Internal;

/// <summary>
/// The one place that decides whether a membership write may be sent: the write policy (built-in rules, then the host's
/// <see cref="IEntraWritePolicy"/> instances, failing closed) and, for a dry run, whether the token holds a permission that
/// allows the write. Single and bulk actions call it after their reads and before any write.
/// </summary>
internal sealed class WriteGuard
{
    /// <summary>The <c>$select</c> property a guest check needs.</summary>
    public const string UserTypeProperty = "userType";

    private const string WritePermission = "GroupMember.ReadWrite.All";
    private const string RoleWritePermission = "RoleManagement.ReadWrite.Directory";

    private readonly EntraWritePolicyOptions _policy;
    private readonly HashSet<Guid> _protected;
    private readonly HashSet<Guid> _allowed;
    private readonly IEntraWritePolicy[] _hostPolicies;
    private readonly TokenIdentity? _identity;
    private readonly ILogger _logger;

    public WriteGuard(
        IOptions<EntraActionsOptions> options,
        IEnumerable<IEntraWritePolicy> hostPolicies,
        CurrentConnection? connection = null,
        TokenIdentity? identity = null,
        ILogger<WriteGuard>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(hostPolicies);
        _policy = options.Value.Policy ?? new EntraWritePolicyOptions();
        _protected = Ids(_policy.ProtectedGroupIds, nameof(EntraWritePolicyOptions.ProtectedGroupIds));
        _allowed = Ids(_policy.AllowedGroupIds, nameof(EntraWritePolicyOptions.AllowedGroupIds));
        _hostPolicies = [.. hostPolicies];
        ConnectionName = connection?.Name;
        _identity = identity;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The connection's name, for the requests the host policies see.</summary>
    public string? ConnectionName { get; }

    /// <summary>Whether a member's <c>userType</c> must be read (to refuse guests).</summary>
    public bool NeedsUserType => _policy.RefuseGuests;

    /// <summary>Whether anything is checked per member (guests or host policies); when not, <see cref="CheckGroup"/> decides for the whole group.</summary>
    public bool ChecksMembers => _policy.RefuseGuests || _hostPolicies.Length > 0;

    /// <summary>The most items a bulk call may carry.</summary>
    public int MaxBulkItems => _policy.MaxBulkItems;

    /// <summary>Refuses a bulk call with more items than <see cref="EntraWritePolicyOptions.MaxBulkItems"/>.</summary>
    /// <param name="actionId">The action's catalog id.</param>
    /// <param name="count">The number of items (duplicates included, as the caller sent them).</param>
    /// <returns>The denial, or <see langword="null"/>.</returns>
    public PolicyDenial? CheckBulkSize(string actionId, int count)
    {
        if (count <= _policy.MaxBulkItems)
        {
            return null;
        }

        return Deny(actionId, "MaxBulkItems", string.Create(
            CultureInfo.InvariantCulture,
            $"The write policy refused action '{actionId}' as a whole: it has {count:N0} items and at most {_policy.MaxBulkItems:N0} are allowed (rule MaxBulkItems). Split it into smaller calls. No request was sent."));
    }

    /// <summary>The rules about the group alone (<c>ProtectedGroupIds</c>, <c>AllowedGroupIds</c>).</summary>
    /// <param name="actionId">The action's catalog id.</param>
    /// <param name="isAdd">Whether members are added (or removed).</param>
    /// <param name="group">The group as read.</param>
    /// <param name="memberId">The member, for the message; <see langword="null"/> for a bulk call's whole group.</param>
    /// <returns>The denial, or <see langword="null"/>.</returns>
    public PolicyDenial? CheckGroup(string actionId, bool isAdd, EntraGroup group, string? memberId = null)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (!Guid.TryParse(group.Id, out var id))
        {
            // The group was read by a validated id; a group whose id is not a GUID cannot be matched against the lists, so it is refused.
            return Deny(actionId, "AllowedGroupIds", Message(isAdd, memberId, group.Id, "the group's id is not a GUID, so the policy cannot match it", "AllowedGroupIds"));
        }

        if (_protected.Contains(id))
        {
            return Deny(actionId, "ProtectedGroupIds", Message(isAdd, memberId, group.Id, "the group is protected: no action may change its members", "ProtectedGroupIds"));
        }

        if (_allowed.Count > 0 && !_allowed.Contains(id))
        {
            return Deny(actionId, "AllowedGroupIds", Message(isAdd, memberId, group.Id, "the group is not one of the groups the policy allows to change", "AllowedGroupIds"));
        }

        return null;
    }

    /// <summary>The rules about one member (<c>RefuseGuests</c>, then every host policy in registration order).</summary>
    /// <param name="actionId">The action's catalog id.</param>
    /// <param name="isAdd">Whether the member is added (or removed).</param>
    /// <param name="memberId">The member's object id.</param>
    /// <param name="user">The user as read, or <see langword="null"/> when the member was not read.</param>
    /// <param name="group">The group as read.</param>
    /// <param name="isDryRun">Whether this is a dry run.</param>
    /// <param name="cancellationToken">Cancels the host policies.</param>
    /// <returns>The denial, or <see langword="null"/>.</returns>
    public ValueTask<PolicyDenial?> CheckMemberAsync(
        string actionId, bool isAdd, string memberId, EntraUser? user, EntraGroup group, bool isDryRun, CancellationToken cancellationToken) =>
        CheckMemberCoreAsync(actionId, isAdd, memberId, user, group, isDryRun, log: true, cancellationToken);

    /// <summary>
    /// <see cref="CheckMemberAsync"/> for one item of a bulk call, without its per-denial log entries: a bulk call logs its
    /// denials once, with their count, so that 10,000 refused items do not write 10,000 warnings.
    /// </summary>
    /// <param name="actionId">The action's catalog id.</param>
    /// <param name="isAdd">Whether the member is added (or removed).</param>
    /// <param name="memberId">The member's object id.</param>
    /// <param name="user">The user as read, or <see langword="null"/> when the member was not read.</param>
    /// <param name="group">The group as read.</param>
    /// <param name="isDryRun">Whether this is a dry run.</param>
    /// <param name="cancellationToken">Cancels the host policies.</param>
    /// <returns>The denial, or <see langword="null"/>.</returns>
    public ValueTask<PolicyDenial?> CheckBulkMemberAsync(
        string actionId, bool isAdd, string memberId, EntraUser? user, EntraGroup group, bool isDryRun, CancellationToken cancellationToken) =>
        CheckMemberCoreAsync(actionId, isAdd, memberId, user, group, isDryRun, log: false, cancellationToken);

    private async ValueTask<PolicyDenial?> CheckMemberCoreAsync(
        string actionId, bool isAdd, string memberId, EntraUser? user, EntraGroup group, bool isDryRun, bool log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (isAdd && _policy.RefuseGuests && user is not null && IsGuest(user))
        {
            return Deny(actionId, "RefuseGuests", Message(isAdd, memberId, group.Id, $"user '{memberId}' is a guest and the policy refuses adding guests", "RefuseGuests"), log);
        }

        if (_hostPolicies.Length == 0)
        {
            return null;
        }

        var request = new EntraWriteRequest
        {
            ActionId = actionId,
            ConnectionName = ConnectionName,
            IsAdd = isAdd,
            MemberId = memberId,
            User = user,
            Group = group,
            IsDryRun = isDryRun,
        };
        foreach (var policy in _hostPolicies)
        {
            var rule = policy.GetType().Name;
            EntraWriteDecision? decision;
            try
            {
                decision = await policy.EvaluateAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Fail closed: a policy that cannot decide must not let the write through.
                if (log)
                {
                    Log.WritePolicyFailed(_logger, actionId, rule, ex.GetType().FullName ?? ex.GetType().Name);
                }

                return Deny(actionId, rule, Message(isAdd, memberId, group.Id, $"the host policy {rule} failed ({ex.GetType().Name}), so the change is refused", rule), log);
            }

            if (decision is null)
            {
                return Deny(actionId, rule, Message(isAdd, memberId, group.Id, $"the host policy {rule} returned no decision, so the change is refused", rule), log);
            }

            if (!decision.IsAllowed)
            {
                return Deny(actionId, rule, Message(isAdd, memberId, group.Id, decision.Reason ?? "no reason given", rule), log);
            }
        }

        return null;
    }

    /// <summary>All rules for one change: the group's, then the member's.</summary>
    /// <param name="actionId">The action's catalog id.</param>
    /// <param name="isAdd">Whether the member is added (or removed).</param>
    /// <param name="memberId">The member's object id.</param>
    /// <param name="user">The user as read, or <see langword="null"/>.</param>
    /// <param name="group">The group as read.</param>
    /// <param name="isDryRun">Whether this is a dry run.</param>
    /// <param name="cancellationToken">Cancels the host policies.</param>
    /// <returns>The denial, or <see langword="null"/>.</returns>
    public ValueTask<PolicyDenial?> CheckAsync(
        string actionId, bool isAdd, string memberId, EntraUser? user, EntraGroup group, bool isDryRun, CancellationToken cancellationToken) =>
        CheckGroup(actionId, isAdd, group, memberId) is { } denial
            ? ValueTask.FromResult<PolicyDenial?>(denial)
            : CheckMemberAsync(actionId, isAdd, memberId, user, group, isDryRun, cancellationToken);

    /// <summary>
    /// For a dry run: refuses, as Graph would with 403, when the latest access token holds no permission that allows changing
    /// the group's members. With no readable token (a host directory, an opaque token) nothing can be told, and it passes.
    /// </summary>
    /// <param name="group">The group as read.</param>
    /// <returns>The <see cref="EntraErrorKind.Forbidden"/> failure, or <see langword="null"/>.</returns>
    public EntraActionError? CheckWritePermission(EntraGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        // The current call's own token first (a credential may serve several users), else the latest one seen.
        if ((ActionCall.Current?.Claims ?? _identity?.Claims) is not { } claims)
        {
            return null;
        }

        var granted = GraphPermissionImplications.Expand(claims.Permissions, claims.PermissionModel);
        if (!granted.Contains(WritePermission))
        {
            return new EntraActionError(
                EntraErrorKind.Forbidden,
                $"Dry run: the access token holds no permission that allows changing the members of group '{group.Id}' ({WritePermission}, or Group.ReadWrite.All); Graph would refuse the write with 403. No write was sent.");
        }

        if (group.IsAssignableToRole && !granted.Contains(RoleWritePermission))
        {
            return new EntraActionError(
                EntraErrorKind.Forbidden,
                $"Dry run: group '{group.Id}' is role-assignable and the access token does not hold {RoleWritePermission}; Graph would refuse the write with 403. No write was sent.");
        }

        return null;
    }

    /// <summary>Whether a user is a guest: <c>userType</c> Guest, or, with no <c>userType</c> returned, a <c>#EXT#</c> userPrincipalName.</summary>
    /// <param name="user">The user.</param>
    /// <returns>Whether the user is a guest.</returns>
    public static bool IsGuest(EntraUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.AdditionalProperties.TryGetValue(UserTypeProperty, out var userType) && userType.ValueKind == JsonValueKind.String)
        {
            return string.Equals(userType.GetString(), "Guest", StringComparison.OrdinalIgnoreCase);
        }

        return user.UserPrincipalName?.Contains("#EXT#", StringComparison.OrdinalIgnoreCase) == true;
    }

    private PolicyDenial Deny(string actionId, string rule, string message, bool log = true)
    {
        if (log)
        {
            Log.PolicyDenied(_logger, actionId, rule);
        }

        return new PolicyDenial(rule, new EntraActionError(EntraErrorKind.PolicyDenied, message));
    }

    private static string Message(bool isAdd, string? memberId, string groupId, string reason, string rule)
    {
        var what = memberId is null
            ? (isAdd ? $"adding members to group '{groupId}'" : $"removing members from group '{groupId}'")
            : (isAdd ? $"adding user '{memberId}' to group '{groupId}'" : $"removing member '{memberId}' from group '{groupId}'");
        return $"The write policy refused {what}: {reason} (rule {rule}). No write was sent.";
    }

    private static HashSet<Guid> Ids(IList<string>? ids, string name)
    {
        // Options registered in DI were validated at start-up; options handed to an action's public constructor were not, and an
        // entry dropped here would leave a group unprotected (or, for AllowedGroupIds, every group allowed): refuse them instead.
        var set = new HashSet<Guid>();
        var list = ids ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            if (!Guid.TryParseExact(list[i]?.Trim(), "D", out var guid))
            {
                throw new OptionsValidationException(
                    Microsoft.Extensions.Options.Options.DefaultName,
                    typeof(EntraActionsOptions),
                    [$"EntraActions:Policy:{name}:{i} is not a group object id (a GUID such as 00000000-0000-0000-0000-000000000000); the write policy cannot be applied."]);
            }

            set.Add(guid);
        }

        return set;
    }
}
