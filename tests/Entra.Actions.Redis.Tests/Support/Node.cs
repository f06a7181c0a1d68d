using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.Redis.Tests.Support;

/// <summary>
/// One node of a cluster: its own service provider (AddEntraActions against the shared emulator, and the Redis store when
/// a connection string is given), sharing nothing with the other nodes but Redis and the emulator.
/// </summary>
public sealed class Node : IAsyncDisposable
{
    public static readonly string[] Permissions = ["User.Read.All", "Group.Read.All", "GroupMember.Read.All", "GroupMember.ReadWrite.All"];

    private readonly ServiceProvider _provider;

    private Node(ServiceProvider provider, LogCapture logs)
    {
        _provider = provider;
        Logs = logs;
    }

    public LogCapture Logs { get; }

    public IEntraActions Actions => _provider.GetRequiredService<IEntraActions>();

    public IEntraBulkActions Bulk => _provider.GetRequiredService<IEntraBulkActions>();

    public IServiceProvider Services => _provider;

    /// <summary>
    /// A node whose token is the demo tenant's application token (unless <paramref name="credential"/> says otherwise), sharing
    /// throttling through <paramref name="redis"/> unless it is <see langword="null"/>, with a 5 s operation timeout unless
    /// <paramref name="store"/> sets another. Its Redis connection is opened first
    /// (unless <paramref name="connect"/> is false): a first store call that connects can outlast the operation timeout on a
    /// loaded machine, and the node would then throttle on its own for a retry interval, which is not what a test looks at.
    /// </summary>
    public static async Task<Node> StartAsync(
        GraphEmulator emulator,
        string? redis,
        string prefix,
        TokenCredential? credential = null,
        Action<EntraThrottleStoreOptions>? store = null,
        bool connect = true)
    {
        var logs = new LogCapture();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs));
        services.AddEntraActions(o =>
        {
            o.GraphBaseUrl = new Uri(GraphEmulator.InProcessBaseUrl);
            o.Credential = credential ?? EmulatorCredential.ForApplication(Permissions);
        }).ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler);
        if (redis is not null)
        {
            services.AddEntraRedisThrottling(redis, o => o.KeyPrefix = prefix);

            // Tests of what is shared must not see a busy test machine's slow call fall back; the outage tests set their own.
            services.Configure<EntraThrottleStoreOptions>(o => o.OperationTimeout = TimeSpan.FromSeconds(5));
            if (store is not null)
            {
                services.Configure(store);
            }
        }

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        if (redis is not null && connect)
        {
            // Connects, and loads a script; neither writes a key.
            var connecting = provider.GetRequiredService<IEntraThrottleStore>();
            await connecting.GetPauseAsync(new EntraThrottleScope("connect", "connect"));
            await connecting.ReserveWritesAsync(new EntraThrottleScope("connect", "connect"), 1, TimeSpan.Zero);
        }

        return new Node(provider, logs);
    }

    /// <summary>Checks that the node never fell back to local throttling (warning 8000), which would make a timing assertion meaningless.</summary>
    public void ShouldHaveUsedTheStoreThroughout() =>
        Logs.Count(8000).Should().Be(0, "the store answered every call: {0}", string.Join("; ", Logs.Entries.Where(e => e.Id.Id == 8000).Select(e => e.Message)));

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
