using Entra.Actions.Emulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;

namespace Entra.Actions.Benchmarks.Scenarios;

/// <summary>
/// One fresh emulator (the demo tenant, throttling on with Graph's quotas) with freshly seeded users, and the two ways of
/// talking to it: Entra.Actions through <c>AddEntraActions</c>, and a bare <see cref="GraphServiceClient"/> (the naive approach).
/// Both go through the same <see cref="WireLatencyHandler"/>.
/// </summary>
internal sealed class BenchEnvironment : IAsyncDisposable
{
    /// <summary>The seed connection's permissions (no Directory.Read.All).</summary>
    public static readonly string[] SeedScopes = ["User.Read.All", "Group.Read.All", "GroupMember.Read.All", "GroupMember.ReadWrite.All"];

    /// <summary>The seed scopes plus Directory.Read.All, which getByIds needs.</summary>
    public static readonly string[] WithDirectoryRead = [.. SeedScopes, "Directory.Read.All"];

    private readonly List<ServiceProvider> _providers = [];
    private readonly TimeSpan _latency;

    public BenchEnvironment(TimeSpan latency, Action<ThrottlingOptions>? throttling = null)
    {
        _latency = latency;
        Emulator = new GraphEmulator();
        Emulator.Options.Throttling.Enabled = true;
        throttling?.Invoke(Emulator.Options.Throttling);
    }

    public GraphEmulator Emulator { get; }

    /// <summary>The library's throttled-round log events, across every provider of this environment.</summary>
    public ThrottleEventCounter ThrottleEvents { get; } = new();

    public static Guid Group { get; } = Guid.Parse(DemoTenant.ProjectFalconGroupId);

    /// <summary>Adds <paramref name="count"/> new users to the directory (no request is journaled).</summary>
    public List<string> SeedUsers(int count)
    {
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid();
            Emulator.Directory.AddUser(new EmulatedUser { Id = id, DisplayName = $"Bench User {i}", UserPrincipalName = $"bench{i}-{id:N}@contoso.com" });
            ids.Add(id.ToString());
        }

        return ids;
    }

    public void MakeMembers(IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            Emulator.Directory.AddMember(Group, Guid.Parse(id));
        }
    }

    public HttpMessageHandler CreateWireHandler() => new WireLatencyHandler(_latency, Emulator.CreateHandler());

    public ServiceProvider BuildProvider(IEnumerable<string> permissions, Action<EntraActionsOptions>? configure = null)
    {
        var credential = EmulatorCredential.ForApplication(permissions);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(ThrottleEvents));
        services.AddEntraActions(o =>
        {
            o.GraphBaseUrl = new Uri(GraphEmulator.InProcessBaseUrl);
            o.Credential = credential;
            configure?.Invoke(o);
        }).ConfigurePrimaryHttpMessageHandler(CreateWireHandler);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _providers.Add(provider);
        return provider;
    }

    public IEntraBulkActions Bulk(IEnumerable<string> permissions) => BuildProvider(permissions).GetRequiredService<IEntraBulkActions>();

    /// <summary>The naive client: one plain <see cref="HttpClient"/> (no retry handler), as a caller writing the calls by hand would.</summary>
    public GraphServiceClient NaiveClient(IEnumerable<string> permissions)
    {
        var auth = new AzureIdentityAuthenticationProvider(EmulatorCredential.ForApplication(permissions), [GraphEmulator.InProcessHost]);
        return new GraphServiceClient(new HttpClient(CreateWireHandler()), auth, GraphEmulator.InProcessBaseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
    }
}
