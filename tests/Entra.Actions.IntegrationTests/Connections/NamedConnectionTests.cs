using Entra.Actions.IntegrationTests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.IntegrationTests.Connections;

/// <summary>Named connections from EntraActions:Connections:{name}, next to a default connection in EntraActions.</summary>
public sealed class NamedConnectionTests : IAsyncDisposable
{
    private static readonly IConfiguration Configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["EntraActions:GraphBaseUrl"] = GraphEmulator.InProcessBaseUrl,
        ["EntraActions:MaxRetryAttempts"] = "2",
        ["EntraActions:Connections:contoso:GraphBaseUrl"] = GraphEmulator.InProcessBaseUrl,
        ["EntraActions:Connections:contoso:TenantId"] = TwoTenants.ContosoTenantId.ToString(),
        ["EntraActions:Connections:fabrikam:GraphBaseUrl"] = GraphEmulator.InProcessBaseUrl,
        ["EntraActions:Connections:fabrikam:TenantId"] = TwoTenants.FabrikamTenantId.ToString(),
        ["EntraActions:Connections:fabrikam:GroupCacheDuration"] = "00:00:00",
    }).Build();

    private readonly TwoTenants _tenants;

    public NamedConnectionTests()
    {
        GraphEmulator? contoso = null;
        GraphEmulator? fabrikam = null;
        _tenants = new TwoTenants(Configuration, options =>
            // A credential cannot come from configuration: the host supplies it per connection name (here from the emulators).
            options.ConfigureOptions = (name, o) => o.Credential = name == "contoso" ? contoso!.CreateApplicationCredential() : fabrikam!.CreateApplicationCredential());
        contoso = _tenants.Contoso;
        fabrikam = _tenants.Fabrikam;
        _tenants.Route("contoso", _tenants.Contoso);
        _tenants.Route("fabrikam", _tenants.Fabrikam);
    }

    [Fact]
    public async Task GetConnection_ConfiguredNames_WorkAgainstTheirOwnTenants()
    {
        _tenants.Factory.ConfiguredConnectionNames.Should().BeEquivalentTo(["contoso", "fabrikam"]);

        var contoso = _tenants.Factory.GetConnection("contoso");
        var fabrikam = _tenants.Factory.GetConnection("fabrikam");

        (await contoso.Actions.LookupUserAsync(TwoTenants.AliceUpn)).Value!.Id.Should().Be(TwoTenants.AliceId.ToString());
        (await fabrikam.Actions.LookupUserAsync(TwoTenants.AliceUpn)).Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        (await fabrikam.CheckAsync()).TenantId.Should().Be(TwoTenants.FabrikamTenantId.ToString());
        _tenants.TenantsSeenBy(_tenants.Contoso).Should().OnlyContain(t => t == TwoTenants.ContosoTenantId.ToString());
        _tenants.TenantsSeenBy(_tenants.Fabrikam).Should().HaveCount(2).And.OnlyContain(t => t == TwoTenants.FabrikamTenantId.ToString());
    }

    [Fact]
    public async Task AddEntraActions_WithConnectionsInTheSameSection_BindsTheDefaultConnectionAndTheNamedOnes()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEntraActions(Configuration).ConfigurePrimaryHttpMessageHandler(_tenants.Contoso.CreateHandler);
        services.PostConfigure<EntraActionsOptions>(o => o.Credential = _tenants.Contoso.CreateApplicationCredential());
        services.Configure<EntraConnectionFactoryOptions>(o =>
        {
            o.ConfigureOptions = (_, options) => options.Credential = _tenants.Fabrikam.CreateApplicationCredential();
            o.ConfigureHttpClient = (_, builder) => builder.ConfigurePrimaryHttpMessageHandler(_tenants.Fabrikam.CreateHandler);
        });
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var main = await provider.GetRequiredService<IEntraActions>().LookupUserAsync(TwoTenants.AliceUpn);
        var named = await provider.GetRequiredService<IEntraConnectionFactory>().GetConnection("fabrikam").Actions.LookupUserAsync(TwoTenants.BobUpn);

        main.Value!.Id.Should().Be(TwoTenants.AliceId.ToString());
        named.Value!.Id.Should().Be(TwoTenants.BobId.ToString());
    }

    public async ValueTask DisposeAsync() => await _tenants.DisposeAsync();
}
