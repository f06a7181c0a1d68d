using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.IntegrationTests.Connections;

/// <summary>
/// Connections over real sockets with no handler hook, so every connection sends through the factory's one shared socket handler:
/// two Kestrel emulators (each refuses a token of another tenant with 401) and parallel lookups across both.
/// </summary>
public sealed class KestrelConnectionTests
{
    [Fact]
    public async Task ParallelLookups_ThroughTheSharedSocketHandler_StayInTheirTenant()
    {
        var contosoTenant = Guid.Parse("c0c0c0c0-3333-4000-8000-00000000000c");
        var fabrikamTenant = Guid.Parse("fabfabfa-4444-4000-8000-00000000000f");
        var contoso = new GraphEmulator(new EmulatedDirectory(new EmulatedOrganization { Id = contosoTenant, DisplayName = "Contoso", VerifiedDomains = ["contoso.example"] })
            .AddUser(new EmulatedUser { Id = Guid.NewGuid(), DisplayName = "Alice", UserPrincipalName = "alice@contoso.example" }));
        var fabrikam = new GraphEmulator(new EmulatedDirectory(new EmulatedOrganization { Id = fabrikamTenant, DisplayName = "Fabrikam", VerifiedDomains = ["fabrikam.example"] })
            .AddUser(new EmulatedUser { Id = Guid.NewGuid(), DisplayName = "Bob", UserPrincipalName = "bob@fabrikam.example" }));
        contoso.Options.Throttling.Enabled = false;
        fabrikam.Options.Throttling.Enabled = false;
        await using var contosoServer = await EmulatorServer.StartAsync(contoso);
        await using var fabrikamServer = await EmulatorServer.StartAsync(fabrikam);
        var services = new ServiceCollection();
        services.AddEntraConnections();
        await using var root = services.BuildServiceProvider();
        var factory = root.GetRequiredService<IEntraConnectionFactory>();
        var a = factory.GetOrCreateConnection("contoso", o => { o.GraphBaseUrl = contosoServer.BaseUrl; o.Credential = contoso.CreateApplicationCredential(); });
        var b = factory.GetOrCreateConnection("fabrikam", o => { o.GraphBaseUrl = fabrikamServer.BaseUrl; o.Credential = fabrikam.CreateApplicationCredential(); });

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() =>
            i % 2 == 0 ? a.Actions.LookupUserAsync("alice@contoso.example") : b.Actions.LookupUserAsync("bob@fabrikam.example"))));

        results.Should().OnlyContain(r => r.Succeeded);
        results.Where((_, i) => i % 2 == 0).Should().OnlyContain(r => r.Value!.DisplayName == "Alice");
        results.Where((_, i) => i % 2 == 1).Should().OnlyContain(r => r.Value!.DisplayName == "Bob");
        contoso.Journal.Entries.Should().HaveCount(50).And.OnlyContain(e => e.StatusCode == 200);
        fabrikam.Journal.Entries.Should().HaveCount(50).And.OnlyContain(e => e.StatusCode == 200);
        (await a.CheckAsync()).TenantId.Should().Be(contosoTenant.ToString());
    }
}
