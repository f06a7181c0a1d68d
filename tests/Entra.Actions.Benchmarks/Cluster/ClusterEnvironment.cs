using Entra.Actions.Emulator;

namespace Entra.Actions.Benchmarks.Cluster;

/// <summary>
/// One emulator served on loopback by Kestrel (one tenant, so one app + tenant throttle bucket for every node's token), with
/// one group per node, each holding that node's share of freshly seeded users. Nodes are added with <see cref="AddNode"/>.
/// </summary>
internal sealed class ClusterEnvironment : IAsyncDisposable
{
    private readonly EmulatorServer _server;
    private readonly List<ClusterNode> _nodes = [];

    private ClusterEnvironment(EmulatorServer server, IReadOnlyList<Guid> groups, IReadOnlyList<List<string>> members)
    {
        _server = server;
        Groups = groups;
        Members = members;
    }

    public GraphEmulator Emulator => _server.Emulator;

    public Uri BaseUrl => _server.BaseUrl;

    /// <summary>Node i's group.</summary>
    public IReadOnlyList<Guid> Groups { get; }

    /// <summary>Node i's members to remove (user ids).</summary>
    public IReadOnlyList<List<string>> Members { get; }

    public IReadOnlyList<ClusterNode> Nodes => _nodes;

    /// <summary>Seeds one group per entry of <paramref name="perNode"/> (node i's group gets perNode[i] new members) in the demo tenant and starts Kestrel.</summary>
    public static async Task<ClusterEnvironment> StartAsync(IReadOnlyList<int> perNode, Action<ThrottlingOptions> throttling)
    {
        var nodes = perNode.Count;
        var emulator = new GraphEmulator();
        throttling(emulator.Options.Throttling);
        var groups = new List<Guid>(nodes);
        var members = new List<List<string>>(nodes);
        for (var n = 0; n < nodes; n++)
        {
            var ids = new List<Guid>(perNode[n]);
            for (var i = 0; i < perNode[n]; i++)
            {
                var id = Guid.NewGuid();
                emulator.Directory.AddUser(new EmulatedUser { Id = id, DisplayName = $"Cluster User {n}-{i}", UserPrincipalName = $"cluster{n}-{i}-{id:N}@contoso.com" });
                ids.Add(id);
            }

            var group = Guid.NewGuid();
            emulator.Directory.AddGroup(EmulatedGroup.CreateSecurity(group, $"Cluster group {n}"), ids);
            groups.Add(group);
            members.Add([.. ids.Select(id => id.ToString())]);
        }

        var server = await EmulatorServer.StartAsync(emulator);
        return new ClusterEnvironment(server, groups, members);
    }

    /// <summary>A node that shares nothing with the others but the emulator and, when <paramref name="redis"/> is set, Redis.</summary>
    public ClusterNode AddNode(TimeSpan latency, string? redis)
    {
        var node = new ClusterNode(_nodes.Count, BaseUrl, latency, redis);
        _nodes.Add(node);
        return node;
    }

    /// <summary>Warms every node (see <see cref="ClusterNode.WarmAsync"/>) and returns the journal's length, from which the run's entries count.</summary>
    public async Task<int> WarmNodesAsync()
    {
        await Task.WhenAll(_nodes.Select(n => n.WarmAsync(Groups[n.Index])));
        return Emulator.Journal.Count;
    }

    /// <summary>Members still in their group, summed over the groups.</summary>
    public int RemainingMembers() => Groups.Sum(g => Emulator.Directory.GetMemberIds(g).Count);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await _server.DisposeAsync();
    }
}
