using Entra.Actions.Actions.Internal;
using Entra.Actions.Directory.Internal;

namespace Entra.Actions.Bulk.Internal;

/// <summary>
/// Settles a chunk whose atomic write Graph refused whole: fails it, or returns what must be written again (without the
/// members found, or in halves).
/// </summary>
internal sealed class AddRefusals(BulkServices services, GroupCheck group, MemberReader members, AddSettler settler, BulkRun<MembershipChange> run, MemberPrefetch prefetch)
{
    public async Task<AddChunk[]> SettleAsync(AddChunk chunk, MemberAddAnswer answer, Lazy<Task<bool>> refresh, CancellationToken cancellationToken)
    {
        var reason = RefusalReason.Classify(answer);
        var error = answer.Error!;
        var targets = chunk.Targets;
        if (reason == RefusalKind.AlreadyMember && chunk.WasResent && prefetch != MemberPrefetch.Never
            && await refresh.Value.ConfigureAwait(false) && members.Snapshot is { } fresh)
        {
            // An earlier send that was throttled yet applied left the whole chunk in the group.
            var split = AddPlanner.AfterRefusal(chunk, fresh.Ids);
            if (split.Present.Length > 0)
            {
                settler.Record(split);
                return Remaining(split);
            }
        }

        if (reason == RefusalKind.MissingObject && targets.Length > 1)
        {
            // A 404 names a missing member or a missing group (deleted after the cached guard read). Splitting would turn a
            // vanished group into one write per user, each blamed on the user; read the group once per call first.
            if (await group.LostAsync(run, forgetCachedKind: true).ConfigureAwait(false) is { } lost)
            {
                settler.FailAs(targets, lost);
                return [];
            }
        }

        if (reason == RefusalKind.Other || targets.Length == 1)
        {
            MembershipPreparation.ForgetGroupOnRefusal(services.Directory, group.Group, error);
            settler.Fail(targets, error);
            return [];
        }

        // The write is atomic: one existing member (or one missing object) failed the whole chunk and nothing was written.
        // Learn the current members once, when that is cheaper than splitting (the next round drops the known members);
        // otherwise split to find the culprits.
        if (prefetch == MemberPrefetch.Auto && reason == RefusalKind.AlreadyMember
            && await members.EnsureAsync(members.PagesBudget, cancellationToken).ConfigureAwait(false) && members.Snapshot is { } known)
        {
            var split = AddPlanner.KnownMembers(chunk, known.Ids);
            if (split.Present.Length > 0)
            {
                settler.Record(split);
                return Remaining(split);
            }
        }

        return AddPlanner.Halves(chunk);
    }

    private static AddChunk[] Remaining(MemberSplit split) => split.Rest.Length == 0 ? [] : [AddChunk.New(split.Rest)];
}
