using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Actions.Internal;

/// <summary>
/// The one place that decides whether Graph can change a group's members. Graph rejects the others anyway, but with
/// codes that don't say why (a dynamic group answers the same 403 as a missing permission), so the actions check the
/// group first and refuse with the reason, before any write is attempted.
/// </summary>
internal static class GroupMembershipGuard
{
    /// <summary>Checks whether members of <paramref name="group"/> may be added or removed through Graph.</summary>
    /// <param name="group">The group as read just before the write (its kind flags must have been selected).</param>
    /// <param name="options">The options (<see cref="EntraActionsOptions.AllowRoleAssignableGroups"/>).</param>
    /// <returns><see langword="null"/> when allowed; otherwise an <see cref="EntraErrorKind.UnsupportedGroup"/> error saying which kind and why.</returns>
    public static EntraActionError? Check(EntraGroup group, EntraActionsOptions options)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(options);

        var name = $"Group '{group.Id}'";

        // Most specific reason first: a dynamic or synced group is refused for that reason whatever its mail flags are.
        if (group.IsDynamic)
        {
            var rule = string.IsNullOrEmpty(group.MembershipRule) ? "(no rule returned)" : EntraIdValidator.Quote(group.MembershipRule);
            return Refuse($"{name} has dynamic membership: membership comes from the rule {rule}, so members cannot be added or removed directly. Change the rule or use an assigned group.");
        }

        if (group.OnPremisesSyncEnabled == true)
        {
            return Refuse($"{name} is synchronized from on-premises Active Directory: its membership is mastered in on-premises Active Directory; change it there.");
        }

        switch (group.Kind)
        {
            case EntraGroupKind.MailEnabledSecurity:
                return Refuse($"{name} is a mail-enabled security group: it is managed in Exchange Online; Graph treats them as read-only. Change its members in Exchange Online.");
            case EntraGroupKind.Distribution:
                return Refuse($"{name} is a distribution list: it is managed in Exchange Online; Graph treats them as read-only. Change its members in Exchange Online.");
            case EntraGroupKind.Unknown:
                // Flags Graph documents no kind for (neither mail- nor security-enabled, not Microsoft 365): refusing is the safe choice.
                return Refuse($"{name} has a combination of groupTypes, mailEnabled ({group.MailEnabled}) and securityEnabled ({group.SecurityEnabled}) that matches no documented group kind, so its membership is not changed.");
            case EntraGroupKind.Security:
            case EntraGroupKind.Microsoft365:
            default:
                break;
        }

        if (group.IsAssignableToRole && !options.AllowRoleAssignableGroups)
        {
            return Refuse($"{name} is role-assignable: changing its members needs RoleManagement.ReadWrite.Directory; set EntraActions:AllowRoleAssignableGroups=true if the connection holds it.");
        }

        return null;
    }

    private static EntraActionError Refuse(string message) => new(EntraErrorKind.UnsupportedGroup, message);
}
