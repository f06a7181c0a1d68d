using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.Benchmarks.Cluster;

/// <summary>
/// One node's log of the shared throttle store: the warning that it fell back to local throttling (EventId 8000,
/// ThrottleStoreUnavailable) and the information that the store answers again (8001), with when they were logged.
/// </summary>
internal sealed class StoreEvents : ILoggerProvider
{
    public const int Unavailable = 8000;
    public const int Restored = 8001;
    private readonly ConcurrentQueue<StoreEvent> _events = new();

    public IReadOnlyList<StoreEvent> Events => [.. _events];

    public int Count(int eventId) => _events.Count(e => e.EventId == eventId);

    public ILogger CreateLogger(string categoryName) => new Listener(this);

    public void Dispose()
    {
    }

    private sealed class Listener(StoreEvents owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id is not (Unavailable or Restored))
            {
                return;
            }

            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            string? Value(string key) => values.FirstOrDefault(kv => kv.Key == key).Value?.ToString();
            var why = eventId.Id == Unavailable ? $"{Value("Reason")}, {Value("ExceptionType")}" : string.Empty;
            owner._events.Enqueue(new StoreEvent(eventId.Id, eventId.Name ?? string.Empty, DateTimeOffset.UtcNow, why));
        }
    }
}

/// <summary>One logged store event: its id and name, when, and for a fallback the reason and the exception's type.</summary>
internal sealed record StoreEvent(int EventId, string Name, DateTimeOffset At, string Why);

/// <summary>Sums the library's <c>entra.throttle.store.fallbacks</c> counter (process-wide, so every node of this process) by reason.</summary>
internal sealed class FallbackMeter : IDisposable
{
    private const string MeterName = "Entra.Actions";
    private const string Instrument = "entra.throttle.store.fallbacks";
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _byReason = new(StringComparer.Ordinal);

    public FallbackMeter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name == Instrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var reason = "(none)";
            foreach (var tag in tags)
            {
                if (tag.Key == "entra.throttle.reason")
                {
                    reason = tag.Value?.ToString() ?? reason;
                }
            }

            _byReason.AddOrUpdate(reason, value, (_, sum) => sum + value);
        });
        _listener.Start();
    }

    /// <summary>The counts so far, by reason.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_byReason, StringComparer.Ordinal);

    public void Dispose() => _listener.Dispose();
}
