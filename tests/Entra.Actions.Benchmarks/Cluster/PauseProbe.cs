using System.Diagnostics;
using Entra.Actions.Benchmarks.Scenarios;
using Entra.Actions.Emulator;
using Entra.Actions.Tests.Shared;

namespace Entra.Actions.Benchmarks.Cluster;

/// <summary>
/// What the emulator's journal shows after one node got <c>Retry-After: 5</c>: every HTTP request that arrived within the 5 s
/// after the 429 was answered, split by each node's send log (matched by <c>client-request-id</c>) into requests already sent
/// before the answer (in flight) and requests sent after it (the ones the pause should have held).
/// </summary>
internal sealed record PauseProbeResult(
    string Name, bool Coordinated, bool Fired, TimeSpan AnsweredAt, TimeSpan StepArrivedBeforeAnswer, int Arrivals, int InFlight, int SentAfter,
    IReadOnlyDictionary<int, int> SentAfterByNode, TimeSpan? LatestSentAfter, IReadOnlyList<TimeSpan?> FirstSendAfter, int Lost, int Wrong, TimeSpan Wall)
{
    public IReadOnlyList<TimeSpan> Finished { get; init; } = [];

    /// <summary>Removals Graph accepted per second, all nodes, before the 429 and after its 5 s.</summary>
    public (double Before, double After) AcceptedPerSecond { get; init; }

    /// <summary>Store warnings (8000) across the nodes.</summary>
    public int StoreWarnings { get; init; }

    public bool MeetsTarget => Fired && SentAfter == 0 && Lost == 0 && Wrong == 0;
}

/// <summary>Runs the Retry-After phase once: unscaled time, the emulator's quota off, one injected 429 with <c>Retry-After: 5</c>.</summary>
internal static class PauseProbe
{
    public static readonly TimeSpan Pause = TimeSpan.FromSeconds(5);

    public static async Task<PauseProbeResult> RunAsync(ClusterSettings settings, string name, bool coordinated)
    {
        // Quota throttling off: the injected 429 is the only one, so every pause in this phase is the 5 s under test.
        var perNode = Enumerable.Range(0, settings.Nodes).Select(i => i == 0 ? settings.PauseItemsNode0 : settings.PauseItemsPerNode).ToList();
        await using var env = await ClusterEnvironment.StartAsync(perNode, t => t.Enabled = false);
        var redis = coordinated ? await Redis.StartAsync() : null;
        try
        {
            return await RunAsync(settings, env, perNode, redis, name);
        }
        finally
        {
            await Redis.DisposeAsync(redis);
        }
    }

    private static async Task<PauseProbeResult> RunAsync(ClusterSettings settings, ClusterEnvironment env, List<int> perNode, RedisServer? redis, string name)
    {
        var coordinated = redis is not null;
        for (var i = 0; i < settings.Nodes; i++)
        {
            env.AddNode(settings.PauseLatency, redis?.ConnectionString);
        }

        var warmed = await env.WarmNodesAsync();
        var options = new BulkOptions { MaxConcurrency = settings.PauseConcurrency };
        var runStart = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        var work = env.Nodes.Select(n => n.RemoveAsync(env.Groups[n.Index], env.Members[n.Index], options, started)).ToList();
        await Task.Delay(settings.InjectAfter);

        // One 429 with Retry-After: 5 (a literal header, not scaled), for the next removal step of node 0's group.
        var rule = env.Emulator.Faults.FailNext(1, 429, "DELETE", $"/groups/{env.Groups[0]}/members/*", retryAfter: "5");
        var results = await Task.WhenAll(work);
        var wall = Stopwatch.GetElapsedTime(started);

        var total = perNode.Sum();
        var entries = env.Emulator.Journal.Entries.Skip(warmed).ToList();
        var stats = JournalStats.From(entries);
        var lost = env.RemainingMembers() + env.Members.SelectMany(m => m).Count(id => stats.AppliedWritesPerMember.GetValueOrDefault(id.ToLowerInvariant()) > 1);
        var wrong = total - results.SelectMany(r => r).Count(o => o == Outcomes.Removed);
        var answer = env.Nodes[0].Sends.Sent.Where(s => s.CarriedThrottledStep).OrderBy(s => s.AnsweredAt).FirstOrDefault();
        if (rule.Hits == 0 || answer is null)
        {
            return new PauseProbeResult(name, coordinated, false, TimeSpan.Zero, TimeSpan.Zero, 0, 0, 0, new Dictionary<int, int>(), null, [], lost, wrong, wall);
        }

        var answeredAt = answer.AnsweredAt;
        var step = entries.First(e => e.BatchStepId is not null && e.StatusCode == 429);
        var sends = env.Nodes.SelectMany(n => n.Sends.Sent).Where(s => s.ClientRequestId is not null).ToDictionary(s => s.ClientRequestId!, StringComparer.OrdinalIgnoreCase);
        var arrivals = entries
            .Where(e => e.BatchStepId is null && e.Timestamp > answeredAt && e.Timestamp <= answeredAt + Pause)
            .Select(e => e.Headers.TryGetValue("client-request-id", out var id) && sends.TryGetValue(id, out var sent) ? sent : null)
            .ToList();

        // A request the journal cannot match to a send counts against the target: it cannot be shown to have been in flight.
        var inFlight = arrivals.Count(s => s is not null && s.SentAt <= answeredAt);
        var after = arrivals.Where(s => s is null || s.SentAt > answeredAt).ToList();
        var firstAfter = env.Nodes.Select(n => n.Sends.Sent.Where(s => s.SentAt > answeredAt).Select(s => (TimeSpan?)(s.SentAt - answeredAt)).Min()).ToList();
        return new PauseProbeResult(
            name,
            coordinated,
            true,
            answeredAt - runStart,
            answeredAt - step.Timestamp,
            arrivals.Count,
            inFlight,
            after.Count,
            after.GroupBy(s => s?.Node ?? -1).ToDictionary(g => g.Key, g => g.Count()),
            after.Where(s => s is not null).Select(s => (TimeSpan?)(s!.SentAt - answeredAt)).Max(),
            firstAfter,
            lost,
            wrong,
            wall)
        {
            Finished = [.. env.Nodes.Select(n => n.Finished)],
            AcceptedPerSecond = (Rate(entries, runStart, answeredAt), Rate(entries, answeredAt + Pause, runStart + wall)),
            StoreWarnings = env.Nodes.Sum(n => n.Store.Count(StoreEvents.Unavailable)),
        };
    }

    private static double Rate(IReadOnlyList<JournalEntry> entries, DateTimeOffset from, DateTimeOffset to) =>
        to <= from ? 0 : entries.Count(e => e.BatchStepId is not null && e.StatusCode is >= 200 and < 300 && e.Timestamp >= from && e.Timestamp < to) / (to - from).TotalSeconds;
}
