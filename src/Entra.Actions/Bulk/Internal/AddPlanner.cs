using Entra.Actions.Directory.Internal;
using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Bulk.Internal;

/// <summary>
/// Up to 20 users on their way to one atomic write, and what its earlier sends taught: its resend budget, and whether, at
/// its first send, the group's members were fully known (so none of its users was a member then).
/// </summary>
/// <param name="Targets">The users.</param>
/// <param name="Budget">Its resend budget; a chunk split or shrunk after a refusal starts a fresh one.</param>
internal sealed record AddChunk(Target[] Targets, RetryBudget Budget)
{
    public bool UsersWereNotMembers { get; init; }

    /// <summary>Whether an earlier send of it was refused for now (throttled or unavailable), so Graph may have applied it.</summary>
    public bool WasResent => Budget.Resends > 0;

    public static AddChunk New(Target[] targets) => new(targets, new RetryBudget());

    public ObjectId[] ObjectIds()
    {
        var ids = new ObjectId[Targets.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = Targets[i].ObjectId;
        }

        return ids;
    }
}

/// <summary>A chunk's users split by a member snapshot: those in the group (and what to report for them) and the rest.</summary>
/// <param name="Present">The users the snapshot shows in the group.</param>
/// <param name="Outcome">What those users are reported.</param>
/// <param name="Rest">The users still to write.</param>
internal readonly record struct MemberSplit(Target[] Present, MembershipOutcome Outcome, Target[] Rest);

/// <summary>
/// The pure decisions of a bulk add: what to send, and what a member snapshot or an answer means for a chunk's users.
/// It records nothing; the caller hands its decisions to the run.
/// </summary>
internal static class AddPlanner
{
    /// <summary>
    /// The rule for a write Graph throttled yet applied. The write is atomic: when, after a throttled send, the whole chunk is
    /// found in the group while the members were fully known without these users at its first send, that send was applied,
    /// by this call: the users were added. Otherwise the users found there are already members.
    /// </summary>
    public static MembershipOutcome OutcomeOfPresent(AddChunk chunk, bool wholeChunkPresent) =>
        chunk.WasResent && chunk.UsersWereNotMembers && wholeChunkPresent ? MembershipOutcome.Added : MembershipOutcome.AlreadyMember;

    /// <summary>
    /// Before a send: the users the snapshot shows in the group are settled, the rest are sent, remembering at a chunk's first
    /// send whether the members were fully known. <see cref="MemberSplit.Rest"/> empty: nothing to send.
    /// </summary>
    public static (MemberSplit Split, AddChunk? Sending) BeforeSend(AddChunk chunk, GroupMemberIds? snapshot)
    {
        var split = snapshot is null
            ? new MemberSplit([], MembershipOutcome.AlreadyMember, chunk.Targets)
            : SplitPresent(chunk, snapshot.Ids, applyRule: true);
        if (split.Rest.Length == 0)
        {
            return (split, null);
        }

        var usersWereNotMembers = chunk.WasResent ? chunk.UsersWereNotMembers : snapshot?.IsComplete == true;
        var sending = split.Rest.Length == chunk.Targets.Length && usersWereNotMembers == chunk.UsersWereNotMembers
            ? chunk
            : chunk with { Targets = split.Rest, UsersWereNotMembers = usersWereNotMembers };
        return (split, sending);
    }

    /// <summary>A write's success: a lone user "already there" after its chunk's throttled send may be this call's own write.</summary>
    public static MembershipOutcome OnSuccess(AddChunk chunk, MembershipOutcome answer) =>
        answer == MembershipOutcome.AlreadyMember ? OutcomeOfPresent(chunk, wholeChunkPresent: true) : answer;

    /// <summary>After a refusal, with fresh members: the users there (added by this call's earlier send, or already members) and the rest.</summary>
    public static MemberSplit AfterRefusal(AddChunk chunk, IReadOnlySet<string> members) => SplitPresent(chunk, members, applyRule: true);

    /// <summary>Members learned instead of splitting: the users there are already members.</summary>
    public static MemberSplit KnownMembers(AddChunk chunk, IReadOnlySet<string> members) => SplitPresent(chunk, members, applyRule: false);

    /// <summary>Splits an atomic write refused because of one member in two halves, to find that member.</summary>
    public static AddChunk[] Halves(AddChunk chunk)
    {
        var half = chunk.Targets.Length / 2;
        return [AddChunk.New(chunk.Targets[..half]), AddChunk.New(chunk.Targets[half..])];
    }

    private static MemberSplit SplitPresent(AddChunk chunk, IReadOnlySet<string> members, bool applyRule)
    {
        var present = 0;
        foreach (var target in chunk.Targets)
        {
            present += members.Contains(target.ObjectId.Value) ? 1 : 0;
        }

        if (present == 0)
        {
            return new MemberSplit([], MembershipOutcome.AlreadyMember, chunk.Targets);
        }

        var there = new Target[present];
        var rest = new Target[chunk.Targets.Length - present];
        int p = 0, r = 0;
        foreach (var target in chunk.Targets)
        {
            if (members.Contains(target.ObjectId.Value))
            {
                there[p++] = target;
            }
            else
            {
                rest[r++] = target;
            }
        }

        var outcome = applyRule ? OutcomeOfPresent(chunk, wholeChunkPresent: rest.Length == 0) : MembershipOutcome.AlreadyMember;
        return new MemberSplit(there, outcome, rest);
    }
}
