using System.Diagnostics.Metrics;

namespace Entra.Actions.Redis.Tests.Support;

/// <summary>Counts <c>entra.throttle.store.fallbacks</c> measurements while it lives (process-wide: the library's meter is static).</summary>
public sealed class FallbackCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _total;

    public FallbackCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Entra.Actions" && instrument.Name == "entra.throttle.store.fallbacks")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _total, value));
        _listener.Start();
    }

    public long Total => Interlocked.Read(ref _total);

    public void Dispose() => _listener.Dispose();
}
