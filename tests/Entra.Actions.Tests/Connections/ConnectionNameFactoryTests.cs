using Entra.Actions.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.Tests.Connections;

// The factory counts two names as one connection exactly when the connect flow does.
public sealed class ConnectionNameFactoryTests
{
    private static ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEntraConnections();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Theory]
    [InlineData("kontoso", "\u212Aontoso")]
    [InlineData("\u039Cars", "\u00B5ars")]
    [InlineData("\u017Fales", "SALES")]
    [InlineData("\uFF43ontoso", "Contoso")]
    [InlineData("Contoso", "contoso")]
    public async Task GetOrCreateConnection_NameThatFoldsTogether_ReturnsAndRemovesTheSameConnection(string first, string second)
    {
        using var provider = Build();
        var factory = provider.GetRequiredService<IEntraConnectionFactory>();

        var created = factory.GetOrCreateConnection(first, o => o.Credential = new FakeTokenCredential());

        factory.GetOrCreateConnection(second, o => o.Credential = new FakeTokenCredential()).Should().BeSameAs(created);
        (await factory.RemoveConnectionAsync(second)).Should().BeTrue();
        (await factory.RemoveConnectionAsync(first)).Should().BeFalse();
    }

    [Theory]
    [InlineData("\u0131ntune", "intune")]
    [InlineData("\u0130ntune", "intune")]
    public async Task GetOrCreateConnection_NameThatDoesNotFoldTogether_IsItsOwnConnection(string first, string second)
    {
        using var provider = Build();
        var factory = provider.GetRequiredService<IEntraConnectionFactory>();

        var created = factory.GetOrCreateConnection(first, o => o.Credential = new FakeTokenCredential());

        factory.GetOrCreateConnection(second, o => o.Credential = new FakeTokenCredential()).Should().NotBeSameAs(created);
        (await factory.RemoveConnectionAsync(second)).Should().BeTrue();
        factory.GetOrCreateConnection(first, o => o.Credential = new FakeTokenCredential()).Should().BeSameAs(created);
    }

    [Fact]
    public void GetConnection_ConfiguredNameWithKelvinSign_FindsTheSectionConfiguredWithK()
    {
        using var provider = BuildConfigured(
            ("EntraActions:Connections:kontoso:TenantId", "11111111-0000-4000-8000-00000000000a"),
            ("EntraActions:Connections:kontoso:ClientId", "33333333-0000-4000-8000-000000000003"),
            ("EntraActions:Connections:kontoso:ClientSecret", "k-secret"));
        var factory = provider.GetRequiredService<IEntraConnectionFactory>();

        var connection = factory.GetConnection("\u212Aontoso");

        connection.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EntraActionsOptions>>().Value.TenantId.Should().Be("11111111-0000-4000-8000-00000000000a");
        factory.GetConnection("KONTOSO").Should().BeSameAs(connection);
    }

    [Fact]
    public void GetConnection_TwoConfiguredSectionsThatFoldTogether_FailsNamingBoth()
    {
        using var provider = BuildConfigured(
            ("EntraActions:Connections:contoso:TenantId", "11111111-0000-4000-8000-00000000000a"),
            ("EntraActions:Connections:\uFF43ontoso:TenantId", "22222222-0000-4000-8000-00000000000b"));
        var factory = provider.GetRequiredService<IEntraConnectionFactory>();

        var act = () => factory.GetConnection("contoso");

        act.Should().Throw<InvalidOperationException>().WithMessage("*'contoso'*'\uFF43ontoso'*Rename one*");
    }

    private static ServiceProvider BuildConfigured(params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEntraConnections(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
