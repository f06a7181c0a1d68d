namespace Entra.Actions.Throttling.Internal;

/// <summary>
/// A connection's throttling: its own pause (<see cref="ThrottleGate"/>) and write pace (<see cref="WritePacer"/>), kept up
/// to date at all times, joined with what the other nodes share through the host's store (when one is registered) for the
/// budget of the connection's latest token. Everything that sends to Graph waits and reports here: the retry handler for
/// whole requests, the bulk engine for <c>$batch</c> steps.
/// </summary>
internal sealed class ThrottleCoordinator
{
    private readonly SharedThrottle _shared;
    private readonly IThrottleScopeSource? _scopes;
    private readonly TimeProvider _time;
    private static readonly TimeSpan UsageReportInterval = TimeSpan.FromSeconds(1);
    private long _lastUsageReport = long.MinValue;

    public ThrottleCoordinator(ThrottleGate gate, WritePacer pacer, TimeProvider time, SharedThrottle? shared = null, IThrottleScopeSource? scopes = null)
    {
        Gate = gate;
        Pacer = pacer;
        _time = time;
        _shared = shared ?? SharedThrottle.None;
        _scopes = scopes;
    }

    /// <summary>This connection's own pause.</summary>
    public ThrottleGate Gate { get; }

    /// <summary>This connection's own write pace.</summary>
    public WritePacer Pacer { get; }

    /// <summary>The shared budget, once a token has been seen and a store is registered.</summary>
    private EntraThrottleScope? Scope => _shared.Enabled ? _scopes?.ThrottleScope : null;

    /// <summary>Waits until neither this connection nor (through the store) any other node is paused for this budget.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (Scope is not { } scope)
            {
                return;
            }

            var pause = await _shared.GetPauseAsync(scope, cancellationToken).ConfigureAwait(false);
            if (pause <= TimeSpan.Zero)
            {
                return;
            }

            // Another node was told to wait: hold this connection's gate too, then ask again (the pause may have grown).
            Gate.Pause(pause);
        }
    }

    /// <summary>
    /// Pauses this connection at once and, through the store, every node's requests for the budget. Not cancellable: the
    /// pause is the tenant's, not the call's, and the store call is bounded by its operation timeout.
    /// </summary>
    public async ValueTask PauseAsync(TimeSpan delay)
    {
        Gate.Pause(delay);
        if (delay > TimeSpan.Zero && Scope is { } scope)
        {
            await _shared.PauseAsync(scope, delay, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the slot of <paramref name="writes"/> writes: the cluster's pace when the store answers, this connection's otherwise.</summary>
    public async ValueTask PaceAsync(int writes, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        if (Scope is { } scope
            && await _shared.ReserveWritesAsync(scope.Application, writes, maxWait, cancellationToken).ConfigureAwait(false) is { } wait)
        {
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        await Pacer.PaceAsync(writes, maxWait, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records what a round trip of writes got, here at once and in the store (not cancellable, as <see cref="PauseAsync"/>).</summary>
    public async ValueTask RecordAsync(int succeeded, int throttled)
    {
        Pacer.Record(succeeded, throttled);
        if ((succeeded > 0 || throttled > 0) && Scope is { } scope)
        {
            await _shared.RecordWritesAsync(scope.Application, succeeded, throttled, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Graph's usage reading of a <c>$batch</c> step; at the limit the store hears of it too (without holding up the answer).</summary>
    public void ObserveUsage(double usage)
    {
        Pacer.ObserveUsage(usage);
        if (usage >= WritePacer.PressureThreshold && Scope is { } scope && TakeUsageReportSlot())
        {
            // SharedThrottle never throws and bounds the call; nothing waits for it.
            _ = _shared.ReportQuotaUsedUpAsync(scope.Application, CancellationToken.None).AsTask();
        }
    }

    /// <summary>
    /// At most one report a second: a report only starts the shared measurement (later ones change nothing while it runs),
    /// and at the limit every answer carries the reading.
    /// </summary>
    private bool TakeUsageReportSlot()
    {
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _lastUsageReport);
        return (last == long.MinValue || _time.GetElapsedTime(last, now) >= UsageReportInterval)
            && Interlocked.CompareExchange(ref _lastUsageReport, now, last) == last;
    }
}
