using System.Diagnostics;
using System.Globalization;

namespace Entra.Actions.Benchmarks.Scale;

/// <summary>
/// The <c>scale</c> mode: the library's client-side cost against the canned server (<see cref="CannedGraphHandler"/>), checked
/// against the scale targets: allocations per bulk item, heap growth over repeated bulk adds, what a removed connection leaves
/// behind, and the cost of one lookup against the bare Graph SDK.
/// </summary>
internal sealed class ScaleRunner(TextWriter output)
{
    private const double BulkBytesPerItemTarget = 4 * 1024;
    private const double HeapGrowthTarget = 0.10;
    private const double BytesPerConnectionTarget = 1024;
    private const double LibraryRatioTarget = 1.0;
    private const double InvokerRatioTarget = 1.3;

    public async Task<int> RunAsync()
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var clock = Stopwatch.StartNew();
        output.WriteLine("Entra.Actions scale: client-side cost against a canned in-process Graph (no sockets), default options.");
        output.WriteLine($"Runtime {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} cores, " +
            $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        output.WriteLine();

        await using var host = new ScaleHost();
        output.WriteLine($"Connections through IEntraConnectionFactory (handler lifetime {ConnectionLeak.HandlerLifetime.TotalSeconds:0} s), measured first:");
        var connections = await new ConnectionLeak(host, output).RunAsync();
        output.WriteLine();
        output.WriteLine($"Single lookup, {SingleCallCost.Rounds} interleaved rounds (after a dropped one) of {SingleCallCost.Calls:N0} calls per variant (medians):");
        var single = await new SingleCallCost(host, output).RunAsync();
        output.WriteLine();
        output.WriteLine($"Bulk calls, {BulkScale.Items:N0} items each, default BulkOptions (per item: raw = whole process, server = canned server, client = raw - server):");
        var bulk = await new BulkScale(host, output).RunAsync();
        output.WriteLine();

        var rows = Rows(single, bulk, connections);
        Print(rows);
        PrintNotes(host, bulk, clock.Elapsed);
        return rows.All(r => r.Pass == true) ? 0 : 1;
    }

    private static List<Row> Rows(SingleCallFigures single, BulkFigures bulk, LeakFigures leak)
    {
        var rows = new List<Row>();
        var adds = bulk.Adds;
        var addMedian = adds.OrderBy(a => a.ClientBytesPerItem).ElementAt(adds.Count / 2);
        rows.Add(BulkRow($"Bulk add {BulkScale.Items:N0} (median of {adds.Count})", addMedian, adds.All(a => a.Verified)));
        rows.Add(BulkRow($"Bulk remove {BulkScale.Items:N0}", bulk.Remove, bulk.Remove.Verified));
        rows.Add(BulkRow($"Bulk lookup {BulkScale.Items:N0}", bulk.Lookup, bulk.Lookup.Verified));

        var first = adds[0].LiveHeapAfter;
        var last = adds[^1].LiveHeapAfter;
        var growth = (last - first) / (double)first;
        rows.Add(new Row(
            $"Live heap after {adds.Count} bulk adds",
            $"{Mb(first)} -> {Mb(last)} ({growth:+0.0%;-0.0%}), max {Mb(adds.Max(a => a.LiveHeapAfter))}",
            $"<= +{HeapGrowthTarget:0%} vs after the first",
            adds.All(a => a.Verified),
            growth <= HeapGrowthTarget));

        var perConnection = leak.ObjectsAlive / (double)leak.Connections;
        rows.Add(new Row(
            $"Removed connection: objects left ({leak.Connections:N0})",
            $"{perConnection:0.00} per connection ({leak.ObjectsAlive:N0}: {leak.SourcesAlive.Values.Sum():N0} ActivitySource, {leak.MetersAlive.Values.Sum():N0} Meter, {leak.ServicesAlive:N0} connection/service)",
            "0 per connection",
            leak.Verified,
            leak.ObjectsAlive == 0));
        rows.Add(new Row(
            "Removed connection: heap retained",
            $"{leak.BytesPerConnection:N0} B per connection",
            $"< {BytesPerConnectionTarget:N0} B per connection",
            leak.Verified,
            leak.BytesPerConnection < BytesPerConnectionTarget));

        var bothOk = single.Library.Verified && single.Bare.Verified;
        rows.Add(RatioRow("LookupUserAsync vs bare SDK: CPU", SingleCallFigures.CpuRatio(single.Library, single.Bare), single.Library.CpuMicros, single.Bare.CpuMicros, "us", LibraryRatioTarget, bothOk));
        rows.Add(RatioRow("LookupUserAsync vs bare SDK: alloc", SingleCallFigures.AllocRatio(single.Library, single.Bare), single.Library.ClientBytes, single.Bare.ClientBytes, "B", LibraryRatioTarget, bothOk));
        bothOk = single.Invoker.Verified && single.Bare.Verified;
        rows.Add(RatioRow("Invoker lookup_user vs bare SDK: CPU", SingleCallFigures.CpuRatio(single.Invoker, single.Bare), single.Invoker.CpuMicros, single.Bare.CpuMicros, "us", InvokerRatioTarget, bothOk));
        rows.Add(RatioRow("Invoker lookup_user vs bare SDK: alloc", SingleCallFigures.AllocRatio(single.Invoker, single.Bare), single.Invoker.ClientBytes, single.Bare.ClientBytes, "B", InvokerRatioTarget, bothOk));
        return rows;
    }

    private static Row BulkRow(string measure, BulkRun run, bool verified) => new(
        measure,
        $"{Kb(run.ClientBytesPerItem)}/item client (raw {Kb(run.Cost.RawBytes / (double)run.Items)}, server {Kb(run.Cost.ServerBytes / (double)run.Items)})",
        $"<= {Kb(BulkBytesPerItemTarget)}/item",
        verified,
        run.ClientBytesPerItem <= BulkBytesPerItemTarget);

    /// <summary><paramref name="ratio"/> is the median of the per-round ratios; <paramref name="ours"/> and <paramref name="bare"/> the medians per call.</summary>
    private static Row RatioRow(string measure, double ratio, double ours, double bare, string unit, double target, bool verified)
    {
        var format = unit == "us" ? "0.00" : "N0";
        return new Row(measure, $"{ratio:0.00}x ({ours.ToString(format, CultureInfo.InvariantCulture)} vs {bare.ToString(format, CultureInfo.InvariantCulture)} {unit}/call)", $"<= {target:0.0}x", verified, ratio <= target);
    }

    private void Print(List<Row> rows)
    {
        var w0 = Math.Max(7, rows.Max(r => r.Measure.Length));
        var w1 = Math.Max(6, rows.Max(r => r.Figure.Length));
        var w2 = Math.Max(6, rows.Max(r => r.Target.Length));
        output.WriteLine($"| {"Measure".PadRight(w0)} | {"Figure".PadRight(w1)} | {"Target".PadRight(w2)} | Verified | Result |");
        output.WriteLine($"|:{new string('-', w0)}-|-{new string('-', w1)}:|:{new string('-', w2)}-|:---------|:-------|");
        foreach (var r in rows)
        {
            var result = !r.Verified ? "NO FIGURE" : r.Pass == true ? "PASS" : "FAIL";
            output.WriteLine($"| {r.Measure.PadRight(w0)} | {r.Figure.PadLeft(w1)} | {r.Target.PadRight(w2)} | {(r.Verified ? "yes" : "NO"),-8} | {result,-6} |");
        }
    }

    private void PrintNotes(ScaleHost host, BulkFigures bulk, TimeSpan elapsed)
    {
        output.WriteLine();
        output.WriteLine("Verified: every item of every measured call had the expected result (Added / Removed / the user with that id) and the server");
        output.WriteLine("handled exactly one bind / delete / user per item; every single call returned the user. A run that fails this gives no figure.");
        output.WriteLine($"Requests per bulk call: add {bulk.Adds[0].Cost.Server.Describe()}; remove {bulk.Remove.Cost.Server.Describe()}; lookup {bulk.Lookup.Cost.Server.Describe()}.");
        output.WriteLine($"Bulk add wall time per call: median {bulk.Adds.Select(a => a.Cost.Wall.TotalSeconds).Order().ElementAt(bulk.Adds.Count / 2):0.00} s; " +
            $"live heap before the first add {Mb(bulk.Adds[0].LiveHeapBefore)} (its 100,000 ids included), after each add (MB): {string.Join(", ", bulk.Adds.Select(a => (a.LiveHeapAfter / 1048576.0).ToString("0", CultureInfo.InvariantCulture)))}.");
        if (bulk.Adds[^1].PooledAfter is not null)
        {
            output.WriteLine($"  of which free buffers in RecyclableMemoryStreamManager pools (MB): {string.Join(", ", bulk.Adds.Select(a => ((a.PooledAfter ?? 0) / 1048576.0).ToString("0", CultureInfo.InvariantCulture)))}.");
        }

        if (host.Server.Unanswered.Count > 0)
        {
            output.WriteLine("The canned server had no answer for: " + string.Join("; ", host.Server.Unanswered.Select(p => $"{p.Key} x{p.Value}")));
        }

        output.WriteLine($"Total run time {elapsed.TotalSeconds:0} s.");
    }

    private static string Kb(double bytes) => $"{bytes / 1024:0.00} KB";

    private static string Mb(long bytes) => $"{bytes / 1048576.0:0.0} MB";

    private sealed record Row(string Measure, string Figure, string Target, bool Verified, bool? Pass);
}
