using System.Diagnostics;
using Entra.Actions.Benchmarks.Scenarios;
using Entra.Actions.Emulator;

namespace Entra.Actions.Benchmarks.Cluster;

/// <summary>What one node did in a run, from the emulator's journal (steps naming its group) and its own logs.</summary>
internal sealed record NodeFigures(int Node, int Batches, int WritesAccepted, int Throttled, TimeSpan Finished, int Rounds, int StoreWarnings, int StoreRestored);

/// <summary>When Redis was stopped in a run, and what the nodes said about it.</summary>
internal sealed record RedisStopFigures(TimeSpan StoppedAt, int RemovedWhenStopped, int Warnings, int Restored, IReadOnlyDictionary<string, long> FallbacksByReason)
{
    public long Fallbacks => FallbacksByReason.Values.Sum();
}

/// <summary>One run of the quota phase: every node removes its members at once, under the shared, time-compressed write quota.</summary>
internal sealed record QuotaRunResult(
    string Name, bool Coordinated, int Items, JournalStats Stats, TimeSpan Wall, int Lost, int Wrong, bool Completed,
    IReadOnlyDictionary<string, int> Failures, QuotaReport Quota, IReadOnlyList<NodeFigures> Nodes, RedisStopFigures? Stop)
{
    public bool MeetsTargets => Completed && Quota.TimePass && Stats.ThrottledShare <= 0.05 && Lost == 0 && Wrong == 0;
}

/// <summary>Runs the quota phase once: fresh emulator, fresh users, <see cref="ClusterSettings.Nodes"/> nodes.</summary>
internal static class QuotaRun
{
    public static async Task<QuotaRunResult> RunAsync(ClusterSettings settings, string name, bool coordinated, bool stopRedisMidway, FallbackMeter meter)
    {
        await using var env = await ClusterEnvironment.StartAsync([.. Enumerable.Repeat(settings.ItemsPerNode, settings.Nodes)], t =>
        {
            t.Enabled = true;
            t.TimeScale = settings.TimeScale;
            t.RetryAfterFormat = settings.RetryAfterFormat;
        });
        await using var redis = coordinated ? await RedisLauncher.StartAsync() : null;
        for (var i = 0; i < settings.Nodes; i++)
        {
            env.AddNode(settings.Latency, redis?.ConnectionString);
        }

        var fallbacksBefore = meter.Snapshot();
        var started = Stopwatch.GetTimestamp();
        var work = env.Nodes.Select(n => n.RemoveAsync(env.Groups[n.Index], env.Members[n.Index], BulkOptions.Default, started)).ToList();
        var all = Task.WhenAll(work);
        RedisStopFigures? stop = null;
        var total = settings.Nodes * settings.ItemsPerNode;
        if (stopRedisMidway && redis is not null)
        {
            while (!all.IsCompleted && env.RemainingMembers() > total / 2)
            {
                await Task.WhenAny(all, Task.Delay(100));
            }

            var stoppedAt = Stopwatch.GetElapsedTime(started);
            var removed = total - env.RemainingMembers();
            await redis.StopAsync();
            stop = new RedisStopFigures(stoppedAt, removed, 0, 0, new Dictionary<string, long>());
        }

        var completed = true;
        string[][] results;
        try
        {
            results = await all;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // An action must never throw: a run that does is incomplete, and says why.
            completed = false;
            Console.Error.WriteLine($"{name}: a node's removal threw {ex.GetType().Name}: {ex.Message}");
            results = [.. work.Select(t => t.IsCompletedSuccessfully ? t.Result : [])];
        }

        var wall = Stopwatch.GetElapsedTime(started);
        var entries = env.Emulator.Journal.Entries;
        var stats = JournalStats.From(entries);
        var lost = Lost(env, stats);
        var outcomes = results.SelectMany(r => r).ToList();
        var wrong = total - outcomes.Count(o => o == Outcomes.Removed);
        var failures = outcomes.Where(r => r.StartsWith("Failed:", StringComparison.Ordinal)).GroupBy(r => r[7..]).ToDictionary(g => g.Key, g => g.Count());
        var throttling = env.Emulator.Options.Throttling;
        var quota = QuotaReport.Compute(throttling, writes: total, batches: (total + 19) / 20, concurrency: settings.Nodes * BulkOptions.Default.MaxConcurrency, settings.Latency, wall, stats)
            with { Lost = lost, Rounds = [.. env.Nodes.SelectMany(n => n.Rounds.Rounds)], Failures = failures };
        if (stop is not null)
        {
            stop = stop with
            {
                Warnings = env.Nodes.Sum(n => n.Store.Count(StoreEvents.Unavailable)),
                Restored = env.Nodes.Sum(n => n.Store.Count(StoreEvents.Restored)),
                FallbacksByReason = Difference(meter.Snapshot(), fallbacksBefore),
            };
        }

        return new QuotaRunResult(name, coordinated, total, stats, wall, lost, wrong, completed, failures, quota, Figures(env, entries), stop);
    }

    /// <summary>Members still in their group, plus members whose removal was applied more than once.</summary>
    private static int Lost(ClusterEnvironment env, JournalStats stats)
    {
        var remaining = env.RemainingMembers();
        var twice = env.Members.SelectMany(m => m).Count(id => stats.AppliedWritesPerMember.GetValueOrDefault(id.ToLowerInvariant()) > 1);
        return remaining + twice;
    }

    private static List<NodeFigures> Figures(ClusterEnvironment env, IReadOnlyList<JournalEntry> entries) =>
        [.. env.Nodes.Select(n =>
        {
            var group = env.Groups[n.Index].ToString();
            var steps = entries.Where(e => e.BatchStepId is not null && e.RawPath.Contains(group, StringComparison.OrdinalIgnoreCase)).ToList();
            return new NodeFigures(
                n.Index,
                n.Sends.Sent.Count,
                steps.Count(e => e.StatusCode is >= 200 and < 300),
                steps.Count(e => e.StatusCode == 429),
                n.Finished,
                n.Rounds.Rounds.Count,
                n.Store.Count(StoreEvents.Unavailable),
                n.Store.Count(StoreEvents.Restored));
        })];

    private static Dictionary<string, long> Difference(IReadOnlyDictionary<string, long> after, IReadOnlyDictionary<string, long> before) =>
        after.Select(kv => (kv.Key, Value: kv.Value - before.GetValueOrDefault(kv.Key))).Where(kv => kv.Value > 0).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
}
