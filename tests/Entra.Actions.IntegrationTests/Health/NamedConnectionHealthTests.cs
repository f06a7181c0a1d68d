using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Entra.Actions.IntegrationTests.Health;

/// <summary>One health check per named connection, each against its own emulated tenant: each reports its own tenant and state.</summary>
public sealed class NamedConnectionHealthTests : IAsyncDisposable
{
    private readonly GraphEmulator _contoso = new();
    private readonly GraphEmulator _fabrikam = new();
    private readonly ServiceProvider _provider;

    public NamedConnectionHealthTests()
    {
        _contoso.Options.Throttling.Enabled = false;
        _fabrikam.Options.Throttling.Enabled = false;
        var routes = new Dictionary<string, GraphEmulator>(StringComparer.OrdinalIgnoreCase) { ["contoso"] = _contoso, ["fabrikam"] = _fabrikam };

        // Configured connections, as a host declares them; the credential is the emulator's, set per connection below.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EntraActions:Connections:contoso:GraphBaseUrl"] = GraphEmulator.InProcessBaseUrl,
            ["EntraActions:Connections:fabrikam:GraphBaseUrl"] = GraphEmulator.InProcessBaseUrl,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEntraConnections(configuration, configure: options =>
        {
            options.ConfigureHttpClient = (name, builder) => builder.ConfigurePrimaryHttpMessageHandler(() => routes[name].CreateHandler());
            options.ConfigureServices = (name, connection) =>
                connection.AddSingleton<IEntraCredentialProvider>(new EmulatorCredentialProvider(routes[name].CreateApplicationCredential("Directory.Read.All", "GroupMember.ReadWrite.All")));
        });
        services.AddHealthChecks()
            .AddEntraConnection("contoso", HealthCheckTests.Relaxed, tags: ["ready"])
            .AddEntraConnection("fabrikam", HealthCheckTests.Relaxed, tags: ["ready"])
            .AddEntraConnection("unknown");
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private Task<HealthReport> CheckAsync() => _provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

    [Fact]
    public async Task CheckHealth_TwoConfiguredConnections_EachReportsItsOwnTenant()
    {
        var report = await CheckAsync();

        var contoso = report.Entries["entra:contoso"];
        contoso.Status.Should().Be(HealthStatus.Healthy, contoso.Description);
        contoso.Data["connection"].Should().Be("contoso");
        contoso.Data["tenantId"].Should().Be(_contoso.Directory.TenantId.ToString());
        contoso.Tags.Should().Contain("ready");
        var fabrikam = report.Entries["entra:fabrikam"];
        fabrikam.Status.Should().Be(HealthStatus.Healthy, fabrikam.Description);
        fabrikam.Data["tenantId"].Should().Be(_fabrikam.Directory.TenantId.ToString());
        report.Entries["entra:unknown"].Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries["entra:unknown"].Description.Should().Contain("does not exist");
    }

    [Fact]
    public async Task CheckHealth_OneTenantThrottled_OnlyItsCheckIsDegraded()
    {
        _fabrikam.Faults.FailNext(10, 429, "GET", "/organization", retryAfter: "30");

        var report = await CheckAsync();

        report.Entries["entra:contoso"].Status.Should().Be(HealthStatus.Healthy);
        report.Entries["entra:fabrikam"].Status.Should().Be(HealthStatus.Degraded);
        report.Entries["entra:fabrikam"].Data["statusCode"].Should().Be(429);
        _contoso.Journal.Entries.Should().OnlyContain(e => e.StatusCode == 200, "one connection's throttling does not hold back another's");
    }

    [Fact]
    public async Task CheckHealth_ConnectionRemovedAndRecreated_ChecksTheNewOne()
    {
        var factory = _provider.GetRequiredService<IEntraConnectionFactory>();
        (await CheckAsync()).Entries["entra:contoso"].Status.Should().Be(HealthStatus.Healthy);
        await factory.RemoveConnectionAsync("contoso");

        var report = await CheckAsync();

        report.Entries["entra:contoso"].Status.Should().Be(HealthStatus.Healthy, "the configured connection is created again on the next check");
        _contoso.Journal.Entries.Count(e => e.RawPath.StartsWith("/v1.0/organization", StringComparison.Ordinal)).Should().Be(2);
    }

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();

    private sealed class EmulatorCredentialProvider(Azure.Core.TokenCredential credential) : IEntraCredentialProvider
    {
        public Azure.Core.TokenCredential GetCredential() => credential;
    }
}
