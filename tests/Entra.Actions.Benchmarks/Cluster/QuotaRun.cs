using System.Diagnostics;
using Entra.Actions.Benchmarks.Scenarios;
using Entra.Actions.Emulator;
using Entra.Actions.Tests.Shared;

namespace Entra.Actions.Benchmarks.Cluster;

/// <summary>What one node did in a run, from the emulator's journal (steps naming its group) and its own logs.</summary>
internal sealed record NodeFigures(int Node, int Batches, int WritesAccepted, int Throttled, TimeSpan Finished, int Rounds, IReadOnlyList<(TimeSpan At, StoreEvent Event)> StoreEvents)
{
    public int StoreWarnings => StoreEvents.Count(e => e.Event.EventId == Cluster.StoreEvents.Unavailable);
}

/// <summary>When Redis was stopped in a run, and what the nodes said about it.</summary>
internal sealed record RedisStopFigures(TimeSpan StoppedAt, DateTimeOffset StoppedAtUtc, int RemovedWhenStopped, IReadOnlyDictionary<string, long> AtStop)
{
    /// <summary>Fallback warnings (8000) logged from the stop on, across the nodes.</summary>
    public int Warnings { get; init; }

    /// <summary>Fallback warnings logged before the stop (Redis up), across the nodes.</summary>
    public int WarningsBefore { get; init; }

    /// <summary><c>entra.throttle.store.fallbacks</c> from the stop on, by reason.</summary>
    public IReadOnlyDictionary<string, long> FallbacksByReason { get; init; } = new Dictionary<string, long>();

    /// <summary><c>entra.throttle.store.fallbacks</c> before the stop.</summary>
    public long FallbacksBefore { get; init; }

    public long Fallbacks => FallbacksByReason.Values.Sum();
}

/// <summary>One run of the quota phase: every node removes its members at once, under the shared, time-compressed write quota.</summary>
internal sealed record QuotaRunResult(
    string Name, bool Coordinated, int Items, JournalStats Stats, TimeSpan Wall, int Lost, int Wrong, bool Completed,
    IReadOnlyDictionary<string, int> Failures, QuotaReport Quota, IReadOnlyList<NodeFigures> Nodes, RedisStopFigures? Stop)
{
    /// <summary>429s within <see cref="QuotaRun.DrainWindow"/> of the first one (the full bucket running dry under every node's in-flight batches), and the rest.</summary>
    public (int AtDrain, int Later) ThrottledSplit { get; init; }

    /// <summary>This process's scheduling lag and GC pauses during the run (see <see cref="LagProbe"/>).</summary>
    public (TimeSpan MaxLag, TimeSpan At, IReadOnlyList<(TimeSpan At, TimeSpan Lag)> Late, TimeSpan GcPause) Lag { get; init; } = (TimeSpan.Zero, TimeSpan.Zero, [], TimeSpan.Zero);

    /// <summary>Thread-pool threads before and at most, and the most queued work items (see <see cref="LagProbe.Threads"/>).</summary>
    public (int Before, int Max, long MaxPending) Threads { get; init; }

    public bool MeetsTargets => Completed && Quota.TimePass && Stats.ThrottledShare <= 0.05 && Lost == 0 && Wrong == 0;
}

/// <summary>Runs the quota phase once: fresh emulator, fresh users, <see cref="ClusterSettings.Nodes"/> nodes.</summary>
internal static class QuotaRun
{
    public static readonly TimeSpan DrainWindow = TimeSpan.FromMilliseconds(250);

    public static async Task<QuotaRunResult> RunAsync(ClusterSettings settings, string name, bool coordinated, bool stopRedisMidway, FallbackMeter meter)
    {
        await using var env = await ClusterEnvironment.StartAsync([.. Enumerable.Repeat(settings.ItemsPerNode, settings.Nodes)], t =>
        {
            t.Enabled = true;
            t.TimeScale = settings.TimeScale;
            t.RetryAfterFormat = settings.RetryAfterFormat;
        });
        var redis = coordinated ? await Redis.StartAsync() : null;
        try
        {
            return await RunAsync(settings, env, redis, name, stopRedisMidway, meter);
        }
        finally
        {
            await Redis.DisposeAsync(redis);
        }
    }

    private static async Task<QuotaRunResult> RunAsync(ClusterSettings settings, ClusterEnvironment env, RedisServer? redis, string name, bool stopRedisMidway, FallbackMeter meter)
    {
        var coordinated = redis is not null;
        for (var i = 0; i < settings.Nodes; i++)
        {
            env.AddNode(settings.Latency, redis?.ConnectionString);
        }

        var fallbacksBefore = meter.Snapshot();
        var warmed = await env.WarmNodesAsync();
        var lag = new LagProbe();
        var startedAt = DateTimeOffset.UtcNow;
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
            var stoppedAtUtc = DateTimeOffset.UtcNow;
            var atStop = meter.Snapshot();
            await redis.StopAsync();
            stop = new RedisStopFigures(stoppedAt, stoppedAtUtc, removed, atStop);
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
        await lag.DisposeAsync();
        var entries = env.Emulator.Journal.Entries.Skip(warmed).ToList();
        var stats = JournalStats.From(entries);
        var lost = Lost(env, stats);
        var outcomes = results.SelectMany(r => r).ToList();
        var wrong = total - outcomes.Count(o => o == Outcomes.Removed);
        var failures = outcomes.Where(r => r.StartsWith("Failed:", StringComparison.Ordinal)).GroupBy(r => r[7..]).ToDictionary(g => g.Key, g => g.Count());
        var throttling = env.Emulator.Options.Throttling;
        var quota = QuotaReport.Compute(throttling, writes: total, batches: (total + 19) / 20, concurrency: settings.Nodes * BulkOptions.Default.MaxConcurrency, settings.Latency, wall, stats)
            with
        { Lost = lost, Rounds = [.. env.Nodes.SelectMany(n => n.Rounds.Rounds)], Failures = failures };
        if (stop is not null)
        {
            var warnings = env.Nodes.SelectMany(n => n.Store.Events).Where(e => e.EventId == StoreEvents.Unavailable).ToList();
            stop = stop with
            {
                Warnings = warnings.Count(e => e.At >= stop.StoppedAtUtc),
                WarningsBefore = warnings.Count(e => e.At < stop.StoppedAtUtc),
                FallbacksByReason = Difference(meter.Snapshot(), stop.AtStop),
                FallbacksBefore = Difference(stop.AtStop, fallbacksBefore).Values.Sum(),
            };
        }

        var throttled = entries.Where(e => e.StatusCode == 429).Select(e => e.Timestamp).ToList();
        var drainEnd = throttled.Count == 0 ? DateTimeOffset.MinValue : throttled.Min() + DrainWindow;
        var atDrain = throttled.Count(t => t <= drainEnd);
        return new QuotaRunResult(name, coordinated, total, stats, wall, lost, wrong, completed, failures, quota, Figures(env, entries, startedAt), stop)
        {
            ThrottledSplit = (atDrain, throttled.Count - atDrain),
            Lag = lag.Result,
            Threads = lag.Threads,
        };
    }

    /// <summary>Members still in their group, plus members whose removal was applied more than once.</summary>
    private static int Lost(ClusterEnvironment env, JournalStats stats)
    {
        var remaining = env.RemainingMembers();
        var twice = env.Members.SelectMany(m => m).Count(id => stats.AppliedWritesPerMember.GetValueOrDefault(id.ToLowerInvariant()) > 1);
        return remaining + twice;
    }

    private static List<NodeFigures> Figures(ClusterEnvironment env, IReadOnlyList<JournalEntry> entries, DateTimeOffset startedAt) =>
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
                [.. n.Store.Events.Select(e => (e.At - startedAt, e))]);
        })];

    private static Dictionary<string, long> Difference(IReadOnlyDictionary<string, long> after, IReadOnlyDictionary<string, long> before) =>
        after.Select(kv => (kv.Key, Value: kv.Value - before.GetValueOrDefault(kv.Key))).Where(kv => kv.Value > 0).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
}
