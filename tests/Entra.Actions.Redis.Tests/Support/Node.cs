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

    /// <summary>A node whose token is the demo tenant's application token, sharing throttling through <paramref name="redis"/> unless it is <see langword="null"/>.</summary>
    public static Node Start(
        GraphEmulator emulator,
        string? redis,
        string prefix,
        TokenCredential? credential = null,
        Action<EntraThrottleStoreOptions>? store = null,
        Action<EntraActionsOptions>? configure = null)
    {
        var logs = new LogCapture();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs));
        services.AddEntraActions(o =>
        {
            o.GraphBaseUrl = new Uri(GraphEmulator.InProcessBaseUrl);
            o.Credential = credential ?? EmulatorCredential.ForApplication(Permissions);
            configure?.Invoke(o);
        }).ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler);
        if (redis is not null)
        {
            services.AddEntraRedisThrottling(redis, o => o.KeyPrefix = prefix);
            if (store is not null)
            {
                services.Configure(store);
            }
        }

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new Node(provider, logs);
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
