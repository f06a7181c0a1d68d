using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Entra.Actions.Emulator;

/// <summary>Read endpoints: users, groups, memberships, directory objects, organization.</summary>
internal static class DirectoryEndpoints
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 999;

    private static readonly string[] EntitySets = ["directoryObjects", "groups", "organization", "users"];

    public static EmulatorResponse ServiceRoot(RequestContext ctx) => GraphErrors.Json(200, new JsonObject
    {
        ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata",
        ["value"] = new JsonArray(
            [.. EntitySets.Select(n => (JsonNode)new JsonObject { ["name"] = n, ["kind"] = "EntitySet", ["url"] = n })]),
    });

    public static EmulatorResponse GetUser(RequestContext ctx, string? key)
    {
        if (!TrySelect(ctx, GraphJson.Scope.User, out var select, out var error))
        {
            return error!;
        }

        // Authorize before resolving: a caller without permission learns nothing about whether the user exists (403, not 404).
        if (!CanRead(ctx, key, GraphPermissions.UserRead))
        {
            return key is null && !ctx.Principal.IsDelegated ? MeNotDelegated(ctx) : GraphErrors.Denied(ctx);
        }

        lock (ctx.Directory.Gate)
        {
            if (!TryResolveUser(ctx, key, out var user, out error))
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

    public static EmulatorResponse GetGroup(RequestContext ctx, string id)
    {
        if (!Guid.TryParse(id, out var groupId))
        {
            return GraphErrors.InvalidObjectIdentifier(ctx, id);
        }

        if (!ctx.Principal.HasAny(GraphPermissions.GroupRead))
        {
            return GraphErrors.Denied(ctx);
        }

        if (!TrySelect(ctx, GraphJson.Scope.Group, out var select, out var error))
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

    public static EmulatorResponse GetDirectoryObject(RequestContext ctx, string id)
    {
        if (!Guid.TryParse(id, out var objectId))
        {
            return GraphErrors.InvalidObjectIdentifier(ctx, id);
        }

        if (!ctx.Principal.HasAny(GraphPermissions.DirectoryRead))
        {
            return GraphErrors.Denied(ctx);
        }

        if (!TrySelect(ctx, GraphJson.Scope.DirectoryObject, out var select, out var error))
        {
            return error!;
        }

        lock (ctx.Directory.Gate)
        {
            if (!ctx.Directory.ExistsUnlocked(objectId))
            {
                return GraphErrors.NotFound(ctx, id);
            }

            var json = new JsonObject { ["@odata.context"] = GraphJson.EntityContext("directoryObjects", select) };
            foreach (var property in Render(ctx, objectId, select))
            {
                json[property.Key] = property.Value?.DeepClone();
            }

            return GraphErrors.Json(200, json);
        }
    }

    public static EmulatorResponse GetMember(RequestContext ctx, string groupKey, string memberKey)
    {
        if (!Guid.TryParse(groupKey, out var groupId))
        {
            return GraphErrors.InvalidObjectIdentifier(ctx, groupKey);
        }

        if (!Guid.TryParse(memberKey, out var memberId))
        {
            return GraphErrors.InvalidObjectIdentifier(ctx, memberKey);
        }

        if (!ctx.Principal.HasAny(GraphPermissions.GroupRead))
        {
            return GraphErrors.Denied(ctx);
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
            foreach (var property in Render(ctx, memberId, null))
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

        lock (ctx.Directory.Gate)
        {
            var users = ctx.Directory.UsersUnlocked.Where(u => filter is null || filter.Matches(u));
            return Page(ctx, "users", [.. users.Select(u => u.Id)], GraphJson.Scope.User, withType: false, filtered: filter is not null);
        }
    }

    public static EmulatorResponse ListGroups(RequestContext ctx)
    {
        if (!ctx.Principal.HasAny(GraphPermissions.GroupRead))
        {
            return GraphErrors.Denied(ctx);
        }

        lock (ctx.Directory.Gate)
        {
            return Page(ctx, "groups", [.. ctx.Directory.GroupsUnlocked.Select(g => g.Id)], GraphJson.Scope.Group, withType: false);
        }
    }

    public static EmulatorResponse Members(RequestContext ctx, string id, bool transitive, string? cast)
    {
        if (!Guid.TryParse(id, out var groupId))
        {
            return GraphErrors.InvalidObjectIdentifier(ctx, id);
        }

        if (!ctx.Principal.HasAny(GraphPermissions.GroupRead))
        {
            return GraphErrors.Denied(ctx);
        }

        lock (ctx.Directory.Gate)
        {
            if (ctx.Directory.GroupUnlocked(groupId) is null)
            {
                return GraphErrors.NotFound(ctx, id);
            }

            if (!TryCast(ctx, cast, out var filter, out var error))
            {
                return error!;
            }

            var ids = transitive ? ctx.Directory.TransitiveMembersUnlocked(groupId) : [.. ctx.Directory.MembersUnlocked(groupId)];
            ids = [.. ids.Where(filter!)];
            var scope = cast switch
            {
                "microsoft.graph.user" => GraphJson.Scope.User,
                "microsoft.graph.group" => GraphJson.Scope.Group,
                _ => GraphJson.Scope.DirectoryObject,
            };
            var set = cast switch
            {
                "microsoft.graph.user" => "users",
                "microsoft.graph.group" => "groups",
                _ => "directoryObjects",
            };
            return Page(ctx, set, ids, scope, withType: true);
        }
    }

    public static EmulatorResponse CountMembers(RequestContext ctx, string id, bool transitive, string? cast)
    {
        if (!Guid.TryParse(id, out var groupId))
        {
            return GraphErrors.InvalidObjectIdentifier(ctx, id);
        }

        if (!ctx.Principal.HasAny(GraphPermissions.GroupRead))
        {
            return GraphErrors.Denied(ctx);
        }

        if (!ctx.HasEventualConsistency)
        {
            return GraphErrors.BadRequest(ctx, "$count is not currently supported.");
        }

        lock (ctx.Directory.Gate)
        {
            if (ctx.Directory.GroupUnlocked(groupId) is null)
            {
                return GraphErrors.NotFound(ctx, id);
            }

            if (!TryCast(ctx, cast, out var filter, out var error))
            {
                return error!;
            }

            var ids = transitive ? ctx.Directory.TransitiveMembersUnlocked(groupId) : ctx.Directory.MembersUnlocked(groupId);
            return GraphErrors.Text(ids.Count(filter!).ToString(CultureInfo.InvariantCulture));
        }
    }

    public static EmulatorResponse MemberOf(RequestContext ctx, string? key, bool transitive) => MemberOf(ctx, key, transitive, cast: null);

    /// <summary><c>/users/{key}/memberOf[/cast]/$count</c> and the transitive variant: a bare integer, needs <c>ConsistencyLevel: eventual</c>.</summary>
    public static EmulatorResponse CountMemberOf(RequestContext ctx, string? key, bool transitive, string? cast)
    {
        if (!CanRead(ctx, key, GraphPermissions.MemberOfRead))
        {
            return key is null && !ctx.Principal.IsDelegated ? MeNotDelegated(ctx) : GraphErrors.Denied(ctx);
        }

        if (!ctx.HasEventualConsistency)
        {
            return GraphErrors.BadRequest(ctx, "$count is not currently supported.");
        }

        lock (ctx.Directory.Gate)
        {
            if (!TryResolveUser(ctx, key, out var user, out var error) || !TryCast(ctx, cast, out var filter, out error))
            {
                return error!;
            }

            var ids = transitive ? ctx.Directory.TransitiveMemberOfUnlocked(user!.Id) : ctx.Directory.MemberOfUnlocked(user!.Id);
            return GraphErrors.Text(ids.Count(filter!).ToString(CultureInfo.InvariantCulture));
        }
    }

    public static EmulatorResponse MemberOf(RequestContext ctx, string? key, bool transitive, string? cast)
    {
        if (!CanRead(ctx, key, GraphPermissions.MemberOfRead))
        {
            return key is null && !ctx.Principal.IsDelegated ? MeNotDelegated(ctx) : GraphErrors.Denied(ctx);
        }

        lock (ctx.Directory.Gate)
        {
            if (!TryResolveUser(ctx, key, out var user, out var error))
            {
                return error!;
            }

            if (!TryCast(ctx, cast, out var filter, out error))
            {
                return error!;
            }

            var ids = transitive ? ctx.Directory.TransitiveMemberOfUnlocked(user!.Id) : ctx.Directory.MemberOfUnlocked(user!.Id);
            ids = [.. ids.Where(filter!)];
            return cast == "microsoft.graph.group"
                ? Page(ctx, "groups", ids, GraphJson.Scope.Group, withType: true)
                : Page(ctx, "directoryObjects", ids, GraphJson.Scope.DirectoryObject, withType: true);
        }
    }

    public static EmulatorResponse CheckMemberGroups(RequestContext ctx, string? objectKey, string? userKey)
    {
        var needsUserRead = userKey is not null;
        if (!ctx.Principal.HasAny(GraphPermissions.GroupRead) || (needsUserRead && !ctx.Principal.HasAny(GraphPermissions.CheckMemberGroupsUser)))
        {
            return GraphErrors.Denied(ctx);
        }

        if (!TryReadBody(ctx, out var body, out var error))
        {
            return error!;
        }

        if (body!["groupIds"] is not JsonArray groupIds || groupIds.Any(n => n?.GetValueKind() != JsonValueKind.String))
        {
            return GraphErrors.BadRequest(ctx, "Invalid request: 'groupIds' must be an array of strings.");
        }

        if (groupIds.Count > 20)
        {
            return GraphErrors.BadRequest(ctx, "The number of group ids exceeds the limit of 20.");
        }

        var requested = new List<Guid>();
        foreach (var node in groupIds)
        {
            if (!Guid.TryParse(node!.GetValue<string>(), out var g))
            {
                return GraphErrors.BadRequest(ctx, "Invalid GUID specified.");
            }

            requested.Add(g);
        }

        lock (ctx.Directory.Gate)
        {
            Guid subject;
            if (userKey is not null)
            {
                if (!TryResolveUser(ctx, userKey == "me" ? null : userKey, out var user, out error))
                {
                    return error!;
                }

                subject = user!.Id;
            }
            else if (!Guid.TryParse(objectKey, out subject))
            {
                return GraphErrors.InvalidObjectIdentifier(ctx, objectKey!);
            }
            else if (!ctx.Directory.ExistsUnlocked(subject))
            {
                return GraphErrors.NotFound(ctx, objectKey!);
            }

            var memberOf = ctx.Directory.TransitiveMemberOfUnlocked(subject).ToHashSet();
            return GraphErrors.Json(200, new JsonObject
            {
                ["@odata.context"] = $"{GraphJson.MetadataBase}Collection(Edm.String)",
                ["value"] = new JsonArray([.. requested.Distinct().Where(memberOf.Contains).Select(g => (JsonNode)g.ToString())]),
            });
        }
    }

    public static EmulatorResponse GetByIds(RequestContext ctx)
    {
        if (!ctx.Principal.HasAny(GraphPermissions.DirectoryRead))
        {
            return GraphErrors.Denied(ctx);
        }

        if (!TrySelect(ctx, GraphJson.Scope.DirectoryObject, out var select, out var error) || !TryReadBody(ctx, out var body, out error))
        {
            return error!;
        }

        if (body!["ids"] is not JsonArray ids || ids.Any(n => n?.GetValueKind() != JsonValueKind.String))
        {
            return GraphErrors.BadRequest(ctx, "Invalid request: 'ids' must be an array of strings.");
        }

        if (ids.Count > 1000)
        {
            return GraphErrors.BadRequest(ctx, "The number of ids exceeds the limit of 1000.");
        }

        var wanted = new List<Guid>();
        foreach (var node in ids)
        {
            if (!Guid.TryParse(node!.GetValue<string>(), out var g))
            {
                return GraphErrors.BadRequest(ctx, "Invalid GUID specified.");
            }

            wanted.Add(g);
        }

        string[] knownTypes = ["user", "group", "device", "serviceprincipal", "application", "orgcontact", "directoryrole", "administrativeunit"];
        var types = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (body["types"] is JsonArray typeNodes)
        {
            foreach (var node in typeNodes)
            {
                var type = node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
                if (type is null || !knownTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
                {
                    return GraphErrors.BadRequest(ctx, $"Invalid type '{type}' specified.");
                }

                types.Add(type);
            }
        }

        lock (ctx.Directory.Gate)
        {
            var value = new JsonArray();
            foreach (var id in wanted.Distinct())
            {
                var isUser = ctx.Directory.UserUnlocked(id) is not null;
                var isGroup = ctx.Directory.GroupUnlocked(id) is not null;
                if ((isUser && (types.Count == 0 || types.Contains("user"))) || (isGroup && (types.Count == 0 || types.Contains("group"))))
                {
                    value.Add(Render(ctx, id, select));
                }
            }

            return GraphErrors.Json(200, new JsonObject
            {
                ["@odata.context"] = GraphJson.CollectionContext("directoryObjects", select),
                ["value"] = value,
            });
        }
    }

    public static EmulatorResponse Organization(RequestContext ctx)
    {
        if (!ctx.Principal.HasAny(GraphPermissions.OrganizationRead))
        {
            return GraphErrors.Denied(ctx);
        }

        var org = ctx.Directory.Organization;
        var initial = org.VerifiedDomains.LastOrDefault(d => d.EndsWith(".onmicrosoft.com", StringComparison.OrdinalIgnoreCase));
        var domains = new JsonArray();
        for (var i = 0; i < org.VerifiedDomains.Count; i++)
        {
            var name = org.VerifiedDomains[i];
            domains.Add(new JsonObject
            {
                ["capabilities"] = "Email, OfficeCommunicationsOnline",
                ["isDefault"] = i == 0,
                ["isInitial"] = string.Equals(name, initial, StringComparison.OrdinalIgnoreCase),
                ["name"] = name,
                ["type"] = "Managed",
            });
        }

        return GraphErrors.Json(200, new JsonObject
        {
            ["@odata.context"] = $"{GraphJson.MetadataBase}organization",
            ["value"] = new JsonArray(new JsonObject
            {
                ["id"] = org.Id.ToString(),
                ["deletedDateTime"] = null,
                ["businessPhones"] = new JsonArray(),
                ["city"] = null,
                ["country"] = null,
                ["countryLetterCode"] = org.CountryLetterCode,
                ["createdDateTime"] = org.CreatedDateTime is { } created ? GraphJson.Date(created) : null,
                ["displayName"] = org.DisplayName,
                ["onPremisesLastSyncDateTime"] = null,
                ["onPremisesSyncEnabled"] = null,
                ["preferredLanguage"] = "en",
                ["tenantType"] = "AAD",
                ["technicalNotificationMails"] = new JsonArray(),
                ["verifiedDomains"] = domains,
            }),
        });
    }

    /// <summary>Whether the caller may read user <paramref name="key"/> (<see langword="null"/> for <c>/me</c>) with <paramref name="others"/>,
    /// or as the signed-in user reading themselves. Decided from the token only (before any lookup).</summary>
    internal static bool CanRead(RequestContext ctx, string? key, PermissionSet others) =>
        ctx.Principal.HasAny(others) || (ctx.Principal.IsSelf(key) && ctx.Principal.HasAny(GraphPermissions.Me));

    private static EmulatorResponse MeNotDelegated(RequestContext ctx) =>
        GraphErrors.Error(ctx, 400, "BadRequest", "/me request is only valid with delegated authentication flow.");

    /// <summary>Resolves <c>/users/{key}</c> (key is an id or UPN) or <c>/me</c> (key <see langword="null"/>). Call under the directory lock.</summary>
    internal static bool TryResolveUser(RequestContext ctx, string? key, out EmulatedUser? user, out EmulatorResponse? error)
    {
        user = null;
        error = null;
        if (key is null)
        {
            if (!ctx.Principal.IsDelegated || ctx.Principal.ObjectId is null)
            {
                error = MeNotDelegated(ctx);
                return false;
            }

            key = ctx.Principal.ObjectId.Value.ToString();
        }

        user = ctx.Directory.FindUserUnlocked(key);
        if (user is null)
        {
            error = GraphErrors.NotFound(ctx, key);
            return false;
        }

        return true;
    }

    internal static bool TryReadBody(RequestContext ctx, out JsonObject? body, out EmulatorResponse? error)
    {
        body = null;
        error = null;
        try
        {
            body = JsonNode.Parse(ctx.Request.Body ?? string.Empty) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is null)
        {
            error = GraphErrors.Error(ctx, 400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
            return false;
        }

        return true;
    }

    /// <summary>Renders a user or group as a directoryObject; with limited information when the caller may not read that type. Call under the lock.</summary>
    internal static JsonObject Render(RequestContext ctx, Guid id, List<string>? select)
    {
        if (ctx.Directory.UserUnlocked(id) is { } user)
        {
            return GraphJson.User(user, select, withType: true, limited: !ctx.Principal.HasAny(GraphPermissions.UserRead));
        }

        var group = ctx.Directory.GroupUnlocked(id)!;
        return GraphJson.Group(group, select, withType: true, limited: !ctx.Principal.HasAny(GraphPermissions.GroupRead));
    }

    private static bool TryCast(RequestContext ctx, string? cast, out Func<Guid, bool>? filter, out EmulatorResponse? error)
    {
        error = null;
        var directory = ctx.Directory;
        filter = cast switch
        {
            null => _ => true,
            "microsoft.graph.user" => id => directory.UserUnlocked(id) is not null,
            "microsoft.graph.group" => id => directory.GroupUnlocked(id) is not null,
            "microsoft.graph.device" or "microsoft.graph.servicePrincipal" or "microsoft.graph.orgContact"
                or "microsoft.graph.directoryRole" or "microsoft.graph.administrativeUnit" => _ => false,
            _ => null,
        };
        if (filter is null)
        {
            error = GraphErrors.SegmentNotFound(ctx, cast!);
            return false;
        }

        return true;
    }

    private static bool TrySelect(RequestContext ctx, GraphJson.Scope scope, out List<string>? select, out EmulatorResponse? error)
    {
        error = null;
        if (!GraphJson.TryResolveSelect(ctx.Query.Select, scope, out select, out var unknown, out var unselectable))
        {
            var type = scope switch
            {
                GraphJson.Scope.User => "microsoft.graph.user",
                GraphJson.Scope.Group => "microsoft.graph.group",
                _ => "microsoft.graph.directoryObject",
            };
            error = GraphErrors.BadRequest(ctx, unselectable
                ? $"The property '{unknown}' of type '{type}' cannot be selected."
                : $"Could not find a property named '{unknown}' on type '{type}'.");
            return false;
        }

        return true;
    }

    /// <summary>Pages a collection with <c>$top</c>/<c>$skiptoken</c>/<c>$select</c>/<c>$count</c>. Call under the lock.
    /// <c>$filter</c> is refused unless <c>filtered</c> says the caller already applied it to the ids (only <c>GET /users</c> does).</summary>
    private static EmulatorResponse Page(RequestContext ctx, string set, List<Guid> ids, GraphJson.Scope scope, bool withType, bool filtered = false)
    {
        var query = ctx.Query;
        if (query.Get("search") is not null)
        {
            return ctx.HasEventualConsistency
                ? GraphErrors.Error(ctx, 400, GraphErrors.UnsupportedQueryCode, "The emulator does not support $search.")
                : GraphErrors.Error(ctx, 400, GraphErrors.UnsupportedQueryCode, "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
        }

        foreach (var option in new[] { "filter", "orderby", "expand" })
        {
            if (query.Get(option) is not null && !(filtered && option == "filter"))
            {
                return GraphErrors.Error(ctx, 400, GraphErrors.UnsupportedQueryCode, $"The emulator does not support ${option}.");
            }
        }

        if (!TrySelect(ctx, scope, out var select, out var error))
        {
            return error!;
        }

        var top = DefaultPageSize;
        if (query.Top is { } topText
            && (!int.TryParse(topText, NumberStyles.Integer, CultureInfo.InvariantCulture, out top) || top < 1 || top > MaxPageSize))
        {
            return GraphErrors.BadRequest(ctx, $"Invalid page size specified: '{topText}'. Must be between 1 and {MaxPageSize} inclusive.");
        }

        var offset = 0;
        if (query.SkipToken is { } token && !TryDecodeSkipToken(token, out offset))
        {
            return GraphErrors.BadRequest(ctx, "Invalid skip token.");
        }

        var json = new JsonObject { ["@odata.context"] = GraphJson.CollectionContext(set, select) };
        if (query.CountRequested && ctx.HasEventualConsistency)
        {
            json["@odata.count"] = ids.Count;
        }

        var end = Math.Min(ids.Count, offset + top);
        if (end < ids.Count)
        {
            var next = new StringBuilder(ctx.Request.BaseAddress.GetLeftPart(UriPartial.Authority)).Append(ctx.Request.RawPath);
            next.Append("?$top=").Append(top.ToString(CultureInfo.InvariantCulture));

            // Carry every original query option ($count, $select, anything else) as sent, except $top (written above) and $skiptoken.
            foreach (var pair in ctx.Request.RawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]).TrimStart('$');
                if (!name.Equals("top", StringComparison.OrdinalIgnoreCase) && !name.Equals("skiptoken", StringComparison.OrdinalIgnoreCase))
                {
                    next.Append('&').Append(pair);
                }
            }

            next.Append("&$skiptoken=").Append(EncodeSkipToken(end));
            json["@odata.nextLink"] = next.ToString();
        }

        var value = new JsonArray();
        for (var i = offset; i < end; i++)
        {
            value.Add(withType ? Render(ctx, ids[i], select) : scope == GraphJson.Scope.User
                ? GraphJson.User(ctx.Directory.UserUnlocked(ids[i])!, select)
                : GraphJson.Group(ctx.Directory.GroupUnlocked(ids[i])!, select));
        }

        json["value"] = value;
        return GraphErrors.Json(200, json);
    }

    private static string EncodeSkipToken(int offset) =>
        TokenReader.Base64UrlEncode(string.Create(CultureInfo.InvariantCulture, $"RFNwdA:{offset}"));

    private static bool TryDecodeSkipToken(string token, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.UTF8.GetString(TokenReader.Base64UrlDecode(token));
            return text.StartsWith("RFNwdA:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
