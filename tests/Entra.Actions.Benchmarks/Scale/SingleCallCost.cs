using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Graph;

namespace Entra.Actions.Benchmarks.Scale;

/// <summary>
/// One user lookup three ways, over the same canned handler and credential: a bare <c>GraphServiceClient.Users[id].GetAsync()</c>
/// (the baseline), <see cref="IEntraActions.LookupUserAsync(string, CancellationToken)"/>, and
/// <see cref="IEntraActionInvoker.InvokeAsync"/> of <c>entra.lookup_user</c>. Blocks of <see cref="Calls"/> calls run
/// interleaved for <see cref="Rounds"/> rounds after one dropped round (the order rotates); each variant's figure is the median
/// of its blocks, a ratio the median of the per-round ratios.
/// </summary>
internal sealed class SingleCallCost(ScaleHost host, TextWriter output)
{
    public const int Calls = 20_000;
    public const int Rounds = 5;
    private const int WarmUpCalls = 5_000;

    public async Task<SingleCallFigures> RunAsync()
    {
        var provider = host.BuildProvider();
        var actions = provider.GetRequiredService<IEntraActions>();
        var invoker = provider.GetRequiredService<IEntraActionInvoker>();
        using var graph = host.BareGraphClient();
        var inputs = new JsonObject { ["userId"] = ScaleHost.UserId };
        Func<int, Task<int>>[] variants =
        [
            n => BareAsync(graph, n),
            n => LibraryAsync(actions, n),
            n => InvokerAsync(invoker, inputs, n),
        ];

        foreach (var variant in variants)
        {
            await variant(WarmUpCalls);
        }

        // Round -1 runs like the others and is dropped: the first full-size blocks still ran slower (tiering, GC tuning).
        var blocks = variants.Select(_ => new List<(Cost Cost, int Correct)>()).ToArray();
        var onOneThread = true;
        for (var round = -1; round < Rounds; round++)
        {
            for (var k = 0; k < variants.Length; k++)
            {
                var v = (round + 1 + k) % variants.Length;
                ScaleHost.LiveHeap();
                var probe = CostProbe.Start(host.Server);
                var block = variants[v](Calls);

                // Completed before the first await: the block ran on this thread alone, so this thread's CPU time is its cost.
                onOneThread &= block.IsCompleted;
                var correct = await block;
                var cost = probe.Stop();
                if (round >= 0)
                {
                    blocks[v].Add((cost, correct));
                }
            }
        }

        var figures = new SingleCallFigures(
            Figure("bare GraphServiceClient", blocks[0], onOneThread),
            Figure("IEntraActions.LookupUserAsync", blocks[1], onOneThread),
            Figure("invoker entra.lookup_user", blocks[2], onOneThread),
            onOneThread);
        output.WriteLine(onOneThread
            ? "  CPU = the measuring thread's CPU time (every block completed synchronously on it; the canned handler answers inline)."
            : "  CPU = process CPU time (some block left the measuring thread, so its thread CPU time would miss work).");
        foreach (var f in new[] { figures.Bare, figures.Library, figures.Invoker })
        {
            output.WriteLine($"  {f.Name,-30} CPU {f.CpuMicros,6:0.00} us/call (blocks {Join(f.BlockCpuMicros)}; process CPU blocks {Join(f.BlockProcessCpuMicros)}), " +
                $"client {f.ClientBytes,8:N0} B/call (raw {f.RawBytes:N0}, server {f.ServerBytes:N0}), {f.Correct:N0}/{f.Calls:N0} correct");
        }

        return figures;
    }

    private static string Join(double[] values) => string.Join(" ", values.Select(c => c.ToString("0.0", CultureInfo.InvariantCulture)));

    private static SingleCallVariant Figure(string name, List<(Cost Cost, int Correct)> blocks, bool threadCpu)
    {
        var processCpu = blocks.Select(b => b.Cost.Cpu.TotalMicroseconds / Calls).ToArray();
        var cpu = threadCpu ? blocks.Select(b => b.Cost.ThreadCpu.TotalMicroseconds / Calls).ToArray() : processCpu;
        var client = blocks.Select(b => b.Cost.ClientBytes / (double)Calls).ToArray();
        return new SingleCallVariant(
            name,
            cpu,
            processCpu,
            client,
            Median(blocks.Select(b => b.Cost.RawBytes / (double)Calls)),
            Median(blocks.Select(b => b.Cost.ServerBytes / (double)Calls)),
            blocks.Sum(b => b.Correct),
            blocks.Count * Calls);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static async Task<int> BareAsync(GraphServiceClient graph, int calls)
    {
        var correct = 0;
        for (var i = 0; i < calls; i++)
        {
            var user = await graph.Users[ScaleHost.UserId].GetAsync();
            correct += user?.Id == ScaleHost.UserId ? 1 : 0;
        }

        return correct;
    }

    private static async Task<int> LibraryAsync(IEntraActions actions, int calls)
    {
        var correct = 0;
        for (var i = 0; i < calls; i++)
        {
            var result = await actions.LookupUserAsync(ScaleHost.UserId);
            correct += result.Value?.Id == ScaleHost.UserId ? 1 : 0;
        }

        return correct;
    }

    private static async Task<int> InvokerAsync(IEntraActionInvoker invoker, JsonObject inputs, int calls)
    {
        var correct = 0;
        for (var i = 0; i < calls; i++)
        {
            var result = await invoker.InvokeAsync("entra.lookup_user", inputs);
            correct += result.Succeeded && result.Outputs.TryGetProperty("id", out var id) && id.GetString() == ScaleHost.UserId ? 1 : 0;
        }

        return correct;
    }
}

/// <summary>
/// One variant's blocks, one per round in round order: CPU per call (thread or process, see <see cref="SingleCallFigures.ThreadCpu"/>),
/// process CPU per call, client bytes per call (raw minus the canned server's); and the medians of raw and server bytes per call.
/// </summary>
internal sealed record SingleCallVariant(string Name, double[] BlockCpuMicros, double[] BlockProcessCpuMicros, double[] BlockClientBytes, double RawBytes, double ServerBytes, int Correct, int Calls)
{
    public double CpuMicros => SingleCallCost.Median(BlockCpuMicros);

    public double ClientBytes => SingleCallCost.Median(BlockClientBytes);

    public bool Verified => Correct == Calls;
}

/// <summary>The three variants; a ratio against the bare SDK is the median of the per-round ratios (the blocks of one round ran back to back).</summary>
internal sealed record SingleCallFigures(SingleCallVariant Bare, SingleCallVariant Library, SingleCallVariant Invoker, bool ThreadCpu)
{
    public static double CpuRatio(SingleCallVariant ours, SingleCallVariant bare) =>
        SingleCallCost.Median(ours.BlockCpuMicros.Select((cpu, round) => cpu / bare.BlockCpuMicros[round]));

    public static double AllocRatio(SingleCallVariant ours, SingleCallVariant bare) =>
        SingleCallCost.Median(ours.BlockClientBytes.Select((bytes, round) => bytes / bare.BlockClientBytes[round]));
}
