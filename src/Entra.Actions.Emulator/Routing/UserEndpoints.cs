using System.Globalization;
using System.Text.Json.Nodes;

namespace Entra.Actions.Emulator;

/// <summary>User reads: <c>/users</c>, <c>/users/{key}</c> or <c>/me</c>, and the user's memberships in groups, directory roles and administrative units (<c>memberOf</c>, transitive, <c>$count</c>).</summary>
internal static class UserEndpoints
{
    public static EmulatorResponse GetUser(RequestContext ctx, string? key)
    {
        if (!EndpointSupport.TrySelect(ctx, GraphJson.Scope.User, out var select, out var error))
        {
            return error!;
        }

        // Authorize before resolving: a caller without permission learns nothing about whether the user exists (403, not 404).
        if (!EndpointSupport.CanRead(ctx, key, GraphPermissions.UserRead))
        {
            return key is null && !ctx.Principal.IsDelegated ? EndpointSupport.MeNotDelegated(ctx) : GraphErrors.Denied(ctx);
        }

        lock (ctx.Directory.Gate)
        {
            if (!EndpointSupport.TryResolveUser(ctx, key, out var user, out error))
            {
                return error!;
            }

            var json = new JsonObject { ["@odata.context"] = GraphJson.EntityContext("users", select) };
            foreach (var property in GraphJson.User(user!, select))
            {
                json[property.Key] = property.Value?.DeepClone();
            }

            return GraphErrors.Json(200, json);
        }
    }

    public static EmulatorResponse ListUsers(RequestContext ctx)
    {
        if (!ctx.Principal.HasAny(GraphPermissions.UserRead))
        {
            return GraphErrors.Denied(ctx);
        }

        // $filter narrows the list before paging, so $top, $skiptoken, $select and $count work on the matches as on the whole list.
        UserFilter? filter = null;
        if (ctx.Query.Get("filter") is { } text && !UserFilter.TryParse(text, out filter, out var problem))
        {
            return GraphErrors.Error(ctx, 400, GraphErrors.UnsupportedQueryCode, problem!);
        }

        // $search and $filter together must both match.
        if (!CollectionSearch.TryRead(ctx, SearchSchema.Users, out var search, out var error))
        {
            return error!;
        }

        lock (ctx.Directory.Gate)
        {
            var users = ctx.Directory.UsersUnlocked.Where(u => (filter is null || filter.Matches(u))
                && (search is null || search.Matches(p => UserFilter.ValueOf(u, p))));
            return CollectionPaging.Page(ctx, "users", [.. users.Select(u => u.Id)], GraphJson.Scope.User, withType: false,
                filtered: filter is not null, searched: search is not null);
        }
    }

    public static EmulatorResponse MemberOf(RequestContext ctx, string? key, bool transitive) => MemberOf(ctx, key, transitive, cast: null);

    public static EmulatorResponse MemberOf(RequestContext ctx, string? key, bool transitive, string? cast)
    {
        if (!EndpointSupport.CanRead(ctx, key, GraphPermissions.MemberOfRead))
        {
            return key is null && !ctx.Principal.IsDelegated ? EndpointSupport.MeNotDelegated(ctx) : GraphErrors.Denied(ctx);
        }

        lock (ctx.Directory.Gate)
        {
            if (!EndpointSupport.TryResolveUser(ctx, key, out var user, out var error))
            {
                return error!;
            }

            if (!EndpointSupport.TryCast(ctx, cast, out var filter, out error))
            {
                return error!;
            }

            var (set, scope) = EndpointSupport.CastTarget(cast);
            return CollectionPaging.Page(ctx, set, [.. MemberOfIds(ctx, user!, transitive).Where(filter!)], scope, withType: true);
        }
    }

    /// <summary><c>/users/{key}/memberOf[/cast]/$count</c> and the transitive variant: a bare integer, needs <c>ConsistencyLevel: eventual</c>.</summary>
    public static EmulatorResponse CountMemberOf(RequestContext ctx, string? key, bool transitive, string? cast)
    {
        if (!EndpointSupport.CanRead(ctx, key, GraphPermissions.MemberOfRead))
        {
            return key is null && !ctx.Principal.IsDelegated ? EndpointSupport.MeNotDelegated(ctx) : GraphErrors.Denied(ctx);
        }

        if (!ctx.HasEventualConsistency)
        {
            return GraphErrors.BadRequest(ctx, "$count is not currently supported.");
        }

        lock (ctx.Directory.Gate)
        {
            if (!EndpointSupport.TryResolveUser(ctx, key, out var user, out var error) || !EndpointSupport.TryCast(ctx, cast, out var filter, out error))
            {
                return error!;
            }

            return GraphErrors.Text(MemberOfIds(ctx, user!, transitive).Count(filter!).ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Groups, directory roles and administrative units, direct or transitive. Call under the lock.</summary>
    private static List<Guid> MemberOfIds(RequestContext ctx, EmulatedUser user, bool transitive) =>
        transitive ? ctx.Directory.TransitiveDirectoryMemberOfUnlocked(user.Id) : ctx.Directory.DirectoryMemberOfUnlocked(user.Id);
}
