using System.Text.Json;
using System.Text.Json.Nodes;

namespace Entra.Actions.Emulator;

/// <summary>Directory-object reads: <c>/directoryObjects/{id}</c>, <c>getByIds</c> and <c>checkMemberGroups</c>.</summary>
internal static class DirectoryObjectEndpoints
{
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

        if (!EndpointSupport.TrySelect(ctx, GraphJson.Scope.DirectoryObject, out var select, out var error))
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
            foreach (var property in EndpointSupport.Render(ctx, objectId, select))
            {
                json[property.Key] = property.Value?.DeepClone();
            }

            return GraphErrors.Json(200, json);
        }
    }

    public static EmulatorResponse CheckMemberGroups(RequestContext ctx, string? objectKey, string? userKey)
    {
        var needsUserRead = userKey is not null;
        if (!ctx.Principal.HasAny(GraphPermissions.GroupRead) || (needsUserRead && !ctx.Principal.HasAny(GraphPermissions.CheckMemberGroupsUser)))
        {
            return GraphErrors.Denied(ctx);
        }

        if (!EndpointSupport.TryReadBody(ctx, out var body, out var error))
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
                if (!EndpointSupport.TryResolveUser(ctx, userKey == "me" ? null : userKey, out var user, out error))
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

        if (!EndpointSupport.TrySelect(ctx, GraphJson.Scope.DirectoryObject, out var select, out var error) || !EndpointSupport.TryReadBody(ctx, out var body, out error))
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
                    value.Add(EndpointSupport.Render(ctx, id, select));
                }
            }

            return GraphErrors.Json(200, new JsonObject
            {
                ["@odata.context"] = GraphJson.CollectionContext("directoryObjects", select),
                ["value"] = value,
            });
        }
    }
}
