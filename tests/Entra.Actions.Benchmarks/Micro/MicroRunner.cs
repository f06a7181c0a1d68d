using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Entra.Actions.Benchmarks.Micro;

/// <summary>Runs <see cref="LookupUserBenchmarks"/> with a short job and prints the ratios against their targets.</summary>
internal static class MicroRunner
{
    private const double TimeRatioTarget = 1.3;
    private const long AllocatedDiffTarget = 8 * 1024;

    public static int Run(TextWriter output, string[] args)
    {
        // In-process toolchain: no generated project to restore and build (the repository pins packages centrally), and a
        // short run (10 warm-ups, 15 iterations, 1 launch) completes in a few minutes on 2 cores.
        var job = Job.ShortRun.WithWarmupCount(10).WithIterationCount(15).WithLaunchCount(1).WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOptions(ConfigOptions.DisableOptimizationsValidator)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "entra-actions-benchmarks"));
        var summary = BenchmarkRunner.Run<LookupUserBenchmarks>(config, args);
        output.WriteLine();
        output.WriteLine("LookupUserAsync vs bare GraphServiceClient (same handler, same credential), targets: <= 1.3x mean time, <= 8 KB more allocated per call");
        output.WriteLine("| Handler  | Bare mean | Bare alloc | Entra.Actions mean | Entra.Actions alloc | Time ratio | Alloc diff | Time | Alloc |");
        output.WriteLine("|:---------|----------:|-----------:|-------------------:|--------------------:|-----------:|-----------:|:-----|:------|");
        var failed = false;
        foreach (var group in summary.Reports.GroupBy(r => r.BenchmarkCase.Parameters["Handler"]?.ToString() ?? string.Empty))
        {
            var bare = group.FirstOrDefault(r => r.BenchmarkCase.Descriptor.Baseline);
            var ours = group.FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == nameof(LookupUserBenchmarks.EntraActionsLookup));
            if (bare?.ResultStatistics is null || ours?.ResultStatistics is null)
            {
                output.WriteLine($"| {group.Key} | (no result) |");
                failed = true;
                continue;
            }

            var ratio = ours.ResultStatistics.Mean / bare.ResultStatistics.Mean;
            var bareAlloc = Allocated(bare);
            var oursAlloc = Allocated(ours);
            var diff = oursAlloc - bareAlloc;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key,-8} | {Us(bare)} | {Kb(bareAlloc)} | {Us(ours),18} | {Kb(oursAlloc),19} | {ratio,9:0.00}x | {Kb(diff),10} | {(ratio <= TimeRatioTarget ? "PASS" : "MISS")} | {(diff <= AllocatedDiffTarget ? "PASS" : "MISS")} |"));
        }

        output.WriteLine();
        output.WriteLine("Diagnostic (no target): GraphServiceClient over GraphClientFactory's default handler chain (what the library ran before it left the SDK):");
        foreach (var sdk in summary.Reports.Where(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == nameof(LookupUserBenchmarks.GraphClientWithDefaultHandlers) && r.ResultStatistics is not null))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {sdk.BenchmarkCase.Parameters["Handler"]}: {Us(sdk)}, {Kb(Allocated(sdk))} per call"));
        }

        return failed ? 1 : 0;
    }

    private static long Allocated(BenchmarkReport report) => report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;

    private static string Us(BenchmarkReport report) => string.Create(CultureInfo.InvariantCulture, $"{report.ResultStatistics!.Mean / 1000:0.0} us");

    private static string Kb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.00} KB");
}
