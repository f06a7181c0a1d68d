using System.Globalization;
using System.Text.Json.Nodes;

namespace Entra.Actions.Emulator;

/// <summary>Group reads: <c>/groups</c>, <c>/groups/{id}</c> and the group's members (direct or transitive, cast, <c>$count</c>, one member).</summary>
internal static class GroupEndpoints
{
    public static EmulatorResponse GetGroup(RequestContext ctx, string id)
    {
        if (!EndpointSupport.TryAuthorizeObject(ctx, id, GraphPermissions.GroupRead, out var groupId, out var error))
        {
            return error!;
        }

        if (!EndpointSupport.TrySelect(ctx, GraphJson.Scope.Group, out var select, out error))
        {
            return error!;
        }

        lock (ctx.Directory.Gate)
        {
            var group = ctx.Directory.GroupUnlocked(groupId);
            if (group is null)
            {
                return GraphErrors.NotFound(ctx, id);
            }

            var json = new JsonObject { ["@odata.context"] = GraphJson.EntityContext("groups", select) };
            foreach (var property in GraphJson.Group(group, select))
            {
                json[property.Key] = property.Value?.DeepClone();
            }

            return GraphErrors.Json(200, json);
        }
    }

    public static EmulatorResponse ListGroups(RequestContext ctx)
    {
        if (!ctx.Principal.HasAny(GraphPermissions.GroupRead))
        {
            return GraphErrors.Denied(ctx);
        }

        // $filter narrows the list before paging, so $top, $skiptoken, $select and $count work on the matches as on the whole list.
        GroupFilter? filter = null;
        if (ctx.Query.Get("filter") is { } text && !GroupFilter.TryParse(text, out filter, out var problem))
        {
            return GraphErrors.Error(ctx, 400, GraphErrors.UnsupportedQueryCode, problem!);
        }

        if (!CollectionSearch.TryRead(ctx, SearchSchema.Groups, out var search, out var error))
        {
            return error!;
        }

        lock (ctx.Directory.Gate)
        {
            var groups = ctx.Directory.GroupsUnlocked.Where(g => (filter is null || filter.Matches(g))
                && (search is null || search.Matches(p => GroupFilter.ValueOf(g, p))));
            return CollectionPaging.Page(ctx, "groups", [.. groups.Select(g => g.Id)], GraphJson.Scope.Group, withType: false,
                filtered: filter is not null, searched: search is not null);
        }
    }

    public static EmulatorResponse GetMember(RequestContext ctx, string groupKey, string memberKey)
    {
        if (!Guid.TryParse(groupKey, out var groupId))
        {
            return GraphErrors.InvalidObjectIdentifier(ctx, groupKey);
        }

        if (!EndpointSupport.TryAuthorizeObject(ctx, memberKey, GraphPermissions.GroupRead, out var memberId, out var error))
        {
            return error!;
        }

        lock (ctx.Directory.Gate)
        {
            if (ctx.Directory.GroupUnlocked(groupId) is null)
            {
                return GraphErrors.NotFound(ctx, groupKey);
            }

            if (!ctx.Directory.MembersUnlocked(groupId).Contains(memberId))
            {
                return GraphErrors.NotFound(ctx, memberKey);
            }

            var json = new JsonObject { ["@odata.context"] = GraphJson.EntityContext("directoryObjects", null) };
            foreach (var property in EndpointSupport.Render(ctx, memberId, null))
            {
                json[property.Key] = property.Value?.DeepClone();
            }

            return GraphErrors.Json(200, json);
        }
    }

    public static EmulatorResponse Members(RequestContext ctx, string id, bool transitive, string? cast)
    {
        if (!EndpointSupport.TryAuthorizeObject(ctx, id, GraphPermissions.GroupRead, out var groupId, out var error))
        {
            return error!;
        }

        lock (ctx.Directory.Gate)
        {
            if (!TryMemberIds(ctx, groupId, id, transitive, cast, out var ids, out error))
            {
                return error!;
            }

            var (set, scope) = EndpointSupport.CastTarget(cast);
            return CollectionPaging.Page(ctx, set, ids, scope, withType: true);
        }
    }

    public static EmulatorResponse CountMembers(RequestContext ctx, string id, bool transitive, string? cast)
    {
        if (!EndpointSupport.TryAuthorizeObject(ctx, id, GraphPermissions.GroupRead, out var groupId, out var error))
        {
            return error!;
        }

        if (!ctx.HasEventualConsistency)
        {
            return GraphErrors.BadRequest(ctx, "$count is not currently supported.");
        }

        lock (ctx.Directory.Gate)
        {
            return TryMemberIds(ctx, groupId, id, transitive, cast, out var ids, out error)
                ? GraphErrors.Text(ids.Count.ToString(CultureInfo.InvariantCulture))
                : error!;
        }
    }

    /// <summary>The group's direct or transitive members, narrowed to the type <paramref name="cast"/> names. Call under the lock.</summary>
    private static bool TryMemberIds(RequestContext ctx, Guid groupId, string id, bool transitive, string? cast, out List<Guid> ids, out EmulatorResponse? error)
    {
        ids = [];
        if (ctx.Directory.GroupUnlocked(groupId) is null)
        {
            error = GraphErrors.NotFound(ctx, id);
            return false;
        }

        if (!EndpointSupport.TryCast(ctx, cast, out var filter, out error))
        {
            return false;
        }

        var members = transitive ? ctx.Directory.TransitiveMembersUnlocked(groupId) : ctx.Directory.MembersUnlocked(groupId);
        ids = [.. members.Where(filter!)];
        return true;
    }
}
