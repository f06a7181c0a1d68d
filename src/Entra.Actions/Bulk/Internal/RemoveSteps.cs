using Entra.Actions.Actions.Internal;
using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Bulk.Internal;

/// <summary>
/// Removes one group of up to 20 members in one <c>$batch</c> of <c>DELETE .../members/{id}/$ref</c> steps through
/// <see cref="StepRetries"/>. Removed and failed items complete as their steps answer; "not a member" waits for the group
/// check: as in the single action, a 404 is "not a member" only while the group still exists. A resent delete whose first
/// attempt Graph applied anyway answers 404, which is reported as not a member: still correct, and never a failure.
/// </summary>
internal sealed class RemoveSteps(BulkServices services, BulkRun<MembershipChange> run, GroupCheck group, StepRetries retries)
{
    private static readonly Func<Target, ObjectId> ObjectIdOf = target => target.ObjectId;

    public async Task RunAsync(ArraySegment<Target> chunk, CancellationToken cancellationToken)
    {
        var notMembers = new List<Target>();
        await retries.RunAsync(
            new BatchSteps<Target, ObjectId, MembershipOutcome>(
                chunk,
                ObjectIdOf,
                (ids, token) => services.Bulk.RemoveGroupMembersAsync(group.Group, ids, token),
                (target, outcome) =>
                {
                    if (outcome.Succeeded && outcome.Value == MembershipOutcome.NotAMember)
                    {
                        notMembers.Add(target);
                        return;
                    }

                    run.Complete(target.Index, outcome.Succeeded ? Change(target, outcome.Value) : Failure(target, outcome.Error));
                },
                writes: true),
            cancellationToken).ConfigureAwait(false);

        if (notMembers.Count == 0)
        {
            return;
        }

        var lost = await group.LostAsync(run, forgetCachedKind: false).ConfigureAwait(false);
        var lostFailure = lost is null ? null : EntraActionResult.Failure<MembershipChange>(lost);
        foreach (var target in notMembers)
        {
            run.Complete(target.Index, lostFailure ?? Change(target, MembershipOutcome.NotAMember));
        }
    }

    private EntraActionResult<MembershipChange> Change(Target target, MembershipOutcome outcome) =>
        EntraActionResult.Success(new MembershipChange { MemberId = target.ObjectId.Value, GroupId = group.Group.Value, Outcome = outcome });

    private EntraActionResult<MembershipChange> Failure(Target target, EntraActionError error)
    {
        var input = run.Input(target.Index);
        return EntraActionResult.Failure<MembershipChange>(ActionMessages.ForWrite(
            error, $"Removing member '{input}' from group '{group.Group}'", $"Member '{input}' was not found."));
    }
}
