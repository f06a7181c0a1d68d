using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.Redis.Tests.Support;

/// <summary>Keeps every log entry of one node (its EventId, level and message) for the assertions.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(EventId Id, LogLevel Level, string Message)> _entries = new();

    public IReadOnlyList<(EventId Id, LogLevel Level, string Message)> Entries => [.. _entries];

    /// <summary>How many entries carry <paramref name="eventId"/>.</summary>
    public int Count(int eventId) => _entries.Count(e => e.Id.Id == eventId);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture._entries.Enqueue((eventId, logLevel, formatter(state, exception)));
    }
}
