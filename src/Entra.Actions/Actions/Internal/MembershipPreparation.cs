using Entra.Actions.Directory.Internal;
using Entra.Actions.Logging.Internal;
using Entra.Actions.Validation.Internal;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.Actions.Internal;

/// <summary>
/// The steps Add and Remove share before their write: read the group, refuse kinds Graph cannot change, and resolve a
/// userPrincipalName to the object id the <c>$ref</c> body and URL need.
/// </summary>
internal static class MembershipPreparation
{
    /// <summary>Prepares a membership change.</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="options">The options (role-assignable groups).</param>
    /// <param name="logger">The action's logger.</param>
    /// <param name="actionId">The action's id.</param>
    /// <param name="member">The validated member id (an object id, or a user's userPrincipalName).</param>
    /// <param name="groupId">The validated group object id.</param>
    /// <param name="requireUser">Whether the member must be a user (adding): a GUID is then read as a user first, so another object type cannot be bound.</param>
    /// <param name="userProperties">Extra user properties the checks after this need (<c>userType</c> to refuse guests).</param>
    /// <param name="write">The call's envelope, told the group and the member as they are read.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The member's object id, the user when read, and the group; or the failure (not yet logged, except a refusal).</returns>
    public static async Task<EntraActionResult<PreparedChange>> PrepareAsync(
        IEntraDirectory directory,
        EntraActionsOptions options,
        ILogger logger,
        string actionId,
        ValidatedId member,
        ObjectId groupId,
        bool requireUser,
        IReadOnlyCollection<string> userProperties,
        WriteCall write,
        CancellationToken cancellationToken)
    {
        // The group is read first so a missing group and an unchangeable kind are reported precisely, before any write.
        var group = await ActionSupport.CallDirectoryAsync(
            () => directory is IGroupKindReader reader
                ? reader.GetGroupForMembershipChangeAsync(groupId, cancellationToken)
                : directory.GetGroupAsync(groupId.Value, [], cancellationToken),
            logger,
            actionId,
            cancellationToken).ConfigureAwait(false);
        if (!group.Succeeded)
        {
            return EntraActionResult.Failure<PreparedChange>(
                ActionMessages.ForRead(group.Error, $"Group '{groupId}'", "GroupMember.Read.All (included in GroupMember.ReadWrite.All)"));
        }

        write.GroupRead(group.Value);
        if (GroupMembershipGuard.Check(group.Value, options) is { } refusal)
        {
            var g = group.Value;
            Log.GroupRefused(logger, actionId, groupId.Value, g.Kind, g.IsDynamic, g.OnPremisesSyncEnabled, g.IsAssignableToRole);
            return EntraActionResult.Failure<PreparedChange>(refusal);
        }

        // An object id is taken as is only where any member type is fine (removal). Adding reads the user first: a group,
        // device or service-principal id passed as "User ID" would otherwise be bound as a member through /directoryObjects.
        if (member.IsObjectId && !requireUser)
        {
            write.MemberResolved(member.Value, null);
            return EntraActionResult.Success(new PreparedChange(member.ObjectId, null, group.Value));
        }

        var user = await ActionSupport.CallDirectoryAsync(
            () => directory.GetUserAsync(member.Value, userProperties, cancellationToken), logger, actionId, cancellationToken).ConfigureAwait(false);
        if (!user.Succeeded)
        {
            return EntraActionResult.Failure<PreparedChange>(
                ActionMessages.ForRead(user.Error, $"User '{member.Value}'", "User.Read.All to resolve the user"));
        }

        // The resolved id goes into a URL path, so it is held to the same rule as a caller's id.
        if (!EntraIdValidator.TryValidate(user.Value.Id, EntraIdValidator.MemberIdInput, out ObjectId objectId, out _))
        {
            return EntraActionResult.Failure<PreparedChange>(new EntraActionError(
                EntraErrorKind.ServiceError,
                $"User '{member.Value}' was resolved to an id that is not a GUID ({EntraIdValidator.Quote(user.Value.Id ?? string.Empty)}); no change was made."));
        }

        Log.UserResolved(logger, actionId, member.Value, objectId.Value);
        write.MemberResolved(objectId.Value, user.Value);
        return EntraActionResult.Success(new PreparedChange(objectId, user.Value, group.Value));
    }

    /// <summary>Drops the cached group when Graph refused a write its cached kind allowed (the kind may have changed).</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="groupId">The group.</param>
    /// <param name="error">The write's failure.</param>
    public static void ForgetGroupOnRefusal(IEntraDirectory directory, ObjectId groupId, EntraActionError error)
    {
        if (error.Kind is EntraErrorKind.UnsupportedGroup or EntraErrorKind.Forbidden or EntraErrorKind.NotFound && directory is IGroupKindReader reader)
        {
            reader.ForgetGroup(groupId);
        }
    }
}
