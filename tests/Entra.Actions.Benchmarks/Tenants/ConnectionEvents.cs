using Microsoft.Extensions.Logging;

namespace Entra.Actions.Benchmarks.Tenants;

/// <summary>
/// Counts the factory's Debug events for idle connections (4004: services dropped, 4005: built again), the only way a host
/// sees them; registered for the <c>Entra.Actions.Connections</c> category alone, so nothing else is logged.
/// </summary>
internal sealed class ConnectionEvents : ILoggerProvider, ILogger
{
    public const string Category = "Entra.Actions.Connections";
    private const int DroppedEventId = 4004;
    private const int RebuiltEventId = 4005;

    private int _dropped;
    private int _rebuilt;
    private long _firstDrop;
    private long _lastDrop;

    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>When the first and the last drop were reported (<see cref="System.Diagnostics.Stopwatch"/> timestamps; 0 before any).</summary>
    public (long First, long Last) DropTimes => (Interlocked.Read(ref _firstDrop), Interlocked.Read(ref _lastDrop));

    public int Rebuilt => Volatile.Read(ref _rebuilt);

    public void Register(ILoggingBuilder logging) => logging
        .AddProvider(this)
        .AddFilter<ConnectionEvents>(null, LogLevel.None)
        .AddFilter<ConnectionEvents>(Category, LogLevel.Debug);

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        switch (eventId.Id)
        {
            case DroppedEventId:
                var now = System.Diagnostics.Stopwatch.GetTimestamp();
                Interlocked.CompareExchange(ref _firstDrop, now, 0);
                Interlocked.Exchange(ref _lastDrop, now);
                Interlocked.Increment(ref _dropped);
                break;
            case RebuiltEventId:
                Interlocked.Increment(ref _rebuilt);
                break;
        }
    }

    public void Dispose()
    {
    }
}
