namespace Entra.Actions.Benchmarks.Cluster;

/// <summary>
/// Cluster mode: 4 nodes that share one tenant's Graph quota, each its own service provider, sharing nothing but the emulator
/// (Kestrel on loopback) and, coordinated, one <c>redis-server</c>. Three phases, each without and with coordination where
/// that compares: the write quota (20,000 removals), one <c>Retry-After: 5</c>, and Redis stopped in the middle of a run.
/// </summary>
internal sealed class ClusterRunner(ClusterSettings settings, TextWriter output)
{
    private const int MinPoolThreads = 32;

    public async Task<int> RunAsync()
    {
        output.WriteLine($"Entra.Actions cluster: {settings.Nodes} nodes (separate service providers) x {settings.ItemsPerNode:N0} removals = {settings.Nodes * settings.ItemsPerNode:N0}, one tenant, emulator on loopback (Kestrel).");
        output.WriteLine($"Runtime {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        output.WriteLine("Coordinated: AddEntraRedisThrottling on every node (default EntraThrottleStoreOptions), one fresh redis-server per run (no persistence).");
        // Four nodes, Kestrel and the emulator share this one process (real nodes are processes of their own): without enough
        // pool threads to start with, a burst of their work queues behind the pool's slow thread injection.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, MinPoolThreads), Math.Max(io, MinPoolThreads));
        output.WriteLine($"Thread pool: at least {MinPoolThreads} worker threads from the start (the nodes share one process).");
        output.WriteLine();
        using var meter = new FallbackMeter();
        await WarmUpAsync();

        var quota = new List<QuotaRunResult>();
        var pauses = new List<PauseProbeResult>();
        var phases = settings.Phases;
        if (phases.Contains(1))
        {
            quota.Add(await Logged("quota, uncoordinated", () => QuotaRun.RunAsync(settings, "uncoordinated", coordinated: false, stopRedisMidway: false, meter)));
        }

        if (phases.Contains(1))
        {
            quota.Add(await Logged("quota, coordinated", () => QuotaRun.RunAsync(settings, "coordinated (Redis)", coordinated: true, stopRedisMidway: false, meter)));
        }

        if (phases.Contains(2))
        {
            pauses.Add(await Logged("retry-after, uncoordinated", () => PauseProbe.RunAsync(settings, "uncoordinated", coordinated: false)));
        }

        if (phases.Contains(2))
        {
            pauses.Add(await Logged("retry-after, coordinated", () => PauseProbe.RunAsync(settings, "coordinated (Redis)", coordinated: true)));
        }

        if (phases.Contains(3))
        {
            quota.Add(await Logged("quota, Redis stopped midway", () => QuotaRun.RunAsync(settings, "coordinated, Redis stopped midway", coordinated: true, stopRedisMidway: true, meter)));
        }

        new ClusterReport(settings, output).Print(quota, pauses);
        var failed = ClusterReport.Failed(quota, pauses);
        output.WriteLine();
        output.WriteLine(failed.Count == 0 ? "PASS: every coordinated target is met." : "FAIL: " + string.Join("; ", failed) + ".");
        return failed.Count == 0 ? 0 : 1;
    }

    /// <summary>JIT, Kestrel and first-connection costs are paid here, not by the first run.</summary>
    private async Task WarmUpAsync()
    {
        var warm = settings with { ItemsPerNode = 100 };
        await using var env = await ClusterEnvironment.StartAsync([.. Enumerable.Repeat(warm.ItemsPerNode, warm.Nodes)], t => t.Enabled = false);
        var redis = await Redis.StartAsync();
        try
        {
            for (var i = 0; i < warm.Nodes; i++)
            {
                env.AddNode(TimeSpan.Zero, redis.ConnectionString);
            }

            await Task.WhenAll(env.Nodes.Select(n => n.Bulk.RemoveMembersFromGroupAsync(env.Groups[n.Index].ToString(), env.Members[n.Index])));
        }
        finally
        {
            await Redis.DisposeAsync(redis);
        }
    }

    /// <summary>Progress on stderr, so the table on stdout stays clean.</summary>
    private static async Task<T> Logged<T>(string phase, Func<Task<T>> run)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await run();
        await Console.Error.WriteLineAsync($"  {phase}: done in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
        return result;
    }
}
