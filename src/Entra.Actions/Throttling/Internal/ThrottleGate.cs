namespace Entra.Actions.Throttling.Internal;

/// <summary>
/// One pause shared by every request of a connection (one tenant): when Graph says "retry after", nothing else is sent
/// until then, because Graph keeps metering requests that arrive early and prolongs the throttling.
/// Fed by the retry handler (429 responses) and by bulk work (429 <c>$batch</c> steps, which the handler never sees).
/// </summary>
internal sealed class ThrottleGate
{
    private readonly TimeProvider _time;
    private long _resumeAtTicks;

    public ThrottleGate(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>When sending may resume (UTC); in the past when the gate is open.</summary>
    public DateTimeOffset ResumeAt => new(Interlocked.Read(ref _resumeAtTicks), TimeSpan.Zero);

    /// <summary>Keeps the gate closed for at least <paramref name="delay"/> from now.</summary>
    public void Pause(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        var until = (_time.GetUtcNow() + delay).UtcTicks;
        long current;
        do
        {
            current = Interlocked.Read(ref _resumeAtTicks);
            if (current >= until)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _resumeAtTicks, until, current) != current);
    }

    /// <summary>Waits until the gate is open.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var wait = ResumeAt - _time.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
