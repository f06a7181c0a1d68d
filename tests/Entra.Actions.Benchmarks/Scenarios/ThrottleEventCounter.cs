using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.Benchmarks.Scenarios;

/// <summary>
/// Listens to the library's own log of throttled <c>$batch</c> rounds (EventId 3002, "resending them in {DelayMs} ms"), to show
/// what it did on 429s: how many rounds, how long it paused.
/// </summary>
internal sealed class ThrottleEventCounter : ILoggerProvider
{
    private const int BulkStepsThrottled = 3002;
    private readonly ConcurrentQueue<(int Throttled, int Steps, double DelayMs)> _rounds = new();

    public IReadOnlyList<(int Throttled, int Steps, double DelayMs)> Rounds => [.. _rounds];

    public ILogger CreateLogger(string categoryName) => new Listener(this);

    public void Dispose()
    {
    }

    private sealed class Listener(ThrottleEventCounter owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id != BulkStepsThrottled || state is not IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                return;
            }

            int throttled = 0, steps = 0;
            double delay = 0;
            foreach (var (key, value) in values)
            {
                switch (key)
                {
                    case "Throttled": throttled = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture); break;
                    case "Steps": steps = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture); break;
                    case "DelayMs": delay = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture); break;
                    default: break;
                }
            }

            owner._rounds.Enqueue((throttled, steps, delay));
        }
    }
}
