using System.Text.Json;
using System.Text.Json.Nodes;

namespace Entra.Actions.Emulator;

/// <summary>Membership writes through <c>members@odata.bind</c>: <c>PATCH /groups/{id}</c> and <c>POST /groups/{id}/members</c>, up to 20 links, all or nothing.</summary>
internal static class MemberBindEndpoints
{
    private const int MaxLinkChanges = 20;
    private const string InvalidMembersBind = "Invalid URL format specified in @odata.bind for members";

    public static EmulatorResponse PatchGroup(RequestContext ctx, string id)
    {
        if (!Guid.TryParse(id, out var groupId))
        {
            return GraphErrors.InvalidObjectIdentifier(ctx, id);
        }

        if (!EndpointSupport.TryReadBody(ctx, out var body, out var error))
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
                if (!MembershipRules.TryWritableGroup(ctx, groupId, id, out group, out error))
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
    /// <c>POST /groups/{id}/members</c> with <c>{"members@odata.bind": [...]}</c> (the form Graph documents today): at most 20
    /// links, atomic like the PATCH form.
    /// </summary>
    public static EmulatorResponse PostMembers(RequestContext ctx, string id)
    {
        if (!EndpointSupport.TryAuthorizeObject(ctx, id, GraphPermissions.MembershipWrite, out var groupId, out var error))
        {
            return error!;
        }

        if (!EndpointSupport.TryReadBody(ctx, out var body, out error))
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
            if (!MembershipRules.TryWritableGroup(ctx, groupId, id, out var group, out error) || !TryResolveLinks(ctx, group!, links!, out var toAdd, out error))
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

            if (!MembershipRules.TryResolveReference(ctx, group, link.GetValue<string>(), "@odata.bind for members", out var memberId, out error))
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
}
