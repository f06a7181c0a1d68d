using System.Diagnostics;
using System.Globalization;
using System.Text;
using Entra.Actions.Emulator;

namespace Entra.Actions.Benchmarks.Scenarios;

/// <summary>Runs the bulk scenarios (bulk calls against one call per item, under throttling and faults), each on a fresh emulator with fresh users, and prints the table.</summary>
internal sealed class ScenarioRunner(ScenarioSettings settings, TextWriter output)
{
    private const int Items = 1000;
    private const int QuotaItems = 10_000;
    private static readonly string GroupId = BenchEnvironment.Group.ToString();
    private readonly List<ScenarioRow> _rows = [];
    private readonly List<QuotaReport> _quotas = [];

    public async Task<int> RunAsync()
    {
        output.WriteLine($"Entra.Actions scenarios: in-process emulator, {settings.Latency.TotalMilliseconds:0} ms per HTTP request, Graph throttling model on.");
        output.WriteLine($"Runtime {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        output.WriteLine();
        await WarmUpAsync();

        await AddNewAsync("bulk, getByIds", useGetByIds: true);
        await AddNewAsync("bulk, seed scopes", useGetByIds: false);
        await AddNewAsync("bulk, seed, trusted ids", useGetByIds: false, verifyUsers: false);
        await AddNewAsync("bulk, seed, by UPN", useGetByIds: false, byUpn: true);
        await AddNewAsync("naive", useGetByIds: null);
        await AddSomeExistingAsync("bulk, getByIds", useGetByIds: true);
        await AddSomeExistingAsync("bulk, seed scopes", useGetByIds: false);
        await AddSomeExistingAsync("bulk, seed, trusted ids", useGetByIds: false, verifyUsers: false);
        await AddSomeExistingAsync("naive", useGetByIds: null);
        await RemoveAsync(naive: false);
        await RemoveAsync(naive: true);
        await LookupAsync("bulk, $batch", useGetByIds: false);
        await LookupAsync("bulk, getByIds", useGetByIds: true);
        await LookupAsync("naive", useGetByIds: null);
        await RemoveUnderQuotaAsync(settings.RetryAfterFormat);
        if (settings.BothRetryAfterFormats)
        {
            await RemoveUnderQuotaAsync(settings.RetryAfterFormat == RetryAfterFormat.FractionalSeconds ? RetryAfterFormat.WholeSeconds : RetryAfterFormat.FractionalSeconds);
        }

        Print();
        return 0;
    }

    /// <summary>JIT and first-use costs (Graph SDK models, token creation) are paid here, not by the first row.</summary>
    private static async Task WarmUpAsync()
    {
        await using var env = new BenchEnvironment(TimeSpan.Zero);
        var ids = env.SeedUsers(45);
        var bulk = env.Bulk(BenchEnvironment.WithDirectoryRead);
        await bulk.LookupUsersAsync(ids);
        await bulk.LookupUsersAsync(ids, new BulkOptions { UseGetByIds = true });
        await bulk.AddUsersToGroupAsync(GroupId, ids[..30]);
        await bulk.RemoveMembersFromGroupAsync(GroupId, ids[..30]);
        var naive = env.NaiveClient(BenchEnvironment.SeedScopes);
        await Naive.LookupAsync(naive, ids[..8]);
        await Naive.AddAsync(naive, GroupId, ids[..8]);
        await Naive.RemoveAsync(naive, GroupId, ids[..8]);
    }

    private async Task AddNewAsync(string approach, bool? useGetByIds, bool verifyUsers = true, bool byUpn = false)
    {
        await using var env = new BenchEnvironment(settings.Latency);
        var ids = env.SeedUsers(Items);
        var inputs = byUpn ? ids.Select(id => env.Emulator.Directory.FindUser(id)!.UserPrincipalName).ToList() : ids;
        var expected = ids.Select(_ => Outcomes.Added).ToArray();
        var (results, wall, stats) = await MeasureAsync(env, () => useGetByIds is { } byIds
            ? Bulk(env, byIds).AddUsersToGroupAsync(GroupId, inputs, new BulkOptions { UseGetByIds = byIds, VerifyUsers = verifyUsers }).ContinueWith(t => t.Result.Items.Select(Outcomes.Of).ToArray(), TaskScheduler.Default)
            : Naive.AddAsync(env.NaiveClient(BenchEnvironment.SeedScopes), GroupId, ids));
        var lost = LostForMembership(env, ids, shouldBeMember: _ => true, stats);
        var row = Row("Add 1,000 new members", approach, ids.Count, stats, wall, lost, results, expected);
        _rows.Add(useGetByIds is null
            ? row with { Target = "reference (1 request per item)", Pass = null }
            : row with { Target = "<= 52 requests, 0 lost", Pass = stats.HttpRequests <= 52 && lost == 0 && row.WrongResults == 0 });
    }

    private async Task AddSomeExistingAsync(string approach, bool? useGetByIds, bool verifyUsers = true)
    {
        await using var env = new BenchEnvironment(settings.Latency);
        var ids = env.SeedUsers(Items);
        var existing = ids.Where((_, i) => i % 10 == 3).ToHashSet(StringComparer.OrdinalIgnoreCase); // 10%, scattered
        env.MakeMembers(existing);
        var expected = ids.Select(id => existing.Contains(id) ? Outcomes.AlreadyMember : Outcomes.Added).ToArray();
        var (results, wall, stats) = await MeasureAsync(env, () => useGetByIds is { } byIds
            ? Bulk(env, byIds).AddUsersToGroupAsync(GroupId, ids, new BulkOptions { UseGetByIds = byIds, VerifyUsers = verifyUsers }).ContinueWith(t => t.Result.Items.Select(Outcomes.Of).ToArray(), TaskScheduler.Default)
            : Naive.AddAsync(env.NaiveClient(BenchEnvironment.SeedScopes), GroupId, ids));
        var lost = LostForMembership(env, ids, shouldBeMember: _ => true, stats);
        var row = Row("Add 1,000, 10% already members", approach, ids.Count, stats, wall, lost, results, expected);
        _rows.Add(useGetByIds is null
            ? row with { Target = "reference", Pass = null }
            : row with { Target = "<= 70 requests, outcomes exact", Pass = stats.HttpRequests <= 70 && lost == 0 && row.WrongResults == 0 });
    }

    private async Task RemoveAsync(bool naive)
    {
        await using var env = new BenchEnvironment(settings.Latency);
        var ids = env.SeedUsers(Items);
        env.MakeMembers(ids);
        var expected = ids.Select(_ => Outcomes.Removed).ToArray();
        var (results, wall, stats) = await MeasureAsync(env, () => naive
            ? Naive.RemoveAsync(env.NaiveClient(BenchEnvironment.SeedScopes), GroupId, ids)
            : env.Bulk(BenchEnvironment.SeedScopes).RemoveMembersFromGroupAsync(GroupId, ids).ContinueWith(t => t.Result.Items.Select(Outcomes.Of).ToArray(), TaskScheduler.Default));
        var lost = LostForMembership(env, ids, shouldBeMember: _ => false, stats);
        var row = Row("Remove 1,000 members", naive ? "naive" : "bulk, $batch", ids.Count, stats, wall, lost, results, expected);
        _rows.Add(naive
            ? row with { Target = "reference", Pass = null }
            : row with { Target = "<= 52 requests, writes = 1,000", Pass = stats.HttpRequests <= 52 && stats.WritesConsumed == Items && lost == 0 && row.WrongResults == 0 });
    }

    private async Task LookupAsync(string approach, bool? useGetByIds)
    {
        await using var env = new BenchEnvironment(settings.Latency);
        var ids = env.SeedUsers(Items);
        var expected = ids.Select(id => Outcomes.Found(id)).ToArray();
        var (results, wall, stats) = await MeasureAsync(env, () => useGetByIds is { } byIds
            ? Bulk(env, byIds).LookupUsersAsync(ids, new BulkOptions { UseGetByIds = byIds }).ContinueWith(t => t.Result.Items.Select(Outcomes.Of).ToArray(), TaskScheduler.Default)
            : Naive.LookupAsync(env.NaiveClient(BenchEnvironment.SeedScopes), ids));
        var wrong = results.Where((r, i) => r != expected[i]).Count();
        var row = Row("Lookup 1,000 users", approach, ids.Count, stats, wall, lost: wrong, results, expected);
        var limit = useGetByIds == true ? 2 : 52;
        _rows.Add(useGetByIds is null
            ? row with { Target = "reference", Pass = null }
            : row with { Target = $"<= {limit} requests", Pass = stats.HttpRequests <= limit && wrong == 0 });
    }

    private async Task RemoveUnderQuotaAsync(RetryAfterFormat format)
    {
        await using var env = new BenchEnvironment(settings.Latency, t =>
        {
            t.TimeScale = settings.TimeScale;
            t.RetryAfterFormat = format;
        });
        var ids = env.SeedUsers(QuotaItems);
        env.MakeMembers(ids);
        var expected = ids.Select(_ => Outcomes.Removed).ToArray();
        var (results, wall, stats) = await MeasureAsync(env, () =>
            env.Bulk(BenchEnvironment.SeedScopes).RemoveMembersFromGroupAsync(GroupId, ids).ContinueWith(t => t.Result.Items.Select(Outcomes.Of).ToArray(), TaskScheduler.Default));
        var lost = LostForMembership(env, ids, shouldBeMember: _ => false, stats);
        var approach = format == RetryAfterFormat.FractionalSeconds ? "bulk, R-A fractional" : "bulk, R-A whole s";
        var row = Row("Remove 10,000 under write quota", approach, ids.Count, stats, wall, lost, results, expected);

        var throttling = env.Emulator.Options.Throttling;
        var quota = QuotaReport.Compute(throttling, writes: QuotaItems, batches: (QuotaItems + 19) / 20, concurrency: BulkOptions.Default.MaxConcurrency, settings.Latency, wall, stats)
            with
        { Lost = lost, Rounds = env.ThrottleEvents.Rounds, Failures = row.Failures };
        _quotas.Add(quota);
        var pass = quota.TimePass && stats.ThrottledShare <= 0.05 && lost == 0 && row.WrongResults == 0;
        _rows.Add(row with { Target = "<= 1.15x min time, <= 5% 429, 0 lost", Pass = pass });
    }

    private static IEntraBulkActions Bulk(BenchEnvironment env, bool useGetByIds) =>
        env.Bulk(useGetByIds ? BenchEnvironment.WithDirectoryRead : BenchEnvironment.SeedScopes);

    private static async Task<(string[] Results, TimeSpan Wall, JournalStats Stats)> MeasureAsync(BenchEnvironment env, Func<Task<string[]>> run)
    {
        var before = env.Emulator.Journal.Count;
        var started = Stopwatch.GetTimestamp();
        var results = await run();
        var wall = Stopwatch.GetElapsedTime(started);
        var stats = JournalStats.From([.. env.Emulator.Journal.Entries.Skip(before)]);
        return (results, wall, stats);
    }

    /// <summary>Items in the wrong final state, plus items whose membership write was applied more than once.</summary>
    private static int LostForMembership(BenchEnvironment env, List<string> ids, Func<string, bool> shouldBeMember, JournalStats stats)
    {
        var members = env.Emulator.Directory.GetMemberIds(BenchEnvironment.Group).Select(g => g.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return ids.Count(id => members.Contains(id) != shouldBeMember(id) || stats.AppliedWritesPerMember.GetValueOrDefault(id.ToLowerInvariant()) > 1);
    }

    private static ScenarioRow Row(string scenario, string approach, int items, JournalStats stats, TimeSpan wall, int lost, string[] results, string[] expected)
    {
        var failures = results.Where(r => r.StartsWith("Failed:", StringComparison.Ordinal)).GroupBy(r => r[7..]).ToDictionary(g => g.Key, g => g.Count());
        return new ScenarioRow
        {
            Scenario = scenario,
            Approach = approach,
            Items = items,
            Stats = stats,
            Wall = wall,
            Lost = lost,
            WrongResults = results.Where((r, i) => r != expected[i]).Count(),
            Failures = failures,
            Target = string.Empty,
            Pass = null,
        };
    }

    private void Print()
    {
        string[] header = ["Scenario", "Approach", "Items", "HTTP req", "Writes", "429s", "Wall time", "Lost", "Wrong", "Target", "Result"];
        var lines = _rows.Select(r => new[]
        {
            r.Scenario, r.Approach, N(r.Items), N(r.Stats.HttpRequests), N(r.Stats.WritesConsumed), N(r.Stats.Throttled),
            $"{r.Wall.TotalSeconds:0.00} s", N(r.Lost), N(r.WrongResults), r.Target, r.Pass switch { true => "PASS", false => "MISS", null => "-" },
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, lines.Count == 0 ? 0 : lines.Max(l => l[i].Length))).ToArray();
        bool[] right = [false, false, true, true, true, true, true, true, true, false, false];
        string Format(string[] cells) => "| " + string.Join(" | ", cells.Select((c, i) => right[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))) + " |";
        output.WriteLine(Format(header));
        output.WriteLine("|" + string.Join("|", widths.Select((w, i) => right[i] ? new string('-', w + 1) + ":" : ":" + new string('-', w + 1))) + "|");
        foreach (var line in lines)
        {
            output.WriteLine(Format(line));
        }

        output.WriteLine();
        output.WriteLine("HTTP req: requests on the wire (journal entries that are not $batch steps). Writes: write operations that reached Graph's");
        output.WriteLine("write bucket ($batch steps one by one, a PATCH bind of 20 as one; 429-refused writes excluded). 429s: responses 429, steps");
        output.WriteLine("included. Lost: items whose final membership is wrong, or whose write was applied twice (lookups: user not returned).");
        output.WriteLine("Wrong: items whose reported result differs from the truth. Naive: one GraphServiceClient call per item, 4 in flight,");
        output.WriteLine("plain HttpClient (no retry handler). Bulk: IEntraBulkActions with default options (MaxConcurrency 4).");

        foreach (var q in _quotas)
        {
            output.WriteLine();
            output.WriteLine(q.Describe());
        }

        output.WriteLine();
        output.WriteLine("Requests per route (HTTP requests, ids replaced by {id}):");
        foreach (var r in _rows.Where(r => r.Approach != "naive"))
        {
            var routes = string.Join(", ", r.Stats.RequestsByRoute.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} x{kv.Value}"));
            var failures = r.Failures.Count == 0 ? string.Empty : "; failed items: " + string.Join(", ", r.Failures.Select(kv => $"{kv.Key} x{kv.Value}"));
            output.WriteLine($"- {r.Scenario} / {r.Approach}: {routes}{failures}");
        }

        var naiveFailures = _rows.Where(r => r.Approach == "naive" && r.Failures.Count > 0).ToList();
        foreach (var r in naiveFailures)
        {
            output.WriteLine($"- {r.Scenario} / naive: failed items: {string.Join(", ", r.Failures.Select(kv => $"{kv.Key} x{kv.Value}"))}");
        }
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary>Command-line settings of the scenario mode.</summary>
internal sealed record ScenarioSettings(TimeSpan Latency, double TimeScale, RetryAfterFormat RetryAfterFormat, bool BothRetryAfterFormats);

/// <summary>The quota scenario's theoretical minimum and how the run compares.</summary>
internal sealed record QuotaReport(
    double TimeScale, int Quota, TimeSpan Window, int Writes, TimeSpan QuotaMinimum, TimeSpan LatencyFloor, TimeSpan Minimum, TimeSpan Actual,
    double Ratio, JournalStats Stats, RetryAfterFormat Format)
{
    public int Lost { get; init; }

    public IReadOnlyList<(int Throttled, int Steps, double DelayMs)> Rounds { get; init; } = [];

    public IReadOnlyDictionary<string, int> Failures { get; init; } = new Dictionary<string, int>();

    /// <summary>The time target only counts for a complete run: finishing early by dropping items is not speed.</summary>
    public bool TimePass => Ratio <= 1.15 && Lost == 0;

    /// <summary>
    /// The emulator's write bucket starts full (its first charge sets it to the quota) and refills continuously at
    /// quota / (window / scale). So W writes can finish no earlier than (W - quota) / rate; with W below the quota, only
    /// the round trips bound it. The round-trip floor: ceil(W / 20) $batch requests, <paramref name="concurrency"/> in flight.
    /// </summary>
    public static QuotaReport Compute(ThrottlingOptions t, int writes, int batches, int concurrency, TimeSpan latency, TimeSpan actual, JournalStats stats)
    {
        var window = t.WriteWindow / t.TimeScale;
        var rate = t.WriteQuota / window.TotalSeconds; // writes per (real) second
        var quotaMin = TimeSpan.FromSeconds(Math.Max(0, writes - t.WriteQuota) / rate);
        var floor = latency * Math.Ceiling((double)batches / concurrency);
        var min = quotaMin > floor ? quotaMin : floor;
        return new QuotaReport(t.TimeScale, t.WriteQuota, t.WriteWindow, writes, quotaMin, floor, min, actual, actual / min, stats, t.RetryAfterFormat);
    }

    public string Describe()
    {
        var text = new StringBuilder();
        var scaledWindow = Window / TimeScale;
        text.AppendLine(CultureInfo.InvariantCulture, $"Quota scenario: write bucket {Quota:N0} writes per {Window.TotalSeconds:0} s, TimeScale {TimeScale:0.##} (window {scaledWindow.TotalSeconds:0.###} s real,");
        text.AppendLine(CultureInfo.InvariantCulture, $"  refill {Quota / scaledWindow.TotalSeconds:N0} writes/s), bucket starts FULL, Retry-After format {Format}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Theoretical minimum: ({Writes:N0} - {Quota:N0}) / {Quota / scaledWindow.TotalSeconds:N0} per s = {QuotaMinimum.TotalSeconds:0.00} s (quota bound);");
        text.AppendLine(CultureInfo.InvariantCulture, $"  round-trip floor {LatencyFloor.TotalSeconds:0.00} s; minimum = {Minimum.TotalSeconds:0.00} s (unscaled: {Minimum.TotalSeconds * TimeScale:0} s of Graph time).");
        if (Format == RetryAfterFormat.WholeSeconds && TimeScale != 1)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  Whole seconds are rounded in Graph time and then compressed: Graph's \"Retry-After: 1\" arrives as {1 / TimeScale:0.###} s.");
        }

        var incomplete = Lost == 0 ? string.Empty : $" -- but the run is INCOMPLETE ({Lost:N0} items not removed), so the time target is not met";
        text.AppendLine(CultureInfo.InvariantCulture, $"  Actual {Actual.TotalSeconds:0.00} s, ratio actual/minimum {Ratio:0.00} (target <= 1.15){incomplete}: {(TimePass ? "PASS" : "MISS")}.");
        text.Append(CultureInfo.InvariantCulture, $"  429 share: {Stats.Throttled:N0} of {Stats.Operations:N0} Graph operations ($batch steps + other requests) = {Stats.ThrottledShare:P1} (target <= 5%): {(Stats.ThrottledShare <= 0.05 ? "PASS" : "MISS")};");
        text.AppendLine(CultureInfo.InvariantCulture, $" write steps sent {Stats.WritesConsumed + Stats.WritesThrottled:N0} for {Writes:N0} removals,");
        text.AppendLine(CultureInfo.InvariantCulture, $"  in {Stats.RequestsByRoute.GetValueOrDefault("POST /v1.0/$batch"):N0} $batch requests (minimum {(Writes + 19) / 20:N0}).");
        if (Rounds.Count > 0)
        {
            var delays = Rounds.Select(r => r.DelayMs).Order().ToList();
            text.AppendLine(CultureInfo.InvariantCulture, $"  Library on 429 steps: {Rounds.Count:N0} resend rounds (log 3002), {Rounds.Sum(r => r.Throttled):N0} of {Rounds.Sum(r => r.Steps):N0} steps in those batches throttled;");
            text.AppendLine(CultureInfo.InvariantCulture, $"  pause before resending (largest step Retry-After): min {delays[0]:0.#} ms, median {delays[delays.Count / 2]:0.#} ms, max {delays[^1]:0.#} ms.");
        }

        var failures = Failures.Count == 0 ? "none" : string.Join(", ", Failures.Select(kv => $"{kv.Key} x{kv.Value:N0}"));
        text.Append(CultureInfo.InvariantCulture, $"  Items reported failed: {failures}; items lost (still members or removed twice): {Lost:N0}.");
        return text.ToString();
    }
}
