using System.Diagnostics;

namespace Entra.Actions.Benchmarks.Cluster;

/// <summary>
/// How late this process runs its work during a run: a loop that asks for a 50 ms delay and records how much later it
/// resumes (thread-pool starvation and GC pauses both show), plus the GC's own pause time. It tells a slow store call
/// caused by this crowded process from one caused by Redis.
/// </summary>
internal sealed class LagProbe : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);
    private readonly CancellationTokenSource _stop = new();
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly TimeSpan _gcBefore = GC.GetTotalPauseDuration();
    private readonly Task _loop;
    private TimeSpan _maxLag;
    private TimeSpan _maxLagAt;
    private readonly List<(TimeSpan At, TimeSpan Lag)> _late = [];
    private readonly int _threadsBefore = ThreadPool.ThreadCount;
    private int _maxThreads;
    private long _maxPending;

    public LagProbe() => _loop = Task.Run(RunAsync);

    /// <summary>Thread-pool threads at the start and at most during the run, and the most work items seen queued: growth while work queues up is starvation.</summary>
    public (int Before, int Max, long MaxPending) Threads => (_threadsBefore, _maxThreads, _maxPending);

    /// <summary>The largest lag and when it ended (from the start), every tick 250 ms or more late, and the GC's pause time.</summary>
    public (TimeSpan MaxLag, TimeSpan At, IReadOnlyList<(TimeSpan At, TimeSpan Lag)> Late, TimeSpan GcPause) Result { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        Result = (_maxLag, _maxLagAt, _late, GC.GetTotalPauseDuration() - _gcBefore);
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var before = Stopwatch.GetTimestamp();
            try
            {
                await Task.Delay(Tick, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var lag = Stopwatch.GetElapsedTime(before) - Tick;
            _maxThreads = Math.Max(_maxThreads, ThreadPool.ThreadCount);
            _maxPending = Math.Max(_maxPending, ThreadPool.PendingWorkItemCount);
            if (lag >= TimeSpan.FromMilliseconds(250))
            {
                _late.Add((Stopwatch.GetElapsedTime(_started), lag));
            }

            if (lag > _maxLag)
            {
                _maxLag = lag;
                _maxLagAt = Stopwatch.GetElapsedTime(_started);
            }
        }
    }
}
