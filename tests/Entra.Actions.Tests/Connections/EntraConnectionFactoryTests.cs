using Entra.Actions.Graph.Internal;
using Entra.Actions.Tests.TestSupport;
using Entra.Actions.Throttling.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using static Entra.Actions.Tests.TestSupport.TestServices;

namespace Entra.Actions.Tests.Connections;

public sealed class EntraConnectionFactoryTests
{
    private const string TenantA = "11111111-0000-4000-8000-00000000000a";
    private const string TenantB = "22222222-0000-4000-8000-00000000000b";
    private const string ClientId = "33333333-0000-4000-8000-000000000003";

    [Fact]
    public void AddEntraActions_ConfigurationWithAConnectionsSection_BindsTheMainOptions()
    {
        var configuration = Configuration(
            ("EntraActions:TenantId", TenantA),
            ("EntraActions:ClientId", ClientId),
            ("EntraActions:ClientSecret", "main-secret"),
            ("EntraActions:Connections:b:TenantId", TenantB),
            ("EntraActions:Connections:b:ClientId", ClientId),
            ("EntraActions:Connections:b:ClientSecret", "b-secret"));
        using var provider = Build(s => s.AddEntraActions(configuration));

        var options = provider.GetRequiredService<IOptions<EntraActionsOptions>>().Value;

        options.TenantId.Should().Be(TenantA);
        options.ClientSecret.Should().Be("main-secret");
        provider.GetRequiredService<IEntraConnectionFactory>().ConfiguredConnectionNames.Should().Equal("b");
    }

    [Fact]
    public void AddEntraActions_MisspeltMainKeyNextToConnections_StillFails()
    {
        var configuration = Configuration(("EntraActions:ClientSecert", "x"), ("EntraActions:Connections:b:TenantId", TenantB));
        using var provider = Build(s => s.AddEntraActions(configuration));

        var act = () => provider.GetRequiredService<IOptions<EntraActionsOptions>>().Value;

        act.Should().Throw<InvalidOperationException>().WithMessage("*ClientSecert*").And.Message.Should().NotContain("'Connections'");
    }

    [Fact]
    public void GetConnection_ConfiguredName_BindsItsOwnSectionCaseInsensitivelyAndCachesIt()
    {
        var configuration = Configuration(
            ("EntraActions:Connections:Contoso:TenantId", TenantA),
            ("EntraActions:Connections:Contoso:ClientId", ClientId),
            ("EntraActions:Connections:Contoso:ClientSecret", "a-secret"),
            ("EntraActions:Connections:Contoso:GroupCacheDuration", "00:00:05"));
        using var provider = Build(s => s.AddEntraConnections(configuration));
        var factory = provider.GetRequiredService<IEntraConnectionFactory>();

        var connection = factory.GetConnection("Contoso");

        connection.Name.Should().Be("Contoso");
        var options = connection.Services.GetRequiredService<IOptions<EntraActionsOptions>>().Value;
        options.TenantId.Should().Be(TenantA);
        options.GroupCacheDuration.Should().Be(TimeSpan.FromSeconds(5));
        factory.GetConnection("contoso").Should().BeSameAs(connection);
        provider.GetService<IEntraActions>().Should().BeNull("AddEntraConnections registers no default connection");
    }

    [Fact]
    public void GetConnection_UnknownName_ThrowsNamingItAndTheConfiguredOnes()
    {
        var configuration = Configuration(("EntraActions:Connections:contoso:TenantId", TenantA), ("EntraActions:Connections:fabrikam:TenantId", TenantB));
        using var provider = Build(s => s.AddEntraConnections(configuration));

        var act = () => provider.GetRequiredService<IEntraConnectionFactory>().GetConnection("northwind");

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("No Entra connection is named 'northwind'. Connections configured under EntraActions:Connections: contoso, fabrikam.*");
    }

    [Fact]
    public void GetConnection_NoConfiguration_ThrowsSayingNoneAreConfigured()
    {
        using var provider = Build(s => s.AddEntraConnections());

        var act = () => provider.GetRequiredService<IEntraConnectionFactory>().GetConnection("contoso");

        act.Should().Throw<InvalidOperationException>().WithMessage("*No connections are configured under EntraActions:Connections*GetOrCreateConnection*");
    }

    [Fact]
    public void GetConnection_InvalidConfiguredSettings_FailNamingTheConnectionsOwnKeys()
    {
        var configuration = Configuration(("EntraActions:Connections:bad:ClientSecret", "s"));
        using var provider = Build(s => s.AddEntraConnections(configuration));
        var factory = provider.GetRequiredService<IEntraConnectionFactory>();

        var act = () => factory.GetConnection("bad");

        var failure = act.Should().Throw<OptionsValidationException>().Which;
        failure.OptionsName.Should().Be("bad");
        failure.Failures.Should().Contain(f => f.StartsWith("EntraActions:Connections:bad:TenantId is required", StringComparison.Ordinal));
        failure.Failures.Should().Contain(f => f.StartsWith("EntraActions:Connections:bad:ClientId is required", StringComparison.Ordinal));
        act.Should().Throw<OptionsValidationException>("a failed connection is not cached");
    }

    [Fact]
    public void GetConnection_MisspeltKeyInAConnection_FailsNamingTheConnection()
    {
        var configuration = Configuration(("EntraActions:Connections:typo:ClientSecert", "s"));
        using var provider = Build(s => s.AddEntraConnections(configuration));

        var act = () => provider.GetRequiredService<IEntraConnectionFactory>().GetConnection("typo");

        act.Should().Throw<InvalidOperationException>().WithMessage("Entra connection 'typo' (EntraActions:Connections:typo):*ClientSecert*");
    }

    [Fact]
    public void GetOrCreateConnection_InvalidOptions_FailNamingTheConnection()
    {
        using var provider = Build(s => s.AddEntraConnections());

        var act = () => provider.GetRequiredService<IEntraConnectionFactory>().GetOrCreateConnection("x", o => o.GraphBaseUrl = new Uri("http://graph.example.com/v1.0"));

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle()
            .Which.Should().StartWith("Entra connection 'x': EntraActions:GraphBaseUrl").And.Contain("https");
    }

    [Fact]
    public void GetOrCreateConnection_SameName_ReturnsTheCachedConnectionWithoutConfiguringAgain()
    {
        using var provider = Build(s => s.AddEntraConnections());
        var factory = provider.GetRequiredService<IEntraConnectionFactory>();
        var calls = 0;

        var first = factory.GetOrCreateConnection("a", o => { calls++; o.Credential = new FakeTokenCredential(); });
        var second = factory.GetOrCreateConnection("A", o => { calls++; o.TenantId = "not used"; });

        second.Should().BeSameAs(first);
        calls.Should().Be(1);
        factory.GetConnection("a").Should().BeSameAs(first, "GetConnection also finds connections created in code");
    }

    [Fact]
    public void Connections_HaveTheirOwnCredentialOptionsThrottleGatePacerAndDirectory()
    {
        using var provider = Build(s => s.AddEntraConnections());
        var factory = provider.GetRequiredService<IEntraConnectionFactory>();
        var credentialA = new FakeTokenCredential();
        var credentialB = new FakeTokenCredential();

        var a = factory.GetOrCreateConnection("a", o => { o.Credential = credentialA; o.TenantId = TenantA; });
        var b = factory.GetOrCreateConnection("b", o => { o.Credential = credentialB; o.TenantId = TenantB; });

        a.Services.Should().NotBeSameAs(b.Services);
        a.Actions.Should().NotBeSameAs(b.Actions);
        a.Bulk.Should().NotBeSameAs(b.Bulk);
        a.Services.GetRequiredService<IEntraCredentialProvider>().GetCredential().Should().BeSameAs(credentialA);
        b.Services.GetRequiredService<IEntraCredentialProvider>().GetCredential().Should().BeSameAs(credentialB);
        a.Services.GetRequiredService<IOptions<EntraActionsOptions>>().Value.TenantId.Should().Be(TenantA);
        b.Services.GetRequiredService<IOptions<EntraActionsOptions>>().Value.TenantId.Should().Be(TenantB);
        foreach (var type in new[] { typeof(ThrottleGate), typeof(WritePacer), typeof(GraphEntraDirectory), typeof(Entra.Actions.Graph.Internal.GraphTransport), typeof(IHttpClientFactory) })
        {
            a.Services.GetRequiredService(type).Should().NotBeSameAs(b.Services.GetRequiredService(type), type.Name + " holds per-connection state");
        }

        a.Services.GetRequiredService<IEntraConnectionFactory>().Should().BeSameAs(factory);
    }

    [Fact]
    public void Catalog_ByDefault_IsTheLibrarysCatalog()
    {
        using var provider = Build(s => s.AddEntraConnections());

        var connection = provider.GetRequiredService<IEntraConnectionFactory>().GetOrCreateConnection("a", o => o.Credential = new FakeTokenCredential());

        connection.Services.GetRequiredService<IEntraActionCatalog>().Should().BeOfType<EntraActionCatalog>();
        connection.Catalog.Actions.Select(a => a.Id).Should().Equal(Catalog.CatalogSamples.AllIds);
    }

    [Fact]
    public async Task Catalog_HostCatalogForOneConnection_IsWhatThatConnectionListsAndRuns()
    {
        var hostCatalog = new Catalog.HostCatalogTests.HostCatalog(Catalog.HostCatalogTests.PingDescriptor());
        using var provider = Build(s => s.AddEntraConnections(o => o.ConfigureServices = (name, services) =>
        {
            if (name == "custom")
            {
                services.Replace(ServiceDescriptor.Singleton<IEntraActionCatalog>(hostCatalog));
            }
        }));
        var factory = provider.GetRequiredService<IEntraConnectionFactory>();
        var custom = factory.GetOrCreateConnection("custom", o => o.Credential = new FakeTokenCredential());
        var standard = factory.GetOrCreateConnection("standard", o => o.Credential = new FakeTokenCredential());

        var ping = await custom.Invoker.InvokeAsync(Catalog.HostCatalogTests.Ping, new System.Text.Json.Nodes.JsonObject { ["message"] = "hi" });
        var lookup = await custom.Invoker.InvokeAsync(Catalog.CatalogSamples.LookupUser, new System.Text.Json.Nodes.JsonObject { ["userId"] = TestData.Upn });
        var pingElsewhere = await standard.Invoker.InvokeAsync(Catalog.HostCatalogTests.Ping, new System.Text.Json.Nodes.JsonObject { ["message"] = "hi" });

        custom.Catalog.Actions.Should().Equal(hostCatalog.Actions, "the connection's catalog reads the host's");
        custom.Catalog.Find(Catalog.HostCatalogTests.Ping).Should().BeSameAs(hostCatalog.Find(Catalog.HostCatalogTests.Ping));
        ping.Outputs.GetProperty("reply").GetString().Should().Be("hi");
        lookup.Error!.Message.Should().StartWith("Unknown action 'entra.lookup_user'.");
        pingElsewhere.Error!.Message.Should().StartWith("Unknown action 'contoso.ping'.");
    }

    [Fact]
    public void Hooks_ReceiveTheConnectionNameAndApplyToThatConnectionOnly()
    {
        var seen = new List<string>();
        using var provider = Build(s => s.AddEntraConnections(o =>
        {
            o.ConfigureOptions = (name, options) => options.MaxRetryAttempts = name == "patient" ? 7 : 1;
            o.ConfigureHttpClient = (name, _) => seen.Add("http:" + name);
            o.ConfigureServices = (name, services) => seen.Add("services:" + name);
        }));
        var factory = provider.GetRequiredService<IEntraConnectionFactory>();

        var patient = factory.GetOrCreateConnection("patient", o => o.Credential = new FakeTokenCredential());
        var hasty = factory.GetOrCreateConnection("hasty", o => o.Credential = new FakeTokenCredential());

        patient.Services.GetRequiredService<IOptions<EntraActionsOptions>>().Value.MaxRetryAttempts.Should().Be(7);
        hasty.Services.GetRequiredService<IOptions<EntraActionsOptions>>().Value.MaxRetryAttempts.Should().Be(1);
        seen.Should().Equal("http:patient", "services:patient", "http:hasty", "services:hasty");
    }

    [Fact]
    public async Task RemoveConnectionAsync_DisposesItAndTheNameCanBeCreatedAgain()
    {
        using var provider = Build(s => s.AddEntraConnections());
        var factory = provider.GetRequiredService<IEntraConnectionFactory>();
        var first = factory.GetOrCreateConnection("a", o => o.Credential = new FakeTokenCredential());

        (await factory.RemoveConnectionAsync("A")).Should().BeTrue();
        (await factory.RemoveConnectionAsync("a")).Should().BeFalse();

        var disposed = () => first.Services.GetRequiredService<IEntraActions>();
        disposed.Should().Throw<ObjectDisposedException>();
        factory.GetOrCreateConnection("a", o => o.Credential = new FakeTokenCredential()).Should().NotBeSameAs(first);
    }

    [Fact]
    public async Task GetConnection_AfterTheCallerDisposedIt_BuildsAFreshWorkingConnection()
    {
        var configuration = Configuration(
            ("EntraActions:Connections:b:TenantId", TenantB),
            ("EntraActions:Connections:b:ClientId", ClientId),
            ("EntraActions:Connections:b:ClientSecret", "b-secret"));
        using var provider = Build(s => s.AddEntraConnections(configuration));
        var factory = provider.GetRequiredService<IEntraConnectionFactory>();
        var first = factory.GetConnection("b");

        await using (first.ConfigureAwait(false))
        {
        }

        var second = factory.GetConnection("B");
        second.Should().NotBeSameAs(first);
        second.Services.GetRequiredService<IEntraActions>().Should().NotBeNull();
        factory.GetConnection("b").Should().BeSameAs(second);
    }

    [Fact]
    public async Task DisposeAsync_OfAnEvictedConnection_DoesNotEvictItsReplacement()
    {
        using var provider = Build(s => s.AddEntraConnections());
        var factory = provider.GetRequiredService<IEntraConnectionFactory>();
        var first = factory.GetOrCreateConnection("a", o => o.Credential = new FakeTokenCredential());
        await first.DisposeAsync();
        var second = factory.GetOrCreateConnection("a", o => o.Credential = new FakeTokenCredential());

        await first.DisposeAsync();

        factory.GetOrCreateConnection("a", o => o.Credential = new FakeTokenCredential()).Should().BeSameAs(second);
        second.Services.GetRequiredService<IEntraActions>().Should().NotBeNull();
    }

    [Fact]
    public async Task DisposingTheHost_DisposesEveryConnectionAndTheFactory()
    {
        var provider = Build(s => s.AddEntraActions(o => o.Credential = new FakeTokenCredential()));
        var factory = provider.GetRequiredService<IEntraConnectionFactory>();
        var a = factory.GetOrCreateConnection("a", o => o.Credential = new FakeTokenCredential());

        await provider.DisposeAsync();

        var useConnection = () => a.Services.GetRequiredService<IEntraActions>();
        useConnection.Should().Throw<ObjectDisposedException>();
        var create = () => factory.GetOrCreateConnection("b", o => o.Credential = new FakeTokenCredential());
        create.Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void DisposingTheHostSynchronously_DisposesEveryConnection()
    {
        var provider = Build(s => s.AddEntraConnections());
        var a = provider.GetRequiredService<IEntraConnectionFactory>().GetOrCreateConnection("a", o => o.Credential = new FakeTokenCredential());

        provider.Dispose();

        var useConnection = () => a.Services.GetRequiredService<IEntraActions>();
        useConnection.Should().Throw<ObjectDisposedException>();
    }
}
