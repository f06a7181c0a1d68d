using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Entra.Actions.Emulator;

/// <summary>Write endpoints: membership changes with Graph's group-kind rules (graph-contract §1.3–1.5, §3.2), and object deletion.</summary>
internal static partial class MembershipEndpoints
{
    private const int MaxLinkChanges = 20;
    private const string InvalidMembersBind = "Invalid URL format specified in @odata.bind for members";

    public static EmulatorResponse AddMemberRef(RequestContext ctx, string id)
    {
        if (!Guid.TryParse(id, out var groupId))
        {
            return GraphErrors.InvalidObjectIdentifier(ctx, id);
        }

        if (!ctx.Principal.HasAny(GraphPermissions.MembershipWrite))
        {
            return GraphErrors.Denied(ctx);
        }

        if (!DirectoryEndpoints.TryReadBody(ctx, out var body, out var error))
        {
            return error!;
        }

        var reference = body!["@odata.id"];
        if (reference?.GetValueKind() != JsonValueKind.String)
        {
            return GraphErrors.BadRequest(ctx, "Invalid URL format specified in @odata.id.");
        }

        lock (ctx.Directory.Gate)
        {
            if (!TryWritableGroup(ctx, groupId, id, out var group, out error))
            {
                return error!;
            }

            if (!TryResolveReference(ctx, group!, reference.GetValue<string>(), "@odata.id", out var memberId, out error))
            {
                return error!;
            }

            ctx.Directory.MembersUnlocked(groupId).Add(memberId);
            return GraphErrors.NoContent();
        }
    }

    public static EmulatorResponse PatchGroup(RequestContext ctx, string id)
    {
        if (!Guid.TryParse(id, out var groupId))
        {
            return GraphErrors.InvalidObjectIdentifier(ctx, id);
        }

        if (!DirectoryEndpoints.TryReadBody(ctx, out var body, out var error))
        {
            return error!;
        }

        JsonNode? bind = null;
        var hasBind = false;
        var updates = new Dictionary<string, string?>();
        foreach (var (name, value) in body!)
        {
            switch (name)
            {
                case "@odata.type":
                    break;
                case "members@odata.bind":
                    bind = value;
                    hasBind = true;
                    break;
                case "displayName" or "description" or "mailNickname" or "visibility" or "classification"
                    when value is null || value.GetValueKind() == JsonValueKind.String:
                    updates[name] = value?.GetValue<string>();
                    break;
                case "owners@odata.bind":
                    return GraphErrors.BadRequest(ctx, "The emulator does not support owners@odata.bind.");
                default:
                    return GraphErrors.BadRequest(ctx, $"Invalid property '{name}'.");
            }
        }

        var needed = updates.Count > 0 ? GraphPermissions.GroupWrite : GraphPermissions.MembershipWrite;
        if (!ctx.Principal.HasAny(needed))
        {
            return GraphErrors.Denied(ctx);
        }

        if (!TryBindLinks(ctx, hasBind, bind, out var links, out error))
        {
            return error!;
        }

        lock (ctx.Directory.Gate)
        {
            EmulatedGroup? group;
            if (links!.Count > 0)
            {
                if (!TryWritableGroup(ctx, groupId, id, out group, out error))
                {
                    return error!;
                }
            }
            else
            {
                group = ctx.Directory.GroupUnlocked(groupId);
                if (group is null)
                {
                    return GraphErrors.NotFound(ctx, id);
                }
            }

            if (!TryResolveLinks(ctx, group!, links!, out var toAdd, out error))
            {
                return error!;
            }

            ctx.Directory.MembersUnlocked(groupId).AddRange(toAdd!);
            if (updates.Count > 0)
            {
                ctx.Directory.SetGroupUnlocked(group! with
                {
                    DisplayName = updates.TryGetValue("displayName", out var dn) && dn is not null ? dn : group.DisplayName,
                    Description = updates.TryGetValue("description", out var d) ? d : group.Description,
                    MailNickname = updates.TryGetValue("mailNickname", out var mn) ? mn : group.MailNickname,
                    Visibility = updates.TryGetValue("visibility", out var v) ? v : group.Visibility,
                    Classification = updates.TryGetValue("classification", out var c) ? c : group.Classification,
                });
            }

            return GraphErrors.NoContent();
        }
    }

    /// <summary>
    /// <c>POST /groups/{id}/members</c> with <c>{"members@odata.bind": [...]}</c> (graph-contract §1.3, current Learn page): at most 20
    /// links, atomic like the PATCH form.
    /// </summary>
    public static EmulatorResponse PostMembers(RequestContext ctx, string id)
    {
        if (!Guid.TryParse(id, out var groupId))
        {
            return GraphErrors.InvalidObjectIdentifier(ctx, id);
        }

        if (!ctx.Principal.HasAny(GraphPermissions.MembershipWrite))
        {
            return GraphErrors.Denied(ctx);
        }

        if (!DirectoryEndpoints.TryReadBody(ctx, out var body, out var error))
        {
            return error!;
        }

        foreach (var (name, _) in body!)
        {
            if (name is not ("@odata.type" or "members@odata.bind"))
            {
                return GraphErrors.BadRequest(ctx, $"Invalid property '{name}'.");
            }
        }

        if (!body.TryGetPropertyValue("members@odata.bind", out var bind))
        {
            return GraphErrors.BadRequest(ctx, InvalidMembersBind);
        }

        if (!TryBindLinks(ctx, hasBind: true, bind, out var links, out error))
        {
            return error!;
        }

        lock (ctx.Directory.Gate)
        {
            if (!TryWritableGroup(ctx, groupId, id, out var group, out error) || !TryResolveLinks(ctx, group!, links!, out var toAdd, out error))
            {
                return error!;
            }

            ctx.Directory.MembersUnlocked(groupId).AddRange(toAdd!);
            return GraphErrors.NoContent();
        }
    }

    /// <summary>Checks the shape of a <c>members@odata.bind</c> value: present means a JSON array (not null, not a string) of at most 20.</summary>
    private static bool TryBindLinks(RequestContext ctx, bool hasBind, JsonNode? bind, out JsonArray? links, out EmulatorResponse? error)
    {
        error = null;
        links = hasBind ? bind as JsonArray : [];
        if (links is null)
        {
            error = GraphErrors.BadRequest(ctx, InvalidMembersBind);
            return false;
        }

        if (links.Count > MaxLinkChanges)
        {
            error = GraphErrors.BadRequest(ctx, "A resource cannot contain more than 20 link changes");
            return false;
        }

        return true;
    }

    /// <summary>Resolves every bind link before anything is added (atomic, as Graph documents). Call under the lock.</summary>
    private static bool TryResolveLinks(RequestContext ctx, EmulatedGroup group, JsonArray links, out List<Guid>? toAdd, out EmulatorResponse? error)
    {
        error = null;
        toAdd = [];
        foreach (var link in links)
        {
            if (link?.GetValueKind() != JsonValueKind.String)
            {
                error = GraphErrors.BadRequest(ctx, InvalidMembersBind);
                return false;
            }

            if (!TryResolveReference(ctx, group, link.GetValue<string>(), "@odata.bind for members", out var memberId, out error))
            {
                return false;
            }

            if (toAdd.Contains(memberId))
            {
                var type = ctx.Directory.UserUnlocked(memberId) is null ? "Group" : "User";
                error = GraphErrors.BadRequest(ctx, $"Object '[ResourceType={type},Id={memberId}]' referenced from '[ResourceType=Group,Id={group.Id}]' can only be present once as an add/remove change.");
                return false;
            }

            toAdd.Add(memberId);
        }

        return true;
    }

    public static EmulatorResponse RemoveMemberRef(RequestContext ctx, string id, string memberKey)
    {
        if (!Guid.TryParse(id, out var groupId))
        {
            return GraphErrors.InvalidObjectIdentifier(ctx, id);
        }

        if (!ctx.Principal.HasAny(GraphPermissions.MembershipWrite))
        {
            return GraphErrors.Denied(ctx);
        }

        lock (ctx.Directory.Gate)
        {
            if (!TryWritableGroup(ctx, groupId, id, out _, out var error))
            {
                return error!;
            }

            if (!Guid.TryParse(memberKey, out var memberId))
            {
                return GraphErrors.InvalidObjectIdentifier(ctx, memberKey);
            }

            return ctx.Directory.MembersUnlocked(groupId).Remove(memberId)
                ? GraphErrors.NoContent()
                : GraphErrors.NotFound(ctx, memberKey);
        }
    }

    /// <summary>
    /// <c>DELETE /groups/{id}/members/{id}</c> without <c>/$ref</c>: Graph deletes the member object itself when the caller may
    /// manage that object type, otherwise 403 (graph-contract §1.5).
    /// </summary>
    public static EmulatorResponse DeleteMemberObject(RequestContext ctx, string id, string memberKey)
    {
        if (!Guid.TryParse(id, out var groupId))
        {
            return GraphErrors.InvalidObjectIdentifier(ctx, id);
        }

        if (!Guid.TryParse(memberKey, out var memberId))
        {
            return GraphErrors.InvalidObjectIdentifier(ctx, memberKey);
        }

        lock (ctx.Directory.Gate)
        {
            if (ctx.Directory.GroupUnlocked(groupId) is null)
            {
                return GraphErrors.NotFound(ctx, id);
            }

            if (!ctx.Directory.MembersUnlocked(groupId).Contains(memberId))
            {
                return GraphErrors.NotFound(ctx, memberKey);
            }

            var manage = ctx.Directory.UserUnlocked(memberId) is not null ? GraphPermissions.UserWrite : GraphPermissions.GroupWrite;
            if (!ctx.Principal.HasAny(manage))
            {
                return GraphErrors.Denied(ctx);
            }

            ctx.Directory.DeleteObjectUnlocked(memberId);
            return GraphErrors.NoContent();
        }
    }

    public static EmulatorResponse DeleteUser(RequestContext ctx, string? key)
    {
        if (key is not null && !ctx.Principal.HasAny(GraphPermissions.UserWrite))
        {
            return GraphErrors.Denied(ctx);
        }

        lock (ctx.Directory.Gate)
        {
            if (!DirectoryEndpoints.TryResolveUser(ctx, key, out var user, out var error))
            {
                return error!;
            }

            if (!ctx.Principal.HasAny(GraphPermissions.UserWrite))
            {
                return GraphErrors.Denied(ctx);
            }

            ctx.Directory.DeleteObjectUnlocked(user!.Id);
            return GraphErrors.NoContent();
        }
    }

    public static EmulatorResponse DeleteGroup(RequestContext ctx, string id)
    {
        if (!Guid.TryParse(id, out var groupId))
        {
            return GraphErrors.InvalidObjectIdentifier(ctx, id);
        }

        if (!ctx.Principal.HasAny(GraphPermissions.GroupWrite))
        {
            return GraphErrors.Denied(ctx);
        }

        lock (ctx.Directory.Gate)
        {
            return ctx.Directory.DeleteObjectUnlocked(groupId) ? GraphErrors.NoContent() : GraphErrors.NotFound(ctx, id);
        }
    }

    /// <summary>The group must exist and be a kind Graph lets you change (graph-contract §3.2). Call under the lock.</summary>
    private static bool TryWritableGroup(RequestContext ctx, Guid groupId, string key, out EmulatedGroup? group, out EmulatorResponse? error)
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
    private static bool TryResolveReference(RequestContext ctx, EmulatedGroup group, string url, string what, out Guid memberId, out EmulatorResponse? error)
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
