using System.Diagnostics;
using Entra.Actions.Benchmarks.Scenarios;
using Entra.Actions.Emulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.Benchmarks.Cluster;

/// <summary>
/// One worker node: its own service provider (own HTTP connections, own connection state, own logging), the same app and
/// tenant in its token as every other node, a send log below the library's gate, and a fixed wire latency per request.
/// Coordinated, it registers the Redis throttle store; otherwise it throttles on its own.
/// </summary>
internal sealed class ClusterNode : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public ClusterNode(int index, Uri graphBaseUrl, TimeSpan latency, string? redis)
    {
        Index = index;
        Sends = new SendLog(index);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(Store).AddProvider(Rounds));
        services.AddEntraActions(o =>
        {
            o.GraphBaseUrl = graphBaseUrl;
            o.Credential = EmulatorCredential.ForApplication(BenchEnvironment.SeedScopes);
        }).ConfigurePrimaryHttpMessageHandler(() => new SendLogHandler(Sends, new WireLatencyHandler(latency, new SocketsHttpHandler())));
        if (redis is not null)
        {
            services.AddEntraRedisThrottling(redis);
        }

        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Bulk = _provider.GetRequiredService<IEntraBulkActions>();
    }

    public int Index { get; }

    public IEntraBulkActions Bulk { get; }

    public SendLog Sends { get; }

    /// <summary>This node's throttle-store warnings and recoveries.</summary>
    public StoreEvents Store { get; } = new();

    /// <summary>This node's throttled <c>$batch</c> rounds (log 3002).</summary>
    public ThrottleEventCounter Rounds { get; } = new();

    /// <summary>When this node's last removal call returned, from the run's start.</summary>
    public TimeSpan Finished { get; private set; }

    /// <summary>
    /// One read of the node's group before the run, as a node that has been up for a while: its HTTP connection, its token and,
    /// coordinated, its Redis connection are open when the work starts (a read costs no write quota).
    /// </summary>
    public async Task WarmAsync(Guid group)
    {
        var result = await _provider.GetRequiredService<IEntraActions>().LookupGroupAsync(group.ToString());
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Node {Index} could not read its group before the run: {result.Error?.Kind}.");
        }

        Sends.Clear();
    }

    /// <summary>Removes <paramref name="ids"/> from <paramref name="group"/> and returns each item's outcome.</summary>
    public async Task<string[]> RemoveAsync(Guid group, IReadOnlyList<string> ids, BulkOptions options, long runStarted)
    {
        var result = await Bulk.RemoveMembersFromGroupAsync(group.ToString(), ids, options);
        Finished = Stopwatch.GetElapsedTime(runStarted);
        return [.. result.Items.Select(Outcomes.Of)];
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
