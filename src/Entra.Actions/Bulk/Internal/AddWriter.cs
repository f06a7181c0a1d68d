using Entra.Actions.Directory.Internal;
using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Bulk.Internal;

/// <summary>
/// Writes chunks of a bulk add in rounds of one <c>$batch</c> (a lone chunk goes as a plain <c>PATCH</c>), through
/// <see cref="StepRetries"/>. Each chunk's answer, as the seam gives it, decides its fate: added; throttled or unavailable
/// (resent by the loop); refused whole because one member is already there or missing (members learned, or the chunk split,
/// and the rest written again); or failed.
/// </summary>
internal sealed class AddWriter(BulkServices services, ObjectId group, MemberReader members, AddSettler settler, AddRefusals refusals, List<AddChunk> chunks, int perRound)
    : IStepWork<AddChunk, MemberAddAnswer>
{
    private readonly List<(AddChunk Chunk, MemberAddAnswer Answer)> _refused = [];
    private List<AddChunk> _pending = chunks;

    public bool Writes => true;

    public bool BudgetFromFirstSend => false;

    public List<AddChunk> NextRound()
    {
        var round = new List<AddChunk>(perRound);
        var later = new List<AddChunk>();
        foreach (var chunk in _pending)
        {
            // One snapshot per chunk decision: another worker's member read may replace the set in between.
            var (known, sending) = AddPlanner.BeforeSend(chunk, members.Snapshot);
            settler.Record(known);
            if (sending is not null)
            {
                (round.Count < perRound ? round : later).Add(sending);
            }
        }

        _pending = later;
        return round;
    }

    public async Task<IReadOnlyList<MemberAddAnswer>> SendAsync(List<AddChunk> round, CancellationToken cancellationToken)
    {
        if (round.Count == 1)
        {
            return [await services.Bulk.AddGroupMembersAsync(group, round[0].ObjectIds(), cancellationToken).ConfigureAwait(false)];
        }

        var ids = new IReadOnlyList<ObjectId>[round.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = round[i].ObjectIds();
        }

        return await services.Bulk.AddGroupMembersInBatchAsync(group, ids, cancellationToken).ConfigureAwait(false);
    }

    public EntraActionError? ErrorOf(MemberAddAnswer answer) => answer.Error;

    public bool MaySucceedLater(MemberAddAnswer answer) => answer.Status == MemberAddStatus.Unavailable;

    public bool Resendable(int roundSize) => roundSize > 1;

    public RetryBudget BudgetOf(AddChunk unit) => unit.Budget;

    public int ItemsIn(AddChunk unit) => unit.Targets.Length;

    public void Answered(AddChunk unit, MemberAddAnswer answer, bool givenUp)
    {
        if (answer.Succeeded)
        {
            settler.Record(unit.Targets, AddPlanner.OnSuccess(unit, answer.Outcome));
        }
        else if (givenUp)
        {
            settler.Fail(unit.Targets, answer.Error!);
        }
        else
        {
            // Settled after every answer of the round: a refusal may read the group or its members.
            _refused.Add((unit, answer));
        }
    }

    public async Task AfterAnswersAsync(long answeredAt, CancellationToken cancellationToken)
    {
        if (_refused.Count == 0)
        {
            return;
        }

        // One fresh member read per round serves every chunk whose earlier, throttled send Graph may have applied anyway.
        var refresh = new Lazy<Task<bool>>(() => members.RefreshAsync(answeredAt, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
        foreach (var (chunk, answer) in _refused)
        {
            _pending.AddRange(await refusals.SettleAsync(chunk, answer, refresh, cancellationToken).ConfigureAwait(false));
        }

        _refused.Clear();
    }

    public void Resend(AddChunk unit) => _pending.Add(unit);
}
