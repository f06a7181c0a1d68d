namespace Entra.Actions.Connections.Internal;

/// <summary>
/// The permission part of a connection check, computed from the token's permissions alone: per action whether it can run and what
/// is missing, what is granted beyond need, what is granted twice over (information), and the warnings that follow. Pure, so it is tested without a token or Graph.
/// </summary>
internal sealed class ConnectionAssessment
{
    // Granted by sign-in rather than asked for the actions: OpenID Connect scopes, and User.Read, which every delegated sign-in
    // consents to and which the check itself uses to read the organization. Not a least-privilege finding.
    private static readonly HashSet<string> SignInScopes = new(StringComparer.OrdinalIgnoreCase)
    {
        "openid", "profile", "email", "offline_access", "User.Read",
    };

    private ConnectionAssessment(IReadOnlyList<EntraActionReadiness> actions, IReadOnlyList<string> excess, IReadOnlyList<EntraConnectionWarning> warnings)
    {
        Actions = actions;
        ExcessPermissions = excess;
        Warnings = warnings;
    }

    public IReadOnlyList<EntraActionReadiness> Actions { get; }

    public IReadOnlyList<string> ExcessPermissions { get; }

    public IReadOnlyList<EntraConnectionWarning> Warnings { get; }

    public static ConnectionAssessment Assess(
        EntraPermissionModel model,
        IReadOnlyList<string> granted,
        IReadOnlyList<EntraActionDescriptor> actions,
        string? userPrincipalName)
    {
        ArgumentNullException.ThrowIfNull(granted);
        ArgumentNullException.ThrowIfNull(actions);
        if (model == EntraPermissionModel.Unknown)
        {
            return new ConnectionAssessment([], [], []);
        }

        var effective = GraphPermissionImplications.Expand(granted, model);
        var readiness = new List<EntraActionReadiness>(actions.Count);
        var needed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var action in actions)
        {
            var required = model == EntraPermissionModel.Delegated ? action.DelegatedPermissions : action.ApplicationPermissions;
            needed.UnionWith(required);
            readiness.Add(new EntraActionReadiness
            {
                ActionId = action.Id,
                DisplayName = action.DisplayName,
                RequiredPermissions = required,
                MissingPermissions = [.. required.Where(permission => !effective.Contains(permission))],
            });
        }

        // Excess: granted permissions no action names. A broader permission that happens to satisfy a need (Directory.ReadWrite.All
        // for GroupMember.ReadWrite.All) is still excess: it grants far more than the actions use.
        var excess = granted
            .Where(permission => !needed.Contains(permission) && !(model == EntraPermissionModel.Delegated && SignInScopes.Contains(permission)))
            .ToList();

        // Redundant: needed, but another needed grant already includes it. Only needed grants count as includers, since an excess
        // one is to be removed and the narrower permission then does the work.
        var kept = granted.Where(needed.Contains).ToList();
        var redundant = kept.Where(permission => LeastPrivilege.IsIncludedByAnother(kept, permission, model)).ToList();
        var leastPrivilege = LeastPrivilege.For(actions, model);

        var warnings = new List<EntraConnectionWarning>();
        if (model == EntraPermissionModel.Delegated)
        {
            var who = userPrincipalName ?? "the signed-in user";
            warnings.Add(new EntraConnectionWarning(
                EntraConnectionWarningKind.DelegatedConnection,
                $"This connection is delegated: every action runs as {who} and is attributed to that person in the audit log, and Graph also requires " +
                "that account's directory role (for example Groups Administrator or User Administrator) or group ownership for membership changes. " +
                "Use a dedicated service account, or an app registration with application permissions."));
        }

        var blocked = readiness.Where(action => !action.CanRun).ToList();
        if (blocked.Count > 0)
        {
            warnings.Add(new EntraConnectionWarning(
                EntraConnectionWarningKind.MissingPermissions,
                $"{blocked.Count} of {readiness.Count} actions cannot run: " +
                string.Join("; ", blocked.Select(action => $"{action.DisplayName} needs {string.Join(" and ", action.MissingPermissions)}")) +
                $" ({(model == EntraPermissionModel.Delegated ? "delegated" : "application")} permission{(blocked.Sum(a => a.MissingPermissions.Count) == 1 ? string.Empty : "s")})."));
        }

        if (excess.Count > 0)
        {
            warnings.Add(new EntraConnectionWarning(
                EntraConnectionWarningKind.ExcessPermissions,
                $"Granted beyond what the actions need: {string.Join(", ", excess)}. For least privilege, remove them and grant only " +
                $"{string.Join(", ", leastPrivilege)}."));
        }

        if (redundant.Count > 0)
        {
            warnings.Add(new EntraConnectionWarning(
                EntraConnectionWarningKind.RedundantPermissions,
                $"For information, nothing to change: {string.Join(", ", redundant.Select(permission => $"{permission} is included in {Includer(kept, permission, model)}"))}, " +
                $"so granting {(redundant.Count == 1 ? "it" : "them")} too widens nothing. The least the actions need is {string.Join(", ", leastPrivilege)}."));
        }

        return new ConnectionAssessment(readiness, excess, warnings);
    }

    private static string Includer(IReadOnlyList<string> granted, string permission, EntraPermissionModel model) =>
        granted.First(other => !string.Equals(other, permission, StringComparison.OrdinalIgnoreCase)
            && GraphPermissionImplications.Satisfies([other], permission, model));
}
