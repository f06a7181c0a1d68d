using System.Text.RegularExpressions;

namespace Entra.Actions.Emulator;

/// <summary>
/// What every membership write checks: the group exists and is a kind Graph lets you change (not dynamic, mail-enabled,
/// distribution or on-premises synced), and a member reference URL names an object that may be added.
/// </summary>
internal static partial class MembershipRules
{
    /// <summary>The group must exist and be a kind Graph lets you change. Call under the lock.</summary>
    internal static bool TryWritableGroup(RequestContext ctx, Guid groupId, string key, out EmulatedGroup? group, out EmulatorResponse? error)
    {
        error = null;
        group = ctx.Directory.GroupUnlocked(groupId);
        if (group is null)
        {
            error = GraphErrors.NotFound(ctx, key);
        }
        else if (group.IsDynamic)
        {
            error = GraphErrors.Denied(ctx);
        }
        else if (group.IsMailEnabledSecurityOrDistribution)
        {
            error = GraphErrors.BadRequest(ctx, "Cannot Update a mail-enabled security groups and or distribution list.");
        }
        else if (group.OnPremisesSyncEnabled == true)
        {
            error = GraphErrors.BadRequest(ctx, "Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.");
        }
        else if (group.IsAssignableToRole == true && !ctx.Principal.HasAny(GraphPermissions.RoleManagementWrite))
        {
            error = GraphErrors.Denied(ctx);
        }

        return error is null;
    }

    /// <summary>Resolves a member reference URL to an object that may be added. Call under the lock.</summary>
    internal static bool TryResolveReference(RequestContext ctx, EmulatedGroup group, string url, string what, out Guid memberId, out EmulatorResponse? error)
    {
        memberId = Guid.Empty;
        error = null;
        var match = ReferencePattern().Match(url);
        if (!match.Success)
        {
            error = GraphErrors.BadRequest(ctx, $"Invalid URL format specified in {what}");
            return false;
        }

        var key = Uri.UnescapeDataString(match.Groups["id"].Value);
        if (!Guid.TryParse(key, out memberId))
        {
            error = GraphErrors.InvalidObjectIdentifier(ctx, key);
            return false;
        }

        var set = match.Groups["set"].Value.ToUpperInvariant();
        var isUser = ctx.Directory.UserUnlocked(memberId) is not null;
        var isGroup = ctx.Directory.GroupUnlocked(memberId) is not null;
        if ((!isUser && !isGroup) || (set == "USERS" && !isUser) || (set == "GROUPS" && !isGroup))
        {
            error = GraphErrors.NotFound(ctx, key);
            return false;
        }

        if (isGroup && (group.IsMicrosoft365 || memberId == group.Id || ctx.Directory.TransitiveMembersUnlocked(memberId).Contains(group.Id)))
        {
            error = GraphErrors.BadRequest(ctx, group.IsMicrosoft365
                ? "Microsoft 365 groups can only contain users."
                : "A group cannot be a member of itself, directly or through nesting.");
            return false;
        }

        if (ctx.Directory.MembersUnlocked(group.Id).Contains(memberId))
        {
            error = GraphErrors.BadRequest(ctx, "One or more added object references already exist for the following modified properties: 'members'.");
            return false;
        }

        return true;
    }

    [GeneratedRegex(@"(?:^|/)(?<set>directoryObjects|users|groups)/(?<id>[^/?#]+)/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();
}
