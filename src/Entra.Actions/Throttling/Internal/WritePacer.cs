namespace Entra.Actions.Throttling.Internal;

/// <summary>
/// Paces bulk writes near the connection's write quota instead of bouncing off it. Until Graph first throttles a write,
/// writes go as fast as the round trips allow. From the first throttled step on, the write bucket is known to be empty,
/// so every write that succeeds after that point consumed a token Graph refilled: successes over elapsed time measure the
/// refill rate. Writes are then spaced at that rate (plus a small probe, so a faster rate is found again), and each
/// further throttled step slows the pace. One pacer per connection (tenant), shared by concurrent bulk calls.
/// </summary>
internal sealed class WritePacer
{
    private const double Probe = 1.001;
    private const double Backoff = 0.9;
    /// <summary>The usage reading (<c>x-ms-throttle-limit-percentage</c>) from which the bucket counts as drained.</summary>
    internal const double PressureThreshold = 0.999;
    private const double MinimumRatePerSecond = 1;

    /// <summary>
    /// Graph's write quota window (3,000 writes per 150 s per app and tenant): after that long without a throttled write the
    /// bucket has refilled, so what was measured no longer says anything and pacing stops until Graph throttles again.
    /// </summary>
    internal static readonly TimeSpan QuietReset = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan MinimumMeasurement = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How long new writes wait once the bucket is found empty and before a rate is measured: the writes already in flight
    /// take what refills meanwhile (and measure it), and anything sent on top would only be answered 429.
    /// </summary>
    internal static readonly TimeSpan StartHold = TimeSpan.FromMilliseconds(100);

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private long? _throttledSince;
    private long _lastThrottle;
    private long _successesSince;
    private double? _ratePerSecond;
    private DateTimeOffset _nextSlot;

    public WritePacer(TimeProvider time)
    {
        _time = time;
        _nextSlot = DateTimeOffset.MinValue;
    }

    /// <summary>The write rate being kept, per second; <see langword="null"/> until Graph has throttled a write.</summary>
    public double? RatePerSecond
    {
        get
        {
            lock (_gate)
            {
                return _ratePerSecond;
            }
        }
    }

    /// <summary>
    /// Waits for the slot of <paramref name="writes"/> writes at the current pace (no wait before the first throttle, nor after a
    /// quiet period; up to <see cref="StartHold"/> after the bucket is found empty, until a rate is measured). A wait never exceeds <paramref name="maxWait"/>: past it, sending and letting Graph answer is better than stalling.
    /// </summary>
    public async Task PaceAsync(int writes, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_gate)
        {
            ForgetIfQuiet();
            if (_ratePerSecond is not { } rate)
            {
                wait = _throttledSince is { } since ? StartHold - _time.GetElapsedTime(since) : TimeSpan.Zero;
                wait = wait > maxWait ? maxWait : wait;
            }
            else
            {
                wait = Reserve(rate, writes, maxWait);
            }
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Graph's <c>x-ms-throttle-limit-percentage</c> (usage of the fuller bucket, sent above 0.8).
    /// At the limit the bucket is drained, so measuring (and so pacing) starts before the first 429. Lower readings are
    /// not used: measured against the emulator's model, starting at 0.95 overestimated the rate and doubled the 429s.
    /// </summary>
    public void ObserveUsage(double usage)
    {
        if (usage < PressureThreshold)
        {
            return;
        }

        lock (_gate)
        {
            ForgetIfQuiet();
            if (_throttledSince is null)
            {
                _throttledSince = _time.GetTimestamp();
                _lastThrottle = _throttledSince.Value;
                _successesSince = 0;
            }
        }
    }

    /// <summary>Records what a round trip of writes got: how many Graph accepted and how many it throttled.</summary>
    public void Record(int succeeded, int throttled)
    {
        lock (_gate)
        {
            ForgetIfQuiet();
            var now = _time.GetTimestamp();
            if (throttled > 0)
            {
                _lastThrottle = now;
            }

            if (_throttledSince is null)
            {
                if (throttled == 0)
                {
                    return;
                }

                // The bucket is empty now: measure from here.
                _throttledSince = now;
                _successesSince = 0;
                return;
            }

            _successesSince += succeeded;
            var elapsed = _time.GetElapsedTime(_throttledSince.Value, now);
            if (elapsed < MinimumMeasurement || _successesSince == 0)
            {
                return;
            }

            var measured = _successesSince / elapsed.TotalSeconds;
            var rate = throttled > 0
                ? Math.Min(_ratePerSecond ?? double.MaxValue, measured) * Backoff
                : Math.Max(_ratePerSecond ?? 0, measured) * Probe;
            _ratePerSecond = Math.Max(rate, MinimumRatePerSecond);
        }
    }

    /// <summary>Takes the next slot at <paramref name="rate"/> (call under the lock) and returns the wait for it.</summary>
    private TimeSpan Reserve(double rate, int writes, TimeSpan maxWait)
    {
        var now = _time.GetUtcNow();
        var slot = _nextSlot > now ? _nextSlot : now;
        if (slot - now > maxWait)
        {
            slot = now + maxWait;
        }

        _nextSlot = slot + TimeSpan.FromSeconds(writes / rate);
        return slot - now;
    }

    /// <summary>Forgets the measurement after <see cref="QuietReset"/> without a throttled write (call under the lock).</summary>
    private void ForgetIfQuiet()
    {
        if (_throttledSince is not null && _time.GetElapsedTime(_lastThrottle) > QuietReset)
        {
            _throttledSince = null;
            _ratePerSecond = null;
            _successesSince = 0;
            _nextSlot = DateTimeOffset.MinValue;
        }
    }
}
