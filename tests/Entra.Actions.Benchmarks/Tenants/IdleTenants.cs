using System.Diagnostics;
using Entra.Actions.Benchmarks.Scale;

namespace Entra.Actions.Benchmarks.Tenants;

/// <summary>
/// One connection count: <see cref="Connections"/> connections are created on a fresh factory (the library's default handler
/// setup: no rotation), each makes one <c>LookupUserAsync</c> against the canned 200 answer; then the live heap per connection,
/// the process CPU over an idle window, the active timers, and how long <see cref="ReleaseBatch"/> removed connections take to
/// be collected.
/// </summary>
internal sealed class IdleTenants(int connections, TextWriter output) : IAsyncDisposable
{
    public const int ReleaseBatch = 1000;
    public static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan ReleaseCap = TimeSpan.FromSeconds(180);

    private const int WarmUpConnections = 16;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    private readonly ScaleHost _host = new();
    private IEntraConnectionFactory? _factory;
    private List<string> _names = [];
    private int _removed;

    public async Task<TenantFigures> RunAsync()
    {
        var host = _host;
        // Infinite is what the factory sets itself; the hook only swaps the primary handler for the canned one.
        var factory = _factory = host.BuildConnectionFactory(Timeout.InfiniteTimeSpan);
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
        var clock = Stopwatch.StartNew();
        var correct = await CreateAndCallAsync(factory, host, names, live);
        var built = clock.Elapsed;
        var after = ScaleHost.LiveHeap();
        var timersAfter = Timer.ActiveCount;
        output.WriteLine($"  built and called {connections:N0} connections in {built.TotalSeconds:0.0} s ({correct:N0} correct lookups); " +
            $"live heap {Mb(baseline)} -> {Mb(after)}");

        var cpuShare = await IdleCpuAsync();

        Track(live, tracked, batch);
        var removeClock = Stopwatch.StartNew();
        await RemoveAsync(factory, names, 0, batch);
        var removed = removeClock.Elapsed;
        var (releasedAfter, alive, firstCheck) = await WaitForReleaseAsync(tracked);
        _removed = batch;
        output.WriteLine($"  removed {batch:N0} connections in {removed.TotalMilliseconds:N0} ms; full collections polled every {Poll.TotalMilliseconds:0} ms " +
            $"(the first check, itself two full collections, ended {firstCheck.TotalMilliseconds:N0} ms after removal)");
        GC.KeepAlive(live);
        return new TenantFigures(
            connections,
            correct,
            (after - baseline) / (double)connections,
            idleBefore,
            cpuShare,
            timersBefore,
            timersAfter,
            releasedAfter,
            tracked.Length,
            alive);
    }

    /// <summary>Removes the connections the measurement left, then the host.</summary>
    public async ValueTask DisposeAsync()
    {
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

    private static async Task<int> CreateAndCallAsync(IEntraConnectionFactory factory, ScaleHost host, List<string> names, EntraConnection[] live)
    {
        for (var i = 0; i < names.Count; i++)
        {
            live[i] = factory.GetOrCreateConnection(names[i], o =>
            {
                o.GraphBaseUrl = new Uri(ScaleHost.GraphBaseUrl);
                o.Credential = host.Credential;
            });
        }

        var correct = 0;
        foreach (var connection in live)
        {
            var result = await connection.Actions.LookupUserAsync(ScaleHost.UserId);
            correct += result.Value?.Id == ScaleHost.UserId ? 1 : 0;
        }

        return correct;
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
    double HeapBytesPerConnection,
    double IdleCpuShareWithout,
    double IdleCpuShare,
    long TimersBefore,
    long TimersAfter,
    TimeSpan? ReleasedAfter,
    int ReleaseTracked,
    int ReleaseAlive)
{
    public bool Verified => Correct == Connections;
}
