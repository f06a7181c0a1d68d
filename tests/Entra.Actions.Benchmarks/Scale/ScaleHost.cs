using System.Runtime;
using Azure.Core;
using Entra.Actions.Benchmarks.Micro;
using Entra.Actions.Emulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;

namespace Entra.Actions.Benchmarks.Scale;

/// <summary>
/// The canned server and the clients measured against it, built through the public API only: <c>AddEntraActions</c> with the
/// canned handler as primary handler, or <see cref="IEntraConnectionFactory"/>; and a bare <see cref="GraphServiceClient"/>
/// over the same handler and credential.
/// </summary>
internal sealed class ScaleHost : IAsyncDisposable
{
    public const string GraphBaseUrl = "https://graph.microsoft.com/v1.0";
    public const string GroupId = "5ca1e000-0000-4000-8000-000000000001";
    public const string UserId = "87d349ed-44d7-43e1-9a83-5f2406dee5bd";

    private readonly List<ServiceProvider> _providers = [];

    public CannedGraphHandler Server { get; } = new(GroupId, UserId);

    /// <summary>One pre-minted token (the application permissions the bulk actions need), served from memory like a cached credential.</summary>
    public TokenCredential Credential { get; } = new FixedTokenCredential(
        EmulatorCredential.ForApplication(["User.Read.All", "Group.Read.All", "GroupMember.Read.All", "GroupMember.ReadWrite.All", "Directory.Read.All"]));

    /// <summary>
    /// A single-tenant host: <c>AddEntraActions</c> with the default options, Graph's real base URL, the canned handler; the
    /// write policy's bulk size limit raised to the scale runs' 100,000 items (the default of 10,000 would refuse them).
    /// </summary>
    public ServiceProvider BuildProvider()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEntraActions(o =>
        {
            o.GraphBaseUrl = new Uri(GraphBaseUrl);
            o.Credential = Credential;
            o.Policy.MaxBulkItems = BulkScale.Items;
        }).ConfigurePrimaryHttpMessageHandler(() => Server);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    /// <summary>A multi-tenant host: the connection factory, every connection sending to the canned handler, handlers rotated after <paramref name="handlerLifetime"/>.</summary>
    public IEntraConnectionFactory BuildConnectionFactory(TimeSpan handlerLifetime) => BuildConnectionFactory(handlerLifetime, static _ => { }, static _ => { });

    /// <summary>
    /// The same host with its own settings of the factory (<paramref name="configure"/> runs after the canned handler is set, so it
    /// may wrap <see cref="EntraConnectionFactoryOptions.ConfigureHttpClient"/>) and of logging.
    /// </summary>
    public IEntraConnectionFactory BuildConnectionFactory(TimeSpan handlerLifetime, Action<EntraConnectionFactoryOptions> configure, Action<ILoggingBuilder> logging)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging);
        services.AddEntraConnections(o =>
        {
            o.ConfigureHttpClient = (_, builder) => builder
                .ConfigurePrimaryHttpMessageHandler(() => Server)
                .SetHandlerLifetime(handlerLifetime);
            configure(o);
        });
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<IEntraConnectionFactory>();
    }

    /// <summary>The baseline: the SDK over a plain <see cref="HttpClient"/> on the same handler and credential, no middleware.</summary>
    public GraphServiceClient BareGraphClient() =>
        new(new HttpClient(Server, disposeHandler: false), new AzureIdentityAuthenticationProvider(Credential), GraphBaseUrl);

    /// <summary>Full blocking compacting collections until finalizers have run; returns the live managed heap in bytes.</summary>
    public static long LiveHeap()
    {
        for (var i = 0; i < 3; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: false);
    }

    /// <summary>Object ids <c>{run:x8}-....</c>, deterministic per run and item, lower-case like Graph's.</summary>
    public static List<string> Ids(int run, int count)
    {
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            ids.Add(new Guid(run, (short)(i >> 16), 0x4000, 0x80, 0x00, 0x5c, 0xa1, (byte)(i >> 24), (byte)(i >> 16), (byte)(i >> 8), (byte)i).ToString());
        }

        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
    }
}
