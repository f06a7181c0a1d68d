namespace Entra.Actions.Emulator;

/// <summary>Object deletion: <c>DELETE /users/{key}</c>, <c>DELETE /groups/{id}</c>, and a group member deleted through <c>/groups/{id}/members/{id}</c>.</summary>
internal static class DeletionEndpoints
{
    /// <summary>
    /// <c>DELETE /groups/{id}/members/{id}</c> without <c>/$ref</c>: Graph deletes the member object itself when the caller may
    /// manage that object type, otherwise 403.
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
            if (!EndpointSupport.TryResolveUser(ctx, key, out var user, out var error))
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
        if (!EndpointSupport.TryAuthorizeObject(ctx, id, GraphPermissions.GroupWrite, out var groupId, out var error))
        {
            return error!;
        }

        lock (ctx.Directory.Gate)
        {
            return ctx.Directory.DeleteObjectUnlocked(groupId) ? GraphErrors.NoContent() : GraphErrors.NotFound(ctx, id);
        }
    }
}
