using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Entra.Actions.Emulator;

/// <summary>Directory-object reads: <c>/directoryObjects/{id}</c>, <c>getByIds</c> and <c>checkMemberGroups</c>.</summary>
internal static class DirectoryObjectEndpoints
{
    public static EmulatorResponse GetDirectoryObject(RequestContext ctx, string id)
    {
        if (!EndpointSupport.TryAuthorizeObject(ctx, id, GraphPermissions.DirectoryRead, out var objectId, out var error))
        {
            return error!;
        }

        if (!EndpointSupport.TrySelect(ctx, GraphJson.Scope.DirectoryObject, out var select, out error))
        {
            return error!;
        }

        lock (ctx.Directory.Gate)
        {
            if (!ctx.Directory.IsTakenUnlocked(objectId))
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

        if (!TryReadIds(ctx, body!, "groupIds", "group ids", 20, out var requested, out error))
        {
            return error!;
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

        if (!TryReadIds(ctx, body!, "ids", "ids", 1000, out var wanted, out error))
        {
            return error!;
        }

        string[] knownTypes = ["user", "group", "device", "serviceprincipal", "application", "orgcontact", "directoryrole", "administrativeunit"];
        var types = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (body!["types"] is JsonArray typeNodes)
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
                var type = TypeOf(ctx.Directory, id);
                if (type is not null && (types.Count == 0 || types.Contains(type)))
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

    /// <summary>The <c>types</c> name of the object with the id, or <see langword="null"/> if there is none. Call under the lock.</summary>
    private static string? TypeOf(EmulatedDirectory directory, Guid id) =>
        directory.UserUnlocked(id) is not null ? "user"
        : directory.GroupUnlocked(id) is not null ? "group"
        : directory.DirectoryRoleUnlocked(id) is not null ? "directoryRole"
        : directory.AdministrativeUnitUnlocked(id) is not null ? "administrativeUnit"
        : null;

    /// <summary>Reads the array of object ids in <paramref name="property"/>: strings only, at most <paramref name="limit"/>, each a GUID.</summary>
    private static bool TryReadIds(RequestContext ctx, JsonObject body, string property, string noun, int limit, out List<Guid> ids, out EmulatorResponse? error)
    {
        ids = [];
        error = null;
        if (body[property] is not JsonArray nodes || nodes.Any(n => n?.GetValueKind() != JsonValueKind.String))
        {
            error = GraphErrors.BadRequest(ctx, $"Invalid request: '{property}' must be an array of strings.");
            return false;
        }

        if (nodes.Count > limit)
        {
            error = GraphErrors.BadRequest(ctx, string.Create(CultureInfo.InvariantCulture, $"The number of {noun} exceeds the limit of {limit}."));
            return false;
        }

        foreach (var node in nodes)
        {
            if (!Guid.TryParse(node!.GetValue<string>(), out var id))
            {
                error = GraphErrors.BadRequest(ctx, "Invalid GUID specified.");
                return false;
            }

            ids.Add(id);
        }

        return true;
    }
}
