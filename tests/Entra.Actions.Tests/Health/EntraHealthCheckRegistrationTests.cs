using System.Net;
using Entra.Actions.Health.Internal;
using Entra.Actions.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Entra.Actions.Tests.Health;

/// <summary>Registration of the health checks: names, the usual parameters, named connections and option validation.</summary>
public sealed class EntraHealthCheckRegistrationTests
{
    private const string Organization = """{"value":[{"id":"7a1c1d2e-0000-4000-8000-00000000c0de","displayName":"Contoso Flows","verifiedDomains":[]}]}""";

    [Fact]
    public void AddEntraActions_DefaultsAndGivenParameters_AreTheRegistrations()
    {
        var services = new ServiceCollection();
        services.AddHealthChecks()
            .AddEntraActions()
            .AddEntraConnection("tenant-a", failureStatus: HealthStatus.Degraded, tags: ["ready"], timeout: TimeSpan.FromSeconds(9))
            .AddEntraConnection("tenant-b", name: "b");
        using var provider = services.BuildServiceProvider();

        var registrations = provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.ToDictionary(r => r.Name);

        registrations.Keys.Should().BeEquivalentTo(["entra", "entra:tenant-a", "b"]);
        registrations["entra"].FailureStatus.Should().Be(HealthStatus.Unhealthy);
        registrations["entra:tenant-a"].FailureStatus.Should().Be(HealthStatus.Degraded);
        registrations["entra:tenant-a"].Tags.Should().BeEquivalentTo(["ready"]);
        registrations["entra:tenant-a"].Timeout.Should().Be(TimeSpan.FromSeconds(9));
    }

    [Fact]
    public void AddEntraConnection_BlankName_Throws()
    {
        var builder = new ServiceCollection().AddHealthChecks();

        builder.Invoking(b => b.AddEntraConnection(" ")).Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData(0, 5000, "DegradedLatencyThreshold")]
    [InlineData(2000, 0, "Timeout")]
    [InlineData(2000, 400_000, "Timeout")]
    [InlineData(3000, 2000, "must not be longer than its Timeout")]
    public void Options_Invalid_FailValidationNamingTheSettingAndTheCheck(int thresholdMs, int timeoutMs, string expected)
    {
        var services = new ServiceCollection();
        services.AddHealthChecks().AddEntraActions(o =>
        {
            o.DegradedLatencyThreshold = TimeSpan.FromMilliseconds(thresholdMs);
            o.Timeout = TimeSpan.FromMilliseconds(timeoutMs);
        });
        using var provider = services.BuildServiceProvider();

        var get = () => provider.GetRequiredService<IOptionsMonitor<EntraHealthCheckOptions>>().Get("entra");

        get.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(expected).And.Contain("'entra'");
    }

    [Fact]
    public void Options_Defaults_AreValid()
    {
        var options = new EntraHealthCheckOptions();

        options.DegradedLatencyThreshold.Should().Be(TimeSpan.FromSeconds(2));
        options.Timeout.Should().Be(TimeSpan.FromSeconds(5));
        new EntraHealthCheckOptionsValidator().Validate("entra", options).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task CheckHealth_EntraActionsNotRegistered_UnhealthySaysWhatToCall()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHealthChecks().AddEntraActions();
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        var entry = report.Entries["entra"];
        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Description.Should().Contain("services.AddEntraActions");
        entry.Exception.Should().BeNull();
    }

    [Fact]
    public async Task CheckHealth_NamedConnection_ChecksThatConnectionAndNamesIt()
    {
        var handler = new StubGraphHandler();
        handler.Respond(HttpStatusCode.OK, Organization);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEntraConnections(options => options.ConfigureHttpClient = (_, builder) => builder.ConfigurePrimaryHttpMessageHandler(() => handler));
        services.AddHealthChecks().AddEntraConnection("tenant-a", HealthCheckHost.Relaxed).AddEntraConnection("missing");
        await using var provider = services.BuildServiceProvider();
        var token = TestJwt.Application("User.Read.All", "GroupMember.ReadWrite.All");
        provider.GetRequiredService<IEntraConnectionFactory>().GetOrCreateConnection("tenant-a", o => o.Credential = TestJwt.Credential(token));

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        var entry = report.Entries["entra:tenant-a"];
        entry.Status.Should().Be(HealthStatus.Healthy);
        entry.Data["connection"].Should().Be("tenant-a");
        entry.Data["tenantId"].Should().Be(TestJwt.TenantId);
        entry.Description.Should().StartWith("Entra connection 'tenant-a':");
        handler.Requests.Should().ContainSingle().Which.Authorization.Should().Be("Bearer " + token);

        var missing = report.Entries["entra:missing"];
        missing.Status.Should().Be(HealthStatus.Unhealthy);
        missing.Description.Should().Contain("does not exist");
        missing.Data["connection"].Should().Be("missing");
        missing.Exception.Should().BeNull();
    }
}
