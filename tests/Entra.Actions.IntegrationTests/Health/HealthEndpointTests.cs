using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.IntegrationTests.Health;

/// <summary>The check behind <c>app.MapHealthChecks("/health")</c> on Kestrel, as a host wires it, with the emulator as Graph.</summary>
public sealed class HealthEndpointTests
{
    private readonly GraphEmulator _emulator = new();

    public HealthEndpointTests()
    {
        _emulator.Options.Throttling.Enabled = false;
    }

    private async Task<(HttpStatusCode Status, string Body)> GetHealthAsync(Azure.Core.TokenCredential credential)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddEntraActions(o =>
            {
                o.GraphBaseUrl = new Uri(GraphEmulator.InProcessBaseUrl);
                o.Credential = credential;
            })
            .ConfigurePrimaryHttpMessageHandler(_emulator.CreateHandler);
        builder.Services.AddHealthChecks().AddEntraActions(HealthCheckTests.Relaxed);
        await using var app = builder.Build();
        app.MapHealthChecks("/health");
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var client = new HttpClient();
            using var response = await client.GetAsync(new Uri(new Uri(address), "/health"));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task MapHealthChecks_WorkingConnection_200Healthy()
    {
        var (status, body) = await GetHealthAsync(_emulator.CreateApplicationCredential("Directory.Read.All", "GroupMember.ReadWrite.All"));

        status.Should().Be(HttpStatusCode.OK);
        body.Should().Be("Healthy");
    }

    [Fact]
    public async Task MapHealthChecks_ThrottledConnection_200Degraded()
    {
        _emulator.Faults.FailNext(10, 429, "GET", "/organization", retryAfter: "30");

        var (status, body) = await GetHealthAsync(_emulator.CreateApplicationCredential("Directory.Read.All", "GroupMember.ReadWrite.All"));

        status.Should().Be(HttpStatusCode.OK, "a degraded dependency keeps the instance in rotation");
        body.Should().Be("Degraded");
    }

    [Fact]
    public async Task MapHealthChecks_TokenOfAnotherTenant_503Unhealthy()
    {
        var other = new EmulatorCredential(() => EmulatorTokens.CreateApplication(["Directory.Read.All"], tenantId: Guid.NewGuid().ToString()));

        var (status, body) = await GetHealthAsync(other);

        status.Should().Be(HttpStatusCode.ServiceUnavailable);
        body.Should().Be("Unhealthy");
    }
}
