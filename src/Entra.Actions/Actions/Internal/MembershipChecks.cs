using Entra.Actions.Directory.Internal;
using Entra.Actions.Policy.Internal;
using Entra.Actions.Validation.Internal;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.Actions.Internal;

/// <summary>
/// What Add and Remove check between their reads and their write: the write policy, and for a dry run the write
/// permission in the token and the outcome the change would have (the member's current membership, read in one request).
/// </summary>
internal static class MembershipChecks
{
    /// <summary>Runs the checks.</summary>
    /// <param name="guard">The write guard.</param>
    /// <param name="directory">The directory (a dry run asks it whether the member is in the group).</param>
    /// <param name="logger">The action's logger.</param>
    /// <param name="actionId">The action's catalog id.</param>
    /// <param name="isAdd">Whether the member is added (or removed).</param>
    /// <param name="groupId">The validated group id.</param>
    /// <param name="prepared">The reads' results.</param>
    /// <param name="write">The call's envelope (dry run or not; told the refusing rule).</param>
    /// <param name="cancellationToken">Cancels the checks.</param>
    /// <returns><see langword="null"/> when the write may be sent; otherwise the result to return (a denial, or the dry run's answer).</returns>
    public static async Task<EntraActionResult<MembershipChange>?> CheckAsync(
        WriteGuard guard,
        IEntraDirectory directory,
        ILogger logger,
        string actionId,
        bool isAdd,
        ObjectId groupId,
        PreparedChange prepared,
        WriteCall write,
        CancellationToken cancellationToken)
    {
        var memberId = prepared.MemberId.Value;
        if (await guard.CheckAsync(actionId, isAdd, memberId, prepared.User, prepared.Group, write.IsDryRun, cancellationToken).ConfigureAwait(false) is { } denial)
        {
            write.DeniedBy(denial.Rule);
            return EntraActionResult.Failure<MembershipChange>(denial.Error);
        }

        if (!write.IsDryRun)
        {
            return null;
        }

        if (guard.CheckWritePermission(prepared.Group) is { } forbidden)
        {
            return EntraActionResult.Failure<MembershipChange>(forbidden);
        }

        if (directory is not IMembershipProbe probe)
        {
            return EntraActionResult.Failure<MembershipChange>(new EntraActionError(
                EntraErrorKind.ServiceError,
                $"Dry run: this directory cannot tell whether '{memberId}' is a member of group '{groupId}', so the outcome cannot be told. No write was sent."));
        }

        var isMember = await ActionSupport.CallDirectoryAsync(
            () => probe.IsDirectMemberAsync(groupId, prepared.MemberId, cancellationToken), logger, actionId, cancellationToken).ConfigureAwait(false);
        if (!isMember.Succeeded)
        {
            return EntraActionResult.Failure<MembershipChange>(ActionMessages.ForRead(
                isMember.Error, $"The members of group '{groupId}'", "GroupMember.Read.All (included in GroupMember.ReadWrite.All)"));
        }

        var outcome = isAdd
            ? (isMember.Value ? MembershipOutcome.AlreadyMember : MembershipOutcome.Added)
            : (isMember.Value ? MembershipOutcome.Removed : MembershipOutcome.NotAMember);
        return EntraActionResult.Success(new MembershipChange { MemberId = memberId, GroupId = groupId.Value, Outcome = outcome, IsDryRun = true });
    }
}
