namespace Entra.Actions.Bulk.Internal;

/// <summary>
/// The resend budget of the units that share it: how often they were resent and since when the time budget counts. Writes
/// of an add each have their own, counted from their first refusal; the ids a read or remove sends together share one,
/// counted from their first send.
/// </summary>
internal sealed class RetryBudget
{
    private int _round = -1;
    private TimeSpan _roundWait;
    private int _resentInRound = -1;

    public int Resends { get; private set; }

    public long? Since { get; private set; }

    public void StartAt(long timestamp) => Since ??= timestamp;

    /// <summary>Notes the wait one of its steps asked for in <paramref name="round"/>: the budget decides on the longest.</summary>
    public void Asked(int round, TimeSpan wait)
    {
        if (_round != round)
        {
            _round = round;
            _roundWait = TimeSpan.Zero;
        }

        _roundWait = wait > _roundWait ? wait : _roundWait;
    }

    /// <summary>Whether its steps refused in this round are given up: resent too often, or past the time budget after the wait.</summary>
    public bool Exhausted(int maxResends, TimeSpan maxDuration, long answeredAt, TimeProvider time) =>
        Resends >= maxResends || time.GetElapsedTime(Since ?? answeredAt) + _roundWait > maxDuration;

    /// <summary>Counts one resend per round, and starts the time budget at the first refusal if it has not started.</summary>
    public void Resent(int round, long answeredAt)
    {
        Since ??= answeredAt;
        if (_resentInRound != round)
        {
            _resentInRound = round;
            Resends++;
        }
    }
}
