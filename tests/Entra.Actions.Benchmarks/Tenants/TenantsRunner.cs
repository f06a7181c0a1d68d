using System.Globalization;

namespace Entra.Actions.Benchmarks.Tenants;

/// <summary>
/// The <c>tenants</c> mode: what many idle connections cost a host, measured per connection count through the public
/// connection API (<see cref="IEntraConnectionFactory"/>) on the canned in-process handler, against the tenant targets.
/// </summary>
internal sealed class TenantsRunner(IReadOnlyList<int> counts, TextWriter output)
{
    public static readonly IReadOnlyList<int> DefaultCounts = [10_000, 100_000];

    private const double HeapTargetKb = 10;
    private const double IdleCpuTarget = 0.02;
    private const int IdleCpuTargetConnections = 100_000;
    private static readonly TimeSpan ReleaseTarget = TimeSpan.FromSeconds(1);

    public async Task<int> RunAsync()
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        output.WriteLine("Entra.Actions tenants: idle connections through IEntraConnectionFactory on a canned in-process Graph (no sockets).");
        output.WriteLine($"Runtime {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} cores, " +
            $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        output.WriteLine("Targets: <= 10 KB of heap per idle connection and <= 2% of one core idle CPU at 100,000 connections; " +
            "a removed connection's memory released within one second of removal.");

        var allPass = true;
        foreach (var count in counts)
        {
            output.WriteLine();
            output.WriteLine($"{count:N0} connections:");
            await using var tenants = new IdleTenants(count, output);
            allPass &= Print(await tenants.RunAsync());
        }

        return allPass ? 0 : 1;
    }

    private bool Print(TenantFigures f)
    {
        var builtKb = f.BuiltHeapBytesPerConnection / 1024.0;
        var idleKb = f.IdleHeapBytesPerConnection / 1024.0;
        var heapPass = f.Verified && f.AllDropped && idleKb <= HeapTargetKb;
        var cpuPass = f.Verified && f.AllDropped && f.IdleCpuShare <= IdleCpuTarget;
        var releasePass = f.ReleaseBatchRebuilt && f.ReleasedAfter is { } released && released <= ReleaseTarget;
        var cpuNote = f.Connections >= IdleCpuTargetConnections
            ? string.Empty
            : $" (target is set at {IdleCpuTargetConnections:N0}; checked here at {f.Connections:N0})";
        var builtNote = f.DroppedBeforeBuiltFigures == 0
            ? string.Empty
            : $" ({f.DroppedBeforeBuiltFigures:N0} connections had already dropped their services: the built figures are too low)";
        output.WriteLine($"  info  heap per connection while built (each used once, the last just now): {builtKb:N1} KB{builtNote}");
        output.WriteLine($"  info  idle CPU over {IdleTenants.IdleWindow.TotalSeconds:0} s with the connections built: {f.IdleCpuShareBuilt:0.00%} of one core");
        output.WriteLine($"  {Verdict(heapPass)}  heap per idle connection (after the idle timeout of {f.IdleTimeout.TotalSeconds:0} s; " +
            $"{f.Dropped:N0} of {f.Connections:N0} dropped): {idleKb:N2} KB (target <= {HeapTargetKb:0} KB)");
        output.WriteLine($"  {Verdict(cpuPass)}  idle CPU over {IdleTenants.IdleWindow.TotalSeconds:0} s: {f.IdleCpuShare:0.00%} of one core (target <= {IdleCpuTarget:0%}){cpuNote}; " +
            $"{f.IdleCpuShareWithout:0.00%} over the same window before the connections were built");
        output.WriteLine($"  info  timers (Timer.ActiveCount): {f.TimersBefore:N0} before, {f.TimersBuilt:N0} with the connections built, " +
            $"{f.TimersIdle:N0} once they were idle");
        var release = f.ReleasedAfter is { } r
            ? $"{r.TotalMilliseconds:N0} ms"
            : $"not released within {IdleTenants.ReleaseCap.TotalSeconds:0} s ({f.ReleaseAlive:N0} of {f.ReleaseTracked:N0} objects still alive)";
        output.WriteLine($"  {Verdict(releasePass)}  release of {IdleTenants.ReleaseBatch:N0} removed connections (built, just used; " +
            $"{f.ReleaseTracked:N0} objects watched): {release} (target <= {ReleaseTarget.TotalSeconds:0} s)");
        return heapPass && cpuPass && releasePass;
    }

    private static string Verdict(bool pass) => pass ? "PASS" : "FAIL";
}
