using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.Benchmarks.Chaos;

/// <summary>
/// Keeps the text of everything the library emits during the run, to search it for secrets afterwards: every log entry at
/// Trace (message, each structured state value, every scope and the exception), every activity of the "Entra.Actions" sources
/// (name, status, all tags, events and their tags, baggage), every measurement of the "Entra.Actions" meters (instrument and
/// all tags), and any other text the run hands it (exceptions, result errors, health reports). Listening is by name, so
/// telemetry the library adds later is captured without this code knowing its types.
/// </summary>
internal sealed class TelemetryCapture : ILoggerProvider, ISupportExternalScope, IDisposable
{
    public const string SourceName = "Entra.Actions";
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _texts = new(StringComparer.Ordinal);
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters;
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();
    private int _logEntries;
    private int _activityCount;
    private long _measurements;

    public TelemetryCapture()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = source => IsOurs(source.Name),
            Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
            SampleUsingParentId = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = OnActivity,
        };
        ActivitySource.AddActivityListener(_activities);

        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (IsOurs(instrument.Meter.Name))
                {
                    Add("meter", $"{instrument.Meter.Name} {instrument.Name} {instrument.Unit} {instrument.Description}");
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meters.SetMeasurementEventCallback<int>((i, v, tags, _) => OnMeasurement(i, v, tags));
        _meters.SetMeasurementEventCallback<long>((i, v, tags, _) => OnMeasurement(i, v, tags));
        _meters.SetMeasurementEventCallback<double>((i, v, tags, _) => OnMeasurement(i, v, tags));
        _meters.SetMeasurementEventCallback<float>((i, v, tags, _) => OnMeasurement(i, v, tags));
        _meters.SetMeasurementEventCallback<short>((i, v, tags, _) => OnMeasurement(i, v, tags));
        _meters.SetMeasurementEventCallback<byte>((i, v, tags, _) => OnMeasurement(i, v, tags));
        _meters.SetMeasurementEventCallback<decimal>((i, v, tags, _) => OnMeasurement(i, v, tags));
        _meters.Start();
    }

    public int LogEntries => Volatile.Read(ref _logEntries);

    public int Activities => Volatile.Read(ref _activityCount);

    public long Measurements => Interlocked.Read(ref _measurements);

    /// <summary>Gets the captured texts by where they came from (log, activity, meter, exception, result, health, ...).</summary>
    public IReadOnlyDictionary<string, ConcurrentQueue<string>> Texts => _texts;

    public void Add(string where, string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            _texts.GetOrAdd(where, _ => new ConcurrentQueue<string>()).Enqueue(text);
        }
    }

    public void AddException(Exception exception) => Add("exception", exception.ToString());

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    /// <summary>Collects measurements of observable instruments, if the library has any.</summary>
    public void RecordObservableInstruments() => _meters.RecordObservableInstruments();

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    private static bool IsOurs(string name) =>
        name.Equals(SourceName, StringComparison.Ordinal) || name.StartsWith(SourceName + ".", StringComparison.Ordinal);

    private static string Describe(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        IEnumerable<KeyValuePair<string, object?>> pairs => string.Join("; ", pairs.Select(p => p.Key + "=" + Describe(p.Value))),
        IEnumerable items and not string => string.Join(", ", items.Cast<object?>().Select(Describe)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private void OnActivity(Activity activity)
    {
        Interlocked.Increment(ref _activityCount);
        var text = new StringBuilder();
        text.Append(activity.Source.Name).Append(' ').Append(activity.OperationName).Append(' ').Append(activity.DisplayName)
            .Append(" status=").Append(activity.Status).Append(' ').Append(activity.StatusDescription);
        foreach (var tag in activity.TagObjects)
        {
            text.Append(" | ").Append(tag.Key).Append('=').Append(Describe(tag.Value));
        }

        foreach (var item in activity.Baggage)
        {
            text.Append(" | baggage ").Append(item.Key).Append('=').Append(item.Value);
        }

        foreach (var e in activity.Events)
        {
            text.Append(" | event ").Append(e.Name);
            foreach (var tag in e.Tags)
            {
                text.Append(' ').Append(tag.Key).Append('=').Append(Describe(tag.Value));
            }
        }

        foreach (var link in activity.Links)
        {
            foreach (var tag in link.Tags ?? [])
            {
                text.Append(" | link ").Append(tag.Key).Append('=').Append(Describe(tag.Value));
            }
        }

        Add("activity", text.ToString());
    }

    private void OnMeasurement<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        Interlocked.Increment(ref _measurements);
        var text = new StringBuilder();
        text.Append(instrument.Meter.Name).Append(' ').Append(instrument.Name).Append(' ').Append(value);
        foreach (var tag in tags)
        {
            text.Append(" | ").Append(tag.Key).Append('=').Append(Describe(tag.Value));
        }

        Add("metric", text.ToString());
    }

    private sealed class Logger(TelemetryCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Interlocked.Increment(ref owner._logEntries);
            var text = new StringBuilder();
            text.Append(logLevel).Append(' ').Append(category).Append(' ').Append(eventId.Id).Append(' ').Append(eventId.Name)
                .Append(": ").Append(formatter(state, exception)).Append(" | state ").Append(Describe(state));
            owner._scopes.ForEachScope((scope, builder) => builder.Append(" | scope ").Append(Describe(scope)), text);
            if (exception is not null)
            {
                text.Append(" | exception ").Append(exception);
            }

            owner.Add("log", text.ToString());
        }
    }
}
