using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Entra.Actions.Tests.Catalog;

public class CatalogRegistrationTests
{
    private static ServiceCollection Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        return services;
    }

    [Fact]
    public void AddEntraActions_RegistersCatalogAndInvokerAsSingletons()
    {
        var services = Services();
        services.AddEntraActions(o => o.Credential = new TestSupport.FakeTokenCredential());
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        provider.GetRequiredService<IEntraActionCatalog>().Should().BeOfType<EntraActionCatalog>()
            .And.BeSameAs(provider.GetRequiredService<IEntraActionCatalog>());
        provider.GetRequiredService<IEntraActionInvoker>().Should().BeOfType<EntraActionInvoker>()
            .And.BeSameAs(provider.GetRequiredService<IEntraActionInvoker>());
        provider.GetRequiredService<IEntraActionCatalog>().Actions.Should().Equal(new EntraActionCatalog().Actions);
    }

    [Fact]
    public async Task AddEntraActions_HostRegisteredActions_AreWhatTheInvokerCalls()
    {
        var actions = new Mock<IEntraActions>(MockBehavior.Strict);
        actions.Setup(a => a.LookupGroupAsync(TestData.GroupId, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(CatalogSamples.FullGroup()));
        var services = Services();
        services.AddSingleton(actions.Object);
        services.AddEntraActions(o => o.Credential = new TestSupport.FakeTokenCredential());
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<IEntraActionInvoker>()
            .InvokeAsync(CatalogSamples.LookupGroup, new() { ["groupId"] = TestData.GroupId });

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Outputs.GetProperty("displayName").GetString().Should().Be("Retail");
    }

    [Fact]
    public void AddEntraActions_HostRegisteredCatalogAndInvoker_AreKept()
    {
        var catalog = Mock.Of<IEntraActionCatalog>();
        var invoker = Mock.Of<IEntraActionInvoker>();
        var services = Services();
        services.AddSingleton(catalog);
        services.AddSingleton(invoker);
        services.AddEntraActions(o => o.Credential = new TestSupport.FakeTokenCredential());
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IEntraActionCatalog>().Should().BeSameAs(catalog);
        provider.GetRequiredService<IEntraActionInvoker>().Should().BeSameAs(invoker);
    }
}
