using System.Text.Json;

namespace Entra.Actions.Emulator;

/// <summary>Single membership writes by reference: <c>POST /groups/{id}/members/$ref</c> and <c>DELETE /groups/{id}/members/{id}/$ref</c>.</summary>
internal static class MembershipEndpoints
{
    public static EmulatorResponse AddMemberRef(RequestContext ctx, string id)
    {
        if (!EndpointSupport.TryAuthorizeObject(ctx, id, GraphPermissions.MembershipWrite, out var groupId, out var error))
        {
            return error!;
        }

        if (!EndpointSupport.TryReadBody(ctx, out var body, out error))
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
            if (!MembershipRules.TryWritableGroup(ctx, groupId, id, out var group, out error))
            {
                return error!;
            }

            if (!MembershipRules.TryResolveReference(ctx, group!, reference.GetValue<string>(), "@odata.id", out var memberId, out error))
            {
                return error!;
            }

            ctx.Directory.MembersUnlocked(groupId).Add(memberId);
            return GraphErrors.NoContent();
        }
    }

    public static EmulatorResponse RemoveMemberRef(RequestContext ctx, string id, string memberKey)
    {
        if (!EndpointSupport.TryAuthorizeObject(ctx, id, GraphPermissions.MembershipWrite, out var groupId, out var error))
        {
            return error!;
        }

        lock (ctx.Directory.Gate)
        {
            if (!MembershipRules.TryWritableGroup(ctx, groupId, id, out _, out error))
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
}
