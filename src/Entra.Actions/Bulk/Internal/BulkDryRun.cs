using Entra.Actions.Actions.Internal;
using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Bulk.Internal;

/// <summary>
/// The end of a dry run: instead of writing, the group's current members are read (all pages) and each target gets the
/// outcome its write would have had (<see cref="MembershipOutcome.Added"/> or <see cref="MembershipOutcome.AlreadyMember"/>,
/// <see cref="MembershipOutcome.Removed"/> or <see cref="MembershipOutcome.NotAMember"/>), flagged as a dry run. No write is sent.
/// </summary>
internal static class BulkDryRun
{
    public static async Task SettleAsync(BulkServices services, BulkRun<MembershipChange> run, ObjectId group, List<Target> targets, bool isAdd, CancellationToken cancellationToken)
    {
        if (targets.Count == 0)
        {
            return;
        }

        await services.Throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
        var read = await services.Bulk.GetGroupMemberIdsAsync(group, int.MaxValue, cancellationToken).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            var failure = EntraActionResult.Failure<MembershipChange>(
                ActionMessages.ForRead(read.Error, $"The members of group '{group}'", "GroupMember.Read.All (included in GroupMember.ReadWrite.All)"));
            foreach (var target in targets)
            {
                run.Complete(target.Index, failure);
            }

            return;
        }

        var members = read.Value.Ids;
        foreach (var target in targets)
        {
            var present = members.Contains(target.ObjectId.Value);
            var outcome = isAdd
                ? (present ? MembershipOutcome.AlreadyMember : MembershipOutcome.Added)
                : (present ? MembershipOutcome.Removed : MembershipOutcome.NotAMember);
            run.Complete(target.Index, EntraActionResult.Success(new MembershipChange
            {
                MemberId = target.ObjectId.Value,
                GroupId = group.Value,
                Outcome = outcome,
                IsDryRun = true,
            }));
        }
    }
}
