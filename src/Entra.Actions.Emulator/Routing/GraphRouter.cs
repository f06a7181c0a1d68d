namespace Entra.Actions.Emulator;

/// <summary>Maps a v1.0 path (segments already split, raw and percent-decoded) to a <see cref="Route"/>.</summary>
internal static class GraphRouter
{
    public static Route Resolve(string method, string[] raw, string[] seg)
    {
        if (seg.Length == 0 || (seg.Length == 1 && seg[0].Length == 0))
        {
            return method == "GET" ? new Route(1, false, OrganizationEndpoints.ServiceRoot, AllowAnonymous: true) : Route.Fail(GraphErrors.MethodNotAllowed);
        }

        var first = seg[0];
        if (first.StartsWith("users(", StringComparison.OrdinalIgnoreCase) && first.EndsWith(')'))
        {
            var key = first[6..^1];
            if (key.Length >= 2 && key[0] == '\'' && key[^1] == '\'')
            {
                key = key[1..^1].Replace("''", "'", StringComparison.Ordinal);
            }

            return User(method, key, seg[1..]);
        }

        switch (first)
        {
            case "me":
                return User(method, null, seg[1..]);
            case "users" when seg.Length == 1:
                return method == "GET" ? new Route(2, false, UserEndpoints.ListUsers) : Route.Fail(GraphErrors.MethodNotAllowed);
            case "users":
                if (raw[1].StartsWith('$'))
                {
                    return Route.Fail(ctx => GraphErrors.SegmentNotFound(ctx, seg[1]));
                }

                return User(method, seg[1], seg[2..]);
            case "groups" when seg.Length == 1:
                // Graph's documentation lists only GET users at 2; every other unlisted GET costs 1.
                return method == "GET" ? new Route(1, false, GroupEndpoints.ListGroups) : Route.Fail(GraphErrors.MethodNotAllowed);
            case "groups":
                return Group(method, seg[1], seg[2..]);
            case "directoryObjects" when seg.Length == 2 && seg[1] == "getByIds":
                return method == "POST" ? new Route(5, false, DirectoryObjectEndpoints.GetByIds) : Route.Fail(GraphErrors.MethodNotAllowed);
            case "directoryObjects" when seg.Length == 2:
                return method == "GET" ? new Route(1, false, ctx => DirectoryObjectEndpoints.GetDirectoryObject(ctx, seg[1])) : Route.Fail(GraphErrors.MethodNotAllowed);
            case "directoryObjects" when seg.Length == 3 && seg[2] == "checkMemberGroups":
                // The cost of 4 is listed for me/ and users/ only; elsewhere the action costs the default 1.
                return method == "POST" ? new Route(1, false, ctx => DirectoryObjectEndpoints.CheckMemberGroups(ctx, seg[1], null)) : Route.Fail(GraphErrors.MethodNotAllowed);
            case "organization" when seg.Length == 1:
                return method == "GET" ? new Route(1, false, OrganizationEndpoints.Organization) : Route.Fail(GraphErrors.MethodNotAllowed);
            default:
                var bad = seg.Length > 1 && first is "directoryObjects" or "organization" ? seg[^1] : first;
                return Route.Fail(ctx => GraphErrors.SegmentNotFound(ctx, bad));
        }
    }

    /// <summary>Routes under <c>/users/{key}</c>; a <see langword="null"/> key means <c>/me</c>.</summary>
    private static Route User(string method, string? key, string[] rest)
    {
        if (rest.Length == 0)
        {
            return method switch
            {
                "GET" => new Route(1, false, ctx => UserEndpoints.GetUser(ctx, key)),
                "DELETE" => new Route(1, true, ctx => DeletionEndpoints.DeleteUser(ctx, key)),
                _ => Route.Fail(GraphErrors.MethodNotAllowed),
            };
        }

        if (rest.Length == 1)
        {
            switch (rest[0])
            {
                case "memberOf":
                    return method == "GET" ? new Route(2, false, ctx => UserEndpoints.MemberOf(ctx, key, transitive: false)) : Route.Fail(GraphErrors.MethodNotAllowed);
                case "transitiveMemberOf":
                    return method == "GET" ? new Route(2, false, ctx => UserEndpoints.MemberOf(ctx, key, transitive: true)) : Route.Fail(GraphErrors.MethodNotAllowed);
                case "checkMemberGroups":
                    return method == "POST" ? new Route(4, false, ctx => DirectoryObjectEndpoints.CheckMemberGroups(ctx, null, key ?? "me")) : Route.Fail(GraphErrors.MethodNotAllowed);
                default:
                    break;
            }
        }

        // memberOf / transitiveMemberOf with an OData cast and/or $count.
        if (rest is [var nav, ..] && nav is "memberOf" or "transitiveMemberOf" && rest.Length is 2 or 3)
        {
            var transitive = nav == "transitiveMemberOf";
            var notAllowed = Route.Fail(GraphErrors.MethodNotAllowed);
            switch (rest[1..])
            {
                case ["$count"]:
                    return method == "GET" ? new Route(1, false, ctx => UserEndpoints.CountMemberOf(ctx, key, transitive, cast: null)) : notAllowed;
                case [var cast] when IsCast(cast):
                    return method == "GET" ? new Route(2, false, ctx => UserEndpoints.MemberOf(ctx, key, transitive, Cast(cast))) : notAllowed;
                case [var cast, "$count"] when IsCast(cast):
                    return method == "GET" ? new Route(1, false, ctx => UserEndpoints.CountMemberOf(ctx, key, transitive, Cast(cast))) : notAllowed;
                default:
                    break;
            }
        }

        return Route.Fail(ctx => GraphErrors.SegmentNotFound(ctx, rest[0]));
    }

    private static bool IsCast(string segment) =>
        segment.StartsWith("microsoft.graph.", StringComparison.Ordinal) || segment.StartsWith("graph.", StringComparison.Ordinal);

    /// <summary>Graph accepts the namespace alias <c>graph.</c> (what the SDK sends, as in <c>memberOf/graph.group</c>) for <c>microsoft.graph.</c>.</summary>
    private static string Cast(string segment) =>
        segment.StartsWith("graph.", StringComparison.Ordinal) && EndpointSupport.IsKnownCast("microsoft." + segment) ? "microsoft." + segment : segment;

    private static Route Group(string method, string id, string[] rest)
    {
        var notAllowed = Route.Fail(GraphErrors.MethodNotAllowed);
        switch (rest)
        {
            case []:
                return method switch
                {
                    "GET" => new Route(1, false, ctx => GroupEndpoints.GetGroup(ctx, id)),
                    "PATCH" => new Route(1, true, ctx => MemberBindEndpoints.PatchGroup(ctx, id)),
                    "DELETE" => new Route(1, true, ctx => DeletionEndpoints.DeleteGroup(ctx, id)),
                    _ => notAllowed,
                };
            case ["members"]:
                return method switch
                {
                    "GET" => new Route(3, false, ctx => GroupEndpoints.Members(ctx, id, transitive: false, cast: null)),
                    "POST" => new Route(1, true, ctx => MemberBindEndpoints.PostMembers(ctx, id)),
                    _ => notAllowed,
                };
            case ["members", "$ref"]:
                return method switch
                {
                    "POST" => new Route(1, true, ctx => MembershipEndpoints.AddMemberRef(ctx, id)),
                    "PATCH" => Route.Fail(ctx => GraphErrors.Error(ctx, 400, "BadRequest", "The request is currently not supported on the targeted entity set")),
                    _ => notAllowed,
                };
            case ["members", "$count"]:
                return method == "GET" ? new Route(1, false, ctx => GroupEndpoints.CountMembers(ctx, id, transitive: false, cast: null)) : notAllowed;
            case ["members", var cast] when IsCast(cast):
                return method == "GET" ? new Route(3, false, ctx => GroupEndpoints.Members(ctx, id, transitive: false, Cast(cast))) : notAllowed;
            case ["members", var cast, "$count"] when IsCast(cast):
                return method == "GET" ? new Route(1, false, ctx => GroupEndpoints.CountMembers(ctx, id, transitive: false, Cast(cast))) : notAllowed;
            case ["members", var memberId, "$ref"]:
                return method == "DELETE" ? new Route(1, true, ctx => MembershipEndpoints.RemoveMemberRef(ctx, id, memberId)) : notAllowed;
            case ["members", var memberId]:
                return method switch
                {
                    "GET" => new Route(1, false, ctx => GroupEndpoints.GetMember(ctx, id, memberId)),
                    "DELETE" => new Route(1, true, ctx => DeletionEndpoints.DeleteMemberObject(ctx, id, memberId)),
                    _ => notAllowed,
                };
            case ["transitiveMembers"]:
                return method == "GET" ? new Route(5, false, ctx => GroupEndpoints.Members(ctx, id, transitive: true, cast: null)) : notAllowed;
            case ["transitiveMembers", "$count"]:
                return method == "GET" ? new Route(1, false, ctx => GroupEndpoints.CountMembers(ctx, id, transitive: true, cast: null)) : notAllowed;
            case ["transitiveMembers", var cast] when IsCast(cast):
                return method == "GET" ? new Route(5, false, ctx => GroupEndpoints.Members(ctx, id, transitive: true, Cast(cast))) : notAllowed;
            case ["transitiveMembers", var cast, "$count"] when IsCast(cast):
                return method == "GET" ? new Route(1, false, ctx => GroupEndpoints.CountMembers(ctx, id, transitive: true, Cast(cast))) : notAllowed;
            case ["checkMemberGroups"]:
                return method == "POST" ? new Route(1, false, ctx => DirectoryObjectEndpoints.CheckMemberGroups(ctx, id, null)) : notAllowed;
            default:
                return Route.Fail(ctx => GraphErrors.SegmentNotFound(ctx, rest[^1]));
        }
    }
}
