using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Entra.Actions.IntegrationTests.Health;

/// <summary>
/// <c>AddHealthChecks().AddEntraActions()</c> and <c>AddEntraConnection(name)</c> against the emulator: a readable and a
/// least-privilege tenant, an app without permissions, a wrong client secret, a token of another tenant, and an emulator that
/// throttles, stalls, fails or drops the connection.
/// </summary>
public sealed class HealthCheckTests : IAsyncDisposable
{
    private const string SecretMarker = "wrong-secret-MARKER-7f3a";
    private static readonly string[] Readable = ["Directory.Read.All", "GroupMember.ReadWrite.All"];
    private static readonly string[] LeastPrivilege = ["User.Read.All", "GroupMember.ReadWrite.All"];

    private readonly List<ServiceProvider> _providers = [];
    private readonly GraphEmulator _emulator = new();

    public HealthCheckTests()
    {
        _emulator.Options.Throttling.Enabled = false;
    }

    /// <summary>For tests that are not about latency: a loaded machine's first (cold) check must not read as slow.</summary>
    internal static void Relaxed(EntraHealthCheckOptions options)
    {
        options.Timeout = TimeSpan.FromSeconds(60);
        options.DegradedLatencyThreshold = TimeSpan.FromSeconds(30);
    }

    private string TenantId => _emulator.Directory.TenantId.ToString();

    private async Task<HealthReportEntry> CheckAsync(
        TokenCredential credential,
        Action<EntraActionsOptions>? configure = null,
        Action<EntraHealthCheckOptions>? health = null,
        Uri? baseUrl = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var client = services.AddEntraActions(o =>
        {
            o.GraphBaseUrl = baseUrl ?? new Uri(GraphEmulator.InProcessBaseUrl);
            o.Credential = credential;
            configure?.Invoke(o);
        });
        if (baseUrl is null)
        {
            client.ConfigurePrimaryHttpMessageHandler(_emulator.CreateHandler);
        }

        services.AddHealthChecks().AddEntraActions(health ?? Relaxed);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _providers.Add(provider);
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries["entra"];
    }

    private IReadOnlyList<JournalEntry> OrganizationReads() =>
        [.. _emulator.Journal.Entries.Where(e => e.Method == "GET" && e.RawPath.StartsWith("/v1.0/organization", StringComparison.Ordinal))];

    [Fact]
    public async Task CheckHealth_OrganizationReadable_HealthyWithTheTenantItsNameAndLatency()
    {
        var entry = await CheckAsync(_emulator.CreateApplicationCredential(Readable));

        entry.Status.Should().Be(HealthStatus.Healthy, entry.Description);
        entry.Data["tenantId"].Should().Be(TenantId);
        entry.Data["tenantDisplayName"].Should().Be(_emulator.Directory.Organization.DisplayName);
        entry.Data["latencyMs"].Should().BeOfType<long>();
        entry.Data["readyActions"].Should().Be(entry.Data["actions"]);
        OrganizationReads().Should().ContainSingle().Which.StatusCode.Should().Be(200);
    }

    [Fact]
    public async Task CheckHealth_OverKestrel_Healthy()
    {
        await using var server = await EmulatorServer.StartAsync(_emulator, port: 0);

        var entry = await CheckAsync(_emulator.CreateApplicationCredential(Readable), baseUrl: server.BaseUrl);

        entry.Status.Should().Be(HealthStatus.Healthy, entry.Description);
        entry.Data["tenantId"].Should().Be(TenantId);
    }

    [Fact]
    public async Task CheckHealth_LeastPrivilege_HealthyThoughGraphRefusesTheOrganizationRead()
    {
        var entry = await CheckAsync(_emulator.CreateApplicationCredential(LeastPrivilege));

        entry.Status.Should().Be(HealthStatus.Healthy, entry.Description);
        entry.Data["organizationReadable"].Should().Be(false);
        entry.Data["tenantId"].Should().Be(TenantId, "the token names the tenant");
        entry.Data.Should().NotContainKey("tenantDisplayName");
        OrganizationReads().Should().ContainSingle().Which.StatusCode.Should().Be(403);
    }

    [Fact]
    public async Task CheckHealth_AppWithoutPermissions_Unhealthy()
    {
        var bare = new EmulatorCredential(() => EmulatorTokens.CreateApplication([], tenantId: TenantId));

        var entry = await CheckAsync(bare);

        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Data["readyActions"].Should().Be(0);
        entry.Data["statusCode"].Should().Be(403);
        entry.Description.Should().Contain("allow none of the");
        entry.Exception.Should().BeNull();
    }

    [Fact]
    public async Task CheckHealth_WrongClientSecret_UnhealthyAndTheSecretAppearsNowhere()
    {
        const string clientId = "5a5a5a5a-0000-4000-8000-00000000c11e";
        _emulator.Authority.RegisterClient(clientId, ["https://localhost/callback"], clientSecret: "the-right-secret");
        var credential = new ClientSecretCredential(TenantId, clientId, SecretMarker, new ClientSecretCredentialOptions
        {
            AuthorityHost = new Uri("https://login.emulator.local"),
            DisableInstanceDiscovery = true,
            Transport = new HttpClientTransport(new HttpClient(_emulator.CreateHandler())),
        });

        var entry = await CheckAsync(credential);

        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Description.Should().Contain("AuthenticationFailedException");
        entry.Data["errorKind"].Should().Be("Unauthorized");
        entry.Exception.Should().BeNull();
        var shown = entry.Description + string.Join(";", entry.Data.Select(pair => $"{pair.Key}={pair.Value}"));
        shown.Should().NotContain(SecretMarker).And.NotContain("7000215", "the token endpoint's error text is not republished");
        _emulator.Journal.Entries.Should().Contain(e => e.RawPath.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal) && e.StatusCode == 401);
        OrganizationReads().Should().BeEmpty("without a token nothing is sent to Graph");
    }

    [Fact]
    public async Task CheckHealth_TokenOfAnotherTenant_Unhealthy401()
    {
        var other = new EmulatorCredential(() => EmulatorTokens.CreateApplication(Readable, tenantId: Guid.NewGuid().ToString()));

        var entry = await CheckAsync(other);

        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Data["statusCode"].Should().Be(401);
        entry.Data["requestId"].Should().BeOfType<string>().Which.Should().NotBeEmpty();
    }

    [Fact]
    public async Task CheckHealth_EmulatorThrottles_DegradedPromptlyWithoutRetrying()
    {
        _emulator.Faults.FailNext(10, 429, "GET", "/organization", retryAfter: "30");
        var watch = Stopwatch.StartNew();

        var entry = await CheckAsync(_emulator.CreateApplicationCredential(Readable), o => o.MaxRetryAttempts = 3, h => h.Timeout = TimeSpan.FromSeconds(20));

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "the check does not wait out a 30 s Retry-After");
        entry.Status.Should().Be(HealthStatus.Degraded);
        entry.Data["statusCode"].Should().Be(429);
        entry.Data["retryAfterSeconds"].Should().BeOfType<double>().Which.Should().BeInRange(25, 30);
        OrganizationReads().Should().ContainSingle();
    }

    [Fact]
    public async Task CheckHealth_EmulatorUnavailableThroughTheRetries_Degraded()
    {
        _emulator.Faults.FailNext(2, 503, "GET", "/organization", retryAfter: "0.05");

        var entry = await CheckAsync(_emulator.CreateApplicationCredential(Readable), o => o.MaxRetryAttempts = 1);

        entry.Status.Should().Be(HealthStatus.Degraded);
        entry.Data["statusCode"].Should().Be(503);
        OrganizationReads().Should().HaveCount(2);
    }

    [Fact]
    public async Task CheckHealth_EmulatorSlowerThanTheThreshold_Degraded()
    {
        _emulator.Faults.AddLatency(TimeSpan.FromMilliseconds(500), "GET", "/organization");

        var entry = await CheckAsync(_emulator.CreateApplicationCredential(Readable), health: h => h.DegradedLatencyThreshold = TimeSpan.FromMilliseconds(200));

        entry.Status.Should().Be(HealthStatus.Degraded);
        entry.Data["latencyMs"].Should().BeOfType<long>().Which.Should().BeGreaterThanOrEqualTo(500);
        entry.Data["tenantId"].Should().Be(TenantId);
    }

    [Fact]
    public async Task CheckHealth_EmulatorStalls_DegradedAtTheChecksTimeout()
    {
        _emulator.Faults.AddLatency(TimeSpan.FromSeconds(30), "GET", "/organization");
        var watch = Stopwatch.StartNew();

        var entry = await CheckAsync(_emulator.CreateApplicationCredential(Readable), health: h =>
        {
            h.Timeout = TimeSpan.FromMilliseconds(500);
            h.DegradedLatencyThreshold = TimeSpan.FromMilliseconds(200);
        });

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        entry.Status.Should().Be(HealthStatus.Degraded);
        entry.Description.Should().Contain("timeout");
    }

    [Fact]
    public async Task CheckHealth_ConnectionDropped_Unhealthy()
    {
        _emulator.Faults.DropConnection(5, "GET", "/organization");

        var entry = await CheckAsync(_emulator.CreateApplicationCredential(Readable));

        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Data["errorKind"].Should().Be("ServiceError");
        entry.Exception.Should().BeNull();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
    }
}
