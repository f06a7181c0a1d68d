using Entra.Actions.Actions.Internal;
using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Bulk.Internal;

/// <summary>Hands the decisions of a bulk add to its run, the one writer of item results, with the add's messages.</summary>
internal sealed class AddSettler(BulkRun<MembershipChange> run, ObjectId group)
{
    public void Record(Target[] targets, MembershipOutcome outcome)
    {
        foreach (var target in targets)
        {
            run.Complete(target.Index, EntraActionResult.Success(new MembershipChange { MemberId = target.ObjectId.Value, GroupId = group.Value, Outcome = outcome }));
        }
    }

    public void Record(MemberSplit split) => Record(split.Present, split.Outcome);

    /// <summary>Fails the users of a write Graph refused, with a message naming each user.</summary>
    public void Fail(Target[] targets, EntraActionError error)
    {
        foreach (var target in targets)
        {
            var input = run.Input(target.Index);
            run.Complete(target.Index, EntraActionResult.Failure<MembershipChange>(ActionMessages.ForWrite(
                error, $"Adding user '{input}' to group '{group}'", $"User '{input}' was not found.")));
        }
    }

    /// <summary>Fails the users with an error that is not theirs (the group's).</summary>
    public void FailAs(Target[] targets, EntraActionError error)
    {
        var failure = EntraActionResult.Failure<MembershipChange>(error);
        foreach (var target in targets)
        {
            run.Complete(target.Index, failure);
        }
    }
}
