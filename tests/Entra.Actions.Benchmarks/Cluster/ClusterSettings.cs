using Entra.Actions.Emulator;

namespace Entra.Actions.Benchmarks.Cluster;

/// <summary>The cluster scenario's settings: 4 nodes removing 5,000 members each (20,000 of one tenant).</summary>
/// <param name="TimeScale">How much faster than real time the emulator's quota windows pass in the quota runs.</param>
/// <param name="Latency">Wire latency per HTTP request in the quota runs.</param>
/// <param name="RetryAfterFormat">How the emulator writes its own quota 429s' <c>Retry-After</c>.</param>
internal sealed record ClusterSettings(double TimeScale, TimeSpan Latency, RetryAfterFormat RetryAfterFormat)
{
    public int Nodes { get; init; } = 4;

    /// <summary>The phases to run: 1 write quota, 2 Retry-After, 3 Redis stopped midway.</summary>
    public IReadOnlySet<int> Phases { get; init; } = new HashSet<int> { 1, 2, 3 };

    public int ItemsPerNode { get; init; } = 5_000;

    /// <summary>Wire latency in the Retry-After phase: with <see cref="PauseConcurrency"/>, about 400 removals per second per node.</summary>
    public TimeSpan PauseLatency { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Each node's <see cref="BulkOptions.MaxConcurrency"/> in the Retry-After phase.</summary>
    public int PauseConcurrency { get; init; } = 2;

    /// <summary>
    /// Removals of nodes 1 to 3 in the Retry-After phase: at <see cref="PauseLatency"/> and <see cref="PauseConcurrency"/>
    /// about 7.5 s of work, so without coordination they are still sending when the 5 s after the 429 end.
    /// </summary>
    public int PauseItemsPerNode { get; init; } = 3_000;

    /// <summary>
    /// Node 0's removals in the Retry-After phase. After a lone 429 step, a node's write pacer keeps to the rate it measured
    /// across the pause until 150 s pass without another 429, so 5,000 on node 0 would stretch the phase to ~160 s.
    /// </summary>
    public int PauseItemsNode0 { get; init; } = 1_000;

    /// <summary>When the 429 is armed, from the start of the Retry-After run (every node is busy by then).</summary>
    public TimeSpan InjectAfter { get; init; } = TimeSpan.FromSeconds(1);
}
