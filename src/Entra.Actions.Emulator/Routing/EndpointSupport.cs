using System.Text.Json;
using System.Text.Json.Nodes;

namespace Entra.Actions.Emulator;

/// <summary>What the read and write endpoints share: permission checks, resolving <c>/users/{key}</c> and <c>/me</c>, reading a JSON body,
/// <c>$select</c> and type casts, and rendering a directory object.</summary>
internal static class EndpointSupport
{
    /// <summary>Whether the caller may read user <paramref name="key"/> (<see langword="null"/> for <c>/me</c>) with <paramref name="others"/>,
    /// or as the signed-in user reading themselves. Decided from the token only (before any lookup).</summary>
    internal static bool CanRead(RequestContext ctx, string? key, PermissionSet others) =>
        ctx.Principal.HasAny(others) || (ctx.Principal.IsSelf(key) && ctx.Principal.HasAny(GraphPermissions.Me));

    internal static EmulatorResponse MeNotDelegated(RequestContext ctx) =>
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

    /// <summary>Parses the object id of a request and checks the caller holds <paramref name="needed"/>, in the order Graph checks them
    /// (a malformed id is a 400 before any permission is looked at).</summary>
    internal static bool TryAuthorizeObject(RequestContext ctx, string id, PermissionSet needed, out Guid objectId, out EmulatorResponse? error)
    {
        error = null;
        if (!Guid.TryParse(id, out objectId))
        {
            error = GraphErrors.InvalidObjectIdentifier(ctx, id);
            return false;
        }

        if (!ctx.Principal.HasAny(needed))
        {
            error = GraphErrors.Denied(ctx);
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

    /// <summary>Renders a user, group, directory role or administrative unit as a directoryObject; with limited information when the
    /// caller may not read that type. Call under the lock.</summary>
    internal static JsonObject Render(RequestContext ctx, Guid id, List<string>? select)
    {
        var directory = ctx.Directory;
        if (directory.UserUnlocked(id) is { } user)
        {
            return GraphJson.User(user, select, withType: true, limited: !ctx.Principal.HasAny(GraphPermissions.UserRead));
        }

        if (directory.DirectoryRoleUnlocked(id) is { } role)
        {
            return GraphJson.DirectoryRole(role, select, limited: !ctx.Principal.HasAny(GraphPermissions.RoleRead));
        }

        if (directory.AdministrativeUnitUnlocked(id) is { } unit)
        {
            return GraphJson.AdministrativeUnit(unit, select, limited: !ctx.Principal.HasAny(GraphPermissions.AdministrativeUnitRead));
        }

        var group = directory.GroupUnlocked(id)!;
        return GraphJson.Group(group, select, withType: true, limited: !ctx.Principal.HasAny(GraphPermissions.GroupRead));
    }

    /// <summary>Turns an OData cast segment into a test on object ids; an unknown type is a 404 segment error. Call under the lock.</summary>
    internal static bool TryCast(RequestContext ctx, string? cast, out Func<Guid, bool>? filter, out EmulatorResponse? error)
    {
        error = null;
        var directory = ctx.Directory;
        filter = cast switch
        {
            null => _ => true,
            "microsoft.graph.user" => id => directory.UserUnlocked(id) is not null,
            "microsoft.graph.group" => id => directory.GroupUnlocked(id) is not null,
            "microsoft.graph.directoryRole" => id => directory.DirectoryRoleUnlocked(id) is not null,
            "microsoft.graph.administrativeUnit" => id => directory.AdministrativeUnitUnlocked(id) is not null,
            "microsoft.graph.device" or "microsoft.graph.servicePrincipal" or "microsoft.graph.orgContact" => _ => false,
            _ => null,
        };
        if (filter is null)
        {
            error = GraphErrors.SegmentNotFound(ctx, cast!);
            return false;
        }

        return true;
    }

    /// <summary>Whether <paramref name="cast"/> names a directoryObject type (one that <see cref="TryCast"/> accepts).</summary>
    internal static bool IsKnownCast(string cast) => cast is "microsoft.graph.user" or "microsoft.graph.group" or "microsoft.graph.directoryRole"
        or "microsoft.graph.administrativeUnit" or "microsoft.graph.device" or "microsoft.graph.servicePrincipal" or "microsoft.graph.orgContact";

    /// <summary>The entity set (for <c>@odata.context</c>) and the <c>$select</c> scope of a collection narrowed by an OData cast.</summary>
    internal static (string Set, GraphJson.Scope Scope) CastTarget(string? cast) => cast switch
    {
        "microsoft.graph.user" => ("users", GraphJson.Scope.User),
        "microsoft.graph.group" => ("groups", GraphJson.Scope.Group),
        "microsoft.graph.directoryRole" => ("directoryRoles", GraphJson.Scope.DirectoryRole),
        "microsoft.graph.administrativeUnit" => ("administrativeUnits", GraphJson.Scope.AdministrativeUnit),
        _ => ("directoryObjects", GraphJson.Scope.DirectoryObject),
    };

    internal static bool TrySelect(RequestContext ctx, GraphJson.Scope scope, out List<string>? select, out EmulatorResponse? error)
    {
        error = null;
        if (!GraphJson.TryResolveSelect(ctx.Query.Select, scope, out select, out var unknown, out var unselectable))
        {
            var type = scope switch
            {
                GraphJson.Scope.User => "microsoft.graph.user",
                GraphJson.Scope.Group => "microsoft.graph.group",
                GraphJson.Scope.DirectoryRole => "microsoft.graph.directoryRole",
                GraphJson.Scope.AdministrativeUnit => "microsoft.graph.administrativeUnit",
                _ => "microsoft.graph.directoryObject",
            };
            error = GraphErrors.BadRequest(ctx, unselectable
                ? $"The property '{unknown}' of type '{type}' cannot be selected."
                : $"Could not find a property named '{unknown}' on type '{type}'.");
            return false;
        }

        return true;
    }
}
