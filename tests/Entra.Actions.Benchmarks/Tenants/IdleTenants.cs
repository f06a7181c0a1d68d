using System.Diagnostics;
using Entra.Actions.Benchmarks.Scale;

namespace Entra.Actions.Benchmarks.Tenants;

/// <summary>
/// One connection count: <see cref="Connections"/> connections are created on a fresh factory (the library's default handler
/// setup: no rotation; <see cref="EntraConnectionFactoryOptions.IdleTimeout"/> set by <see cref="IdleTimeoutFor"/>), each makes one
/// <c>LookupUserAsync</c> against the canned 200 answer. Measured: the live heap per connection while built, the idle CPU, the
/// timers; then, once every connection has dropped its services after the idle timeout, the live heap per idle connection and
/// the idle CPU again; last, <see cref="ReleaseBatch"/> connections are used again (built again on use), removed, and timed
/// until they are collected.
/// </summary>
internal sealed class IdleTenants(int connections, TextWriter output) : IAsyncDisposable
{
    public const int ReleaseBatch = 1000;
    public static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan ReleaseCap = TimeSpan.FromSeconds(180);

    private const int WarmUpConnections = 16;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    private readonly ScaleHost _host = new();
    private readonly ConnectionEvents _events = new();
    private IEntraConnectionFactory? _factory;
    private List<string> _names = [];
    private int _removed;

    /// <summary>
    /// The idle timeout of the run: longer than creating and calling every connection (about 0.7 ms each on this machine), so the
    /// built figure is taken before the first drop, and at least 30 s. The run checks that no drop came first.
    /// </summary>
    public static TimeSpan IdleTimeoutFor(int connections) => TimeSpan.FromMilliseconds(Math.Max(30_000, connections * 1.2));

    /// <summary>How often the factory checks its built connections, as <see cref="EntraConnectionFactoryOptions.IdleTimeout"/> documents it.</summary>
    public static TimeSpan SweepPeriodFor(TimeSpan idleTimeout) =>
        TimeSpan.FromTicks(Math.Clamp(idleTimeout.Ticks / 4, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));

    public async Task<TenantFigures> RunAsync()
    {
        var host = _host;
        var idleTimeout = IdleTimeoutFor(connections);
        var factory = _factory = host.BuildConnectionFactory(
            Timeout.InfiniteTimeSpan,
            o =>
            {
                o.IdleTimeout = idleTimeout;
                var canned = o.ConfigureHttpClient!;
                o.ConfigureHttpClient = (name, builder) =>
                {
                    canned(name, builder);
                    ReleaseProbe.AddTo(builder);
                };
            },
            _events.Register);
        var warmUp = Names("warm-up", WarmUpConnections);
        await CreateAndCallAsync(factory, host, warmUp, new EntraConnection[warmUp.Count]);
        await RemoveAsync(factory, warmUp, 0, warmUp.Count);

        // Everything the measurement keeps is allocated before the baseline.
        var names = _names = Names("tenant", connections);
        var live = new EntraConnection[connections];
        var batch = Math.Min(ReleaseBatch, connections);
        var tracked = Enumerable.Range(0, batch * 4).Select(_ => new WeakReference(null)).ToArray();

        var idleBefore = await IdleCpuAsync();
        var timersBefore = Timer.ActiveCount;
        var baseline = ScaleHost.LiveHeap();
        var droppedBase = _events.Dropped;
        var start = Stopwatch.GetTimestamp();
        var clock = Stopwatch.StartNew();
        var correct = await CreateAndCallAsync(factory, host, names, live);
        var lastCall = clock.Elapsed;
        var builtHeap = ScaleHost.LiveHeap();
        var droppedBeforeBuiltFigure = _events.Dropped - droppedBase;
        var timersBuilt = Timer.ActiveCount;
        output.WriteLine($"  idle timeout {idleTimeout.TotalSeconds:0} s (the factory checks every {SweepPeriodFor(idleTimeout).TotalSeconds:0.#} s); " +
            $"created and called {connections:N0} connections in {lastCall.TotalSeconds:0.0} s ({correct:N0} correct lookups); " +
            $"live heap {Mb(baseline)} -> {Mb(builtHeap)}; {droppedBeforeBuiltFigure:N0} dropped before this figure");

        var cpuBuilt = await IdleCpuAsync();
        var droppedDuringCpuBuilt = _events.Dropped - droppedBase - droppedBeforeBuiltFigure;

        await WaitForDropsAsync(droppedBase + connections, clock, idleTimeout * 3 + TimeSpan.FromMinutes(2));
        var idleHeap = ScaleHost.LiveHeap();
        var timersIdle = Timer.ActiveCount;
        var dropped = _events.Dropped - droppedBase;
        var (firstDrop, lastDrop) = _events.DropTimes;
        output.WriteLine($"  {dropped:N0} connections dropped their services between {Stopwatch.GetElapsedTime(start, firstDrop).TotalSeconds:0.0} s and " +
            $"{Stopwatch.GetElapsedTime(start, lastDrop).TotalSeconds:0.0} s after the first call (the last call at {lastCall.TotalSeconds:0.0} s); " +
            $"live heap {Mb(builtHeap)} -> {Mb(idleHeap)}");
        var cpuIdle = await IdleCpuAsync();

        // The release batch is used again first, so what is removed is built (the larger case), and each build gets a probe.
        ReleaseProbe.Armed = true;
        var rebuiltBase = _events.Rebuilt;
        var batchCorrect = await CallAsync(live.AsMemory(0, batch));
        ReleaseProbe.Armed = false;
        var rebuilt = _events.Rebuilt - rebuiltBase;
        Track(live, tracked, batch);
        var probes = ReleaseProbe.TakeCreated();
        var removeClock = Stopwatch.StartNew();
        await RemoveAsync(factory, names, 0, batch);
        var removed = removeClock.Elapsed;
        WeakReference[] watched = [.. tracked, .. probes];
        var (releasedAfter, alive, firstCheck) = await WaitForReleaseAsync(watched);
        _removed = batch;
        output.WriteLine($"  release batch: {batch:N0} idle connections called again ({batchCorrect:N0} correct lookups, {rebuilt:N0} built again on use, " +
            $"{probes.Count:N0} handler chains), removed in {removed.TotalMilliseconds:N0} ms; full collections polled every {Poll.TotalMilliseconds:0} ms " +
            $"(the first check, itself two full collections, ended {firstCheck.TotalMilliseconds:N0} ms after removal)");
        GC.KeepAlive(live);
        return new TenantFigures(
            connections,
            correct + batchCorrect,
            connections + batch,
            idleTimeout,
            (builtHeap - baseline) / (double)connections,
            droppedBeforeBuiltFigure + droppedDuringCpuBuilt,
            (idleHeap - baseline) / (double)connections,
            dropped,
            idleBefore,
            cpuBuilt,
            cpuIdle,
            timersBefore,
            timersBuilt,
            timersIdle,
            releasedAfter,
            watched.Length,
            alive,
            rebuilt == batch && probes.Count == batch);
    }

    /// <summary>Removes the connections the measurement left, then the host.</summary>
    public async ValueTask DisposeAsync()
    {
        ReleaseProbe.Armed = false;
        if (_factory is { } factory)
        {
            await RemoveAsync(factory, _names, _removed, _names.Count);
        }

        await _host.DisposeAsync();
    }

    /// <summary>The process CPU time over <see cref="IdleWindow"/> with nothing running, as a share of one core.</summary>
    private static async Task<double> IdleCpuAsync()
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var idle = Stopwatch.StartNew();
        await Task.Delay(IdleWindow);
        process.Refresh();
        return (process.TotalProcessorTime - cpuBefore) / idle.Elapsed;
    }

    /// <summary>Creates each connection and calls it at once, so each was last used when the next one is created.</summary>
    private static async Task<int> CreateAndCallAsync(IEntraConnectionFactory factory, ScaleHost host, List<string> names, EntraConnection[] live)
    {
        var correct = 0;
        for (var i = 0; i < names.Count; i++)
        {
            var connection = live[i] = factory.GetOrCreateConnection(names[i], o =>
            {
                o.GraphBaseUrl = new Uri(ScaleHost.GraphBaseUrl);
                o.Credential = host.Credential;
            });
            correct += await LookupAsync(connection);
        }

        return correct;
    }

    private static async Task<int> CallAsync(ReadOnlyMemory<EntraConnection> connections)
    {
        var correct = 0;
        for (var i = 0; i < connections.Length; i++)
        {
            correct += await LookupAsync(connections.Span[i]);
        }

        return correct;
    }

    private static async Task<int> LookupAsync(EntraConnection connection)
    {
        var result = await connection.Actions.LookupUserAsync(ScaleHost.UserId);
        return result.Value?.Id == ScaleHost.UserId ? 1 : 0;
    }

    /// <summary>Waits until the factory has reported <paramref name="total"/> drops (event 4004) or <paramref name="cap"/> passed on <paramref name="clock"/>.</summary>
    private async Task WaitForDropsAsync(int total, Stopwatch clock, TimeSpan cap)
    {
        while (_events.Dropped < total && clock.Elapsed < cap)
        {
            await Task.Delay(Poll);
        }
    }

    /// <summary>Moves the first <paramref name="count"/> connections from strong to weak references (the connection and its public services).</summary>
    private static void Track(EntraConnection[] live, WeakReference[] tracked, int count)
    {
        for (var i = 0; i < count; i++)
        {
            tracked[i * 4].Target = live[i];
            tracked[(i * 4) + 1].Target = live[i].Actions;
            tracked[(i * 4) + 2].Target = live[i].Bulk;
            tracked[(i * 4) + 3].Target = live[i].Invoker;
            live[i] = null!;
        }
    }

    private static async Task RemoveAsync(IEntraConnectionFactory factory, List<string> names, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            await factory.RemoveConnectionAsync(names[i]);
        }
    }

    /// <summary>Full blocking collections every <see cref="Poll"/> until every tracked object is gone or <see cref="ReleaseCap"/> passes.</summary>
    private static async Task<(TimeSpan? ReleasedAfter, int Alive, TimeSpan FirstCheck)> WaitForReleaseAsync(WeakReference[] tracked)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan? firstCheck = null;
        while (true)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
            var alive = tracked.Count(w => w.IsAlive);
            firstCheck ??= clock.Elapsed;
            if (alive == 0)
            {
                return (clock.Elapsed, 0, firstCheck.Value);
            }

            if (clock.Elapsed >= ReleaseCap)
            {
                return (null, alive, firstCheck.Value);
            }

            await Task.Delay(Poll);
        }
    }

    private static List<string> Names(string prefix, int count) => [.. Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D6}")];

    private static string Mb(long bytes) => $"{bytes / 1048576.0:N1} MB";
}

/// <summary>The figures of one connection count; <see cref="ReleasedAfter"/> is null when the batch was not collected within the cap.</summary>
internal sealed record TenantFigures(
    int Connections,
    int Correct,
    int Calls,
    TimeSpan IdleTimeout,
    double BuiltHeapBytesPerConnection,
    int DroppedBeforeBuiltFigures,
    double IdleHeapBytesPerConnection,
    int Dropped,
    double IdleCpuShareWithout,
    double IdleCpuShareBuilt,
    double IdleCpuShare,
    long TimersBefore,
    long TimersBuilt,
    long TimersIdle,
    TimeSpan? ReleasedAfter,
    int ReleaseTracked,
    int ReleaseAlive,
    bool ReleaseBatchRebuilt)
{
    public bool Verified => Correct == Calls;

    /// <summary>Every connection dropped its services before the idle figures were taken.</summary>
    public bool AllDropped => Dropped == Connections;
}
