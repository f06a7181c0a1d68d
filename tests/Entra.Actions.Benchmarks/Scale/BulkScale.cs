using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.Benchmarks.Scale;

/// <summary>
/// Bulk add, remove and lookup of 100,000 items each through <see cref="IEntraBulkActions"/> with the default options, against
/// the canned server: allocations per item (client share), and the live heap after each of 16 consecutive adds on one host.
/// </summary>
internal sealed class BulkScale(ScaleHost host, TextWriter output)
{
    public const int Items = 100_000;
    public const int HeapRuns = 16;

    public async Task<BulkFigures> RunAsync()
    {
        var bulk = host.BuildProvider().GetRequiredService<IEntraBulkActions>();
        await WarmUpAsync(bulk);

        var lookup = await RunOnceAsync("lookup", bulk, 1001, collectFirst: true, static (bulk, ids) => Verify(bulk.LookupUsersAsync(ids), ids, static (item, input) => item.Value?.Id == input), server => server.UsersReturned);
        var remove = await RunOnceAsync("remove", bulk, 1002, collectFirst: true, static (bulk, ids) => Verify(bulk.RemoveMembersFromGroupAsync(ScaleHost.GroupId, ids), ids, static (item, input) => item.Value is { Outcome: MembershipOutcome.Removed } v && v.MemberId == input), server => server.Removed);
        var adds = new List<BulkRun>(HeapRuns);
        for (var run = 1; run <= HeapRuns; run++)
        {
            var add = await RunOnceAsync($"add #{run}", bulk, run, collectFirst: run == 1, static (bulk, ids) => Verify(bulk.AddUsersToGroupAsync(ScaleHost.GroupId, ids), ids, static (item, input) => item.Value is { Outcome: MembershipOutcome.Added } v && v.MemberId == input), server => server.Bound);
            adds.Add(add with { LiveHeapAfter = ScaleHost.LiveHeap(), PooledAfter = StreamPoolProbe.FreePooledBytes() });
        }

        return new BulkFigures(lookup, remove, adds);
    }

    /// <summary>JIT, tiering and first-use caches are paid here, not by the measured calls.</summary>
    private static async Task WarmUpAsync(IEntraBulkActions bulk)
    {
        for (var round = 0; round < 3; round++)
        {
            var ids = ScaleHost.Ids(900 + round, 3000);
            await bulk.LookupUsersAsync(ids);
            await bulk.AddUsersToGroupAsync(ScaleHost.GroupId, ids);
            await bulk.RemoveMembersFromGroupAsync(ScaleHost.GroupId, ids);
        }
    }

    /// <summary>One measured call on fresh ids; the ids are built before and the result is dropped before the figures are taken.</summary>
    private async Task<BulkRun> RunOnceAsync(
        string name,
        IEntraBulkActions bulk,
        int seed,
        bool collectFirst,
        Func<IEntraBulkActions, List<string>, Task<int>> call,
        Func<CannedCounters, long> served)
    {
        var ids = ScaleHost.Ids(seed, Items);
        var heapBefore = collectFirst ? ScaleHost.LiveHeap() : 0; // a later add starts where the previous one's heap figure was taken.
        var probe = CostProbe.Start(host.Server);
        var correct = await call(bulk, ids);
        var cost = probe.Stop();
        var run = new BulkRun(name, Items, correct, served(cost.Server), cost, heapBefore, 0, null);
        output.WriteLine(
            $"  {name,-10} {cost.Wall.TotalSeconds,6:0.00} s wall, {cost.Cpu.TotalSeconds,6:0.00} s CPU, raw {Kb(cost.RawBytes / (double)Items),8}/item, " +
            $"server {Kb(cost.ServerBytes / (double)Items),8}/item, client {Kb(cost.ClientBytes / (double)Items),8}/item, {correct:N0}/{Items:N0} correct, server handled {run.Served:N0}");
        return run;
    }

    /// <summary>Runs the call and counts the items whose result is the expected one for their input, in input order.</summary>
    private static async Task<int> Verify<T>(Task<BulkResult<T>> call, List<string> inputs, Func<EntraActionResult<T>, string, bool> isCorrect)
    {
        var result = await call;
        if (result.Items.Count != inputs.Count)
        {
            return 0;
        }

        var correct = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            var item = result.Items[i];
            if (item.Result.Succeeded && item.Input == inputs[i] && isCorrect(item.Result, inputs[i]))
            {
                correct++;
            }
        }

        return correct;
    }

    public static string Kb(double bytes) => $"{bytes / 1024:0.00} KB";
}

/// <summary>One measured bulk call: items sent, items whose result was right, what the server did, its cost, the live heap before it (ids built) and after it (adds), and
/// how much of that heap is free stream-pool buffers (<see cref="StreamPoolProbe"/>).</summary>
internal sealed record BulkRun(string Name, int Items, int Correct, long Served, Cost Cost, long LiveHeapBefore, long LiveHeapAfter, long? PooledAfter)
{
    /// <summary>Every item right, and the server bound, removed or returned each item once (lookups: at least once).</summary>
    public bool Verified => Correct == Items && (Name == "lookup" ? Served >= Items : Served == Items);

    public double ClientBytesPerItem => Cost.ClientBytes / (double)Items;
}

internal sealed record BulkFigures(BulkRun Lookup, BulkRun Remove, IReadOnlyList<BulkRun> Adds);
