using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Entra.Actions.Benchmarks.Scale;

/// <summary>
/// Brackets a piece of work: bytes allocated by the whole process (precise), the canned server's own share of them, process
/// CPU time (every thread, the GC's included) and wall time.
/// </summary>
internal readonly struct CostProbe
{
    private readonly CannedGraphHandler _server;
    private readonly CannedCounters _server0;
    private readonly long _bytes0;
    private readonly TimeSpan _cpu0;
    private readonly TimeSpan _threadCpu0;
    private readonly long _ticks0;

    private CostProbe(CannedGraphHandler server)
    {
        _server = server;
        _server0 = server.Counters;
        _ticks0 = Stopwatch.GetTimestamp();
        _cpu0 = Environment.CpuUsage.TotalTime;
        _threadCpu0 = ThreadCpu.Now;
        _bytes0 = GC.GetTotalAllocatedBytes(precise: true);
    }

    public static CostProbe Start(CannedGraphHandler server) => new(server);

    public Cost Stop()
    {
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - _bytes0;
        var threadCpu = ThreadCpu.Now - _threadCpu0;
        var cpu = Environment.CpuUsage.TotalTime - _cpu0;
        var wall = Stopwatch.GetElapsedTime(_ticks0);
        return new Cost(bytes, _server.Counters.Since(_server0), cpu, threadCpu, wall);
    }
}

/// <summary>
/// CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>, nanosecond resolution): the work of a loop that stays
/// on one thread, without the process's other threads (tiered JIT, timers). Zero where the clock is not available.
/// </summary>
internal static class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    public static TimeSpan Now =>
        OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTimeId, out var time) == 0
            ? TimeSpan.FromTicks((time.Seconds * TimeSpan.TicksPerSecond) + (time.Nanoseconds / 100))
            : TimeSpan.Zero;

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clockId, out Timespec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}

/// <summary>What a piece of work cost; <see cref="ClientBytes"/> is the process's allocations minus the canned server's;
/// <see cref="Cpu"/> is the whole process's; <see cref="ThreadCpu"/> the calling thread's.</summary>
internal sealed record Cost(long RawBytes, CannedCounters Server, TimeSpan Cpu, TimeSpan ThreadCpu, TimeSpan Wall)
{
    public long ServerBytes => Server.ServerBytes;

    public long ClientBytes => RawBytes - Server.ServerBytes;
}
