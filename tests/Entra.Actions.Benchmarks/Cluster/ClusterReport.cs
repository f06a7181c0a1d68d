using System.Globalization;

namespace Entra.Actions.Benchmarks.Cluster;

/// <summary>Prints the cluster scenario's two tables and what stands behind each row.</summary>
internal sealed class ClusterReport(ClusterSettings settings, TextWriter output)
{
    public void Print(IReadOnlyList<QuotaRunResult> quota, IReadOnlyList<PauseProbeResult> pauses)
    {
        if (quota.Any(q => q.Stop is null))
        {
            PrintQuota([.. quota.Where(q => q.Stop is null)]);
            output.WriteLine();
        }

        if (pauses.Count > 0)
        {
            PrintPauses(pauses);
        }
        var stop = quota.FirstOrDefault(q => q.Stop is not null);
        if (stop is not null)
        {
            output.WriteLine();
            PrintStop(stop);
        }
    }

    private void PrintQuota(IReadOnlyList<QuotaRunResult> runs)
    {
        var first = runs[0].Quota;
        var window = first.Window / first.TimeScale;
        output.WriteLine(Invariant($"Phase 1, write quota: {first.Writes:N0} removals ({settings.Nodes} nodes x {settings.ItemsPerNode:N0}, node i removes the members of its own group i, all groups in one tenant),"));
        output.WriteLine(Invariant($"  one app + tenant write bucket of {first.Quota:N0} per {first.Window.TotalSeconds:0} s, TimeScale {first.TimeScale:0.##} (window {window.TotalSeconds:0.###} s real, refill {first.Quota / window.TotalSeconds:N0} writes/s),"));
        output.WriteLine(Invariant($"  bucket starts full, Retry-After {settings.RetryAfterFormat}, {settings.Latency.TotalMilliseconds:0} ms per HTTP request, BulkOptions default (MaxConcurrency 4 per node)."));
        output.WriteLine(Invariant($"  Theoretical minimum: ({first.Writes:N0} - {first.Quota:N0}) / {first.Quota / window.TotalSeconds:N0} per s = {first.QuotaMinimum.TotalSeconds:0.00} s; round-trip floor {first.LatencyFloor.TotalSeconds:0.00} s."));
        output.WriteLine();
        string[] header = ["Run", "Items", "HTTP req", "Writes", "429s", "429 share", "Wall time", "Minimum", "Ratio", "Lost", "Wrong", "Target", "Result"];
        var rows = runs.Select(r => new[]
        {
            r.Name, N(r.Items), N(r.Stats.HttpRequests), N(r.Stats.WritesConsumed), N(r.Stats.Throttled), Invariant($"{r.Stats.ThrottledShare:P1}"),
            Invariant($"{r.Wall.TotalSeconds:0.00} s"), Invariant($"{r.Quota.Minimum.TotalSeconds:0.00} s"), Invariant($"{r.Quota.Ratio:0.00}x"), N(r.Lost), N(r.Wrong),
            Target(r), Result(r),
        }).ToList();
        Table(header, rows, [false, true, true, true, true, true, true, true, true, true, true, false, false]);
        output.WriteLine();
        output.WriteLine("HTTP req: requests on the wire (journal entries that are not $batch steps). Writes: removal steps Graph accepted.");
        output.WriteLine("429s and 429 share: operations ($batch steps and other requests) answered 429, of all operations. Lost: members still in");
        output.WriteLine("their group, or removed twice. Wrong: items whose reported outcome is not Removed. All figures from the emulator's journal.");
        foreach (var r in runs)
        {
            output.WriteLine();
            output.WriteLine(Invariant($"{r.Name}: wall {r.Wall.TotalSeconds:0.00} s = {r.Quota.Ratio:0.00}x the minimum; {r.Stats.WritesConsumed + r.Stats.WritesThrottled:N0} removal steps sent for {r.Items:N0} removals;"));
            output.WriteLine(Invariant($"  429s: {r.ThrottledSplit.AtDrain:N0} within {QuotaRun.DrainWindow.TotalMilliseconds:0} ms of the first (the full bucket running dry under the in-flight batches), {r.ThrottledSplit.Later:N0} later."));
            if (r.Quota.Rounds.Count > 0)
            {
                var delays = r.Quota.Rounds.Select(x => x.DelayMs).Order().ToList();
                output.WriteLine(Invariant($"  {r.Quota.Rounds.Count:N0} resend rounds (log 3002), pause before resending min {delays[0]:0.#} / median {delays[delays.Count / 2]:0.#} / max {delays[^1]:0.#} ms."));
            }

            foreach (var n in r.Nodes)
            {
                output.WriteLine(Invariant($"  node {n.Node}: {n.Batches:N0} HTTP requests, {n.WritesAccepted:N0} removals accepted, {n.Throttled:N0} steps answered 429, finished at {n.Finished.TotalSeconds:0.00} s, {n.Rounds:N0} resend rounds{StoreLog(n)}."));
            }

            var failures = r.Failures.Count == 0 ? "none" : string.Join(", ", r.Failures.Select(kv => Invariant($"{kv.Key} x{kv.Value:N0}")));
            output.WriteLine(Invariant($"  Items reported failed: {failures}; completed: {(r.Completed ? "yes" : "NO")}."));
            output.WriteLine(Lag(r));
        }
    }

    private void PrintPauses(IReadOnlyList<PauseProbeResult> runs)
    {
        output.WriteLine(Invariant($"Phase 2, Retry-After: node 0 removes {settings.PauseItemsNode0:N0} members, nodes 1-{settings.Nodes - 1} {settings.PauseItemsPerNode:N0} each, in unscaled time with the emulator's quota off (its own 429s would mix in),"));
        output.WriteLine(Invariant($"  {settings.PauseLatency.TotalMilliseconds:0} ms per HTTP request, MaxConcurrency {settings.PauseConcurrency} per node. {settings.InjectAfter.TotalSeconds:0} s into the run one 429 with Retry-After: 5 is injected"));
        output.WriteLine("  (FaultInjector) for the next removal step of node 0's group. Counted from the journal: HTTP requests that arrived");
        output.WriteLine("  within 5 s after node 0 had the 429's answer; by client-request-id against each node's send log (below the library's");
        output.WriteLine("  gate), those sent before that answer were already in flight; those sent after it are what the pause must prevent.");
        output.WriteLine();
        string[] header = ["Run", "429 answered", "Arrived in 5 s", "In flight", "Sent after 429", "By node", "Latest such send", "Nodes' first send after the 429", "Lost", "Target", "Result"];
        var rows = runs.Select(r => new[]
        {
            r.Name,
            r.Fired ? Invariant($"{r.AnsweredAt.TotalSeconds:0.00} s") : "not fired",
            N(r.Arrivals),
            N(r.InFlight),
            N(r.SentAfter),
            r.SentAfterByNode.Count == 0 ? "-" : string.Join(" ", r.SentAfterByNode.OrderBy(kv => kv.Key).Select(kv => Invariant($"n{kv.Key}:{kv.Value}"))),
            r.LatestSentAfter is { } latest ? Invariant($"+{latest.TotalMilliseconds:0} ms") : "-",
            string.Join(" ", r.FirstSendAfter.Select((t, i) => t is { } v ? Invariant($"n{i}:+{v.TotalSeconds:0.00}s") : Invariant($"n{i}:-"))),
            N(r.Lost),
            r.Coordinated ? "0 sent after the 429 for 5 s, 0 lost" : "reference (no store)",
            r.Coordinated ? (r.MeetsTarget ? "PASS" : "FAIL") : "-",
        }).ToList();
        Table(header, rows, [false, true, true, true, true, false, true, false, true, false, false]);
        output.WriteLine();
        foreach (var r in runs.Where(r => r.Fired))
        {
            output.WriteLine(Invariant($"{r.Name}: the 429 step arrived {r.StepArrivedBeforeAnswer.TotalMilliseconds:0} ms before node 0 had the answer; wall {r.Wall.TotalSeconds:0.00} s; wrong outcomes {r.Wrong:N0};"));
            output.WriteLine("  nodes finished at " + string.Join(", ", r.Finished.Select((t, i) => Invariant($"n{i} {t.TotalSeconds:0.00} s")))
                + Invariant($"; removals accepted per s, all nodes: {r.AcceptedPerSecond.Before:N0} before the 429, {r.AcceptedPerSecond.After:N0} after its 5 s; store warnings {r.StoreWarnings}."));
        }
    }

    private void PrintStop(QuotaRunResult r)
    {
        var s = r.Stop!;
        output.WriteLine(Invariant($"Phase 3, Redis stopped midway: the coordinated quota run again; redis-server got SHUTDOWN NOSAVE at {s.StoppedAt.TotalSeconds:0.00} s, when {s.RemovedWhenStopped:N0} of {r.Items:N0} were removed."));
        output.WriteLine(Invariant($"  Completed: {(r.Completed ? "yes" : "NO")} in {r.Wall.TotalSeconds:0.00} s ({r.Quota.Ratio:0.00}x the minimum, {r.Stats.ThrottledShare:P1} answered 429); lost {r.Lost:N0}; wrong outcomes {r.Wrong:N0}."));
        var reasons = s.FallbacksByReason.Count == 0 ? "none" : string.Join(", ", s.FallbacksByReason.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => Invariant($"{kv.Key} {kv.Value:N0}")));
        output.WriteLine(Invariant($"  Fallback logged after the stop: {s.Warnings} warnings EventId 8000 ThrottleStoreUnavailable across the {settings.Nodes} nodes' loggers"));
        output.WriteLine(Invariant($"  (before the stop, Redis up: {s.WarningsBefore}); entra.throttle.store.fallbacks (MeterListener, all nodes of this process) after the stop:"));
        output.WriteLine(Invariant($"  {s.Fallbacks:N0} ({reasons}); before the stop: {s.FallbacksBefore:N0}."));
        output.WriteLine(Lag(r));
        foreach (var n in r.Nodes)
        {
            output.WriteLine(Invariant($"  node {n.Node}: {n.WritesAccepted:N0} removals accepted, {n.Throttled:N0} steps answered 429, finished at {n.Finished.TotalSeconds:0.00} s{StoreLog(n)}."));
        }
    }

    /// <summary>The coordinated targets missed, one line each.</summary>
    public static List<string> Failed(IReadOnlyList<QuotaRunResult> quota, IReadOnlyList<PauseProbeResult> pauses) =>
    [
        .. quota.Where(q => q.Coordinated && Result(q) != "PASS").Select(q => $"{q.Name}: {string.Join(", ", Misses(q))}"),
        .. pauses.Where(p => p.Coordinated && !p.MeetsTarget).Select(p => $"Retry-After {p.Name}: {p.SentAfter} requests sent within the 5 s (lost {p.Lost})"),
    ];

    private static IEnumerable<string> Misses(QuotaRunResult q)
    {
        if (!q.Completed || q.Lost > 0 || q.Wrong > 0)
        {
            yield return Invariant($"incomplete or wrong (lost {q.Lost}, wrong {q.Wrong})");
        }

        if (q.Stop is { } stop)
        {
            if (stop.Warnings == 0 || stop.Fallbacks == 0)
            {
                yield return "fallback not logged";
            }

            yield break;
        }

        if (q.Quota.Ratio > 1.15)
        {
            yield return Invariant($"time {q.Quota.Ratio:0.00}x the minimum (target <= 1.15x)");
        }

        if (q.Stats.ThrottledShare > 0.05)
        {
            yield return Invariant($"{q.Stats.ThrottledShare:P1} of operations answered 429 (target <= 5%)");
        }
    }

    /// <summary>How late this one process (4 nodes, Kestrel, the emulator) ran its work: a store call can time out for that alone.</summary>
    private static string Lag(QuotaRunResult r) =>
        Invariant($"  This process's scheduling lag (50 ms timer): max {r.Lag.MaxLag.TotalMilliseconds:0} ms (ending at {r.Lag.At.TotalSeconds:0.00} s); ticks >= 250 ms late: ")
        + (r.Lag.Late.Count == 0 ? "none" : string.Join(", ", r.Lag.Late.Take(8).Select(l => Invariant($"{l.Lag.TotalMilliseconds:0} ms ending at {l.At.TotalSeconds:0.00} s"))) + (r.Lag.Late.Count > 8 ? Invariant($" (+{r.Lag.Late.Count - 8} more)") : string.Empty))
        + Invariant($"; GC pauses {r.Lag.GcPause.TotalMilliseconds:0} ms; thread-pool threads {r.Threads.Before} -> max {r.Threads.Max}, most work items queued {r.Threads.MaxPending:N0}.");

    /// <summary>The node's store warnings (8000) and recoveries (8001), with when they were logged.</summary>
    private static string StoreLog(NodeFigures n) => n.StoreEvents.Count == 0
        ? string.Empty
        : "; store log: " + string.Join("; ", n.StoreEvents.Select(e => Invariant($"+{e.At.TotalSeconds:0.00} s {e.Event.EventId} {e.Event.Name}{(e.Event.Why.Length == 0 ? string.Empty : $" ({e.Event.Why})")}")));

    private static string Target(QuotaRunResult r) => r switch
    {
        { Coordinated: false } => "reference (no store)",
        { Stop: null } => "<= 1.15x min, <= 5% 429, 0 lost",
        _ => "completes, 0 lost, fallback logged",
    };

    private static string Result(QuotaRunResult r) => r switch
    {
        { Coordinated: false } => "-",
        { Stop: null } => r.MeetsTargets ? "PASS" : "FAIL",
        { Stop: { } s } => r.Completed && r.Lost == 0 && r.Wrong == 0 && s.Warnings > 0 && s.Fallbacks > 0 ? "PASS" : "FAIL",
    };

    private void Table(string[] header, List<string[]> rows, bool[] right)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(l => l[i].Length))).ToArray();
        string Format(string[] cells) => "| " + string.Join(" | ", cells.Select((c, i) => right[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))) + " |";
        output.WriteLine(Format(header));
        output.WriteLine("|" + string.Join("|", widths.Select((w, i) => right[i] ? new string('-', w + 1) + ":" : ":" + new string('-', w + 1))) + "|");
        foreach (var row in rows)
        {
            output.WriteLine(Format(row));
        }
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
