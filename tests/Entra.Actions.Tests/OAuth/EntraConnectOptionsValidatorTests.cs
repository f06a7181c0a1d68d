using Entra.Actions.OAuth.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Entra.Actions.Tests.OAuth;

public sealed class EntraConnectOptionsValidatorTests
{
    private static ValidateOptionsResult Validate(Action<EntraConnectOptions> configure)
    {
        var options = new EntraConnectOptions { ClientId = FlowFixture.ClientId, RedirectUri = new Uri("https://app.contoso.com/cb") };
        configure(options);
        return new EntraConnectOptionsValidator().Validate(null, options);
    }

    [Fact]
    public void Validate_Minimal_Succeeds() => Validate(_ => { }).Succeeded.Should().BeTrue();

    [Fact]
    public void Validate_NoClientIdNoRedirectUri_NamesBothSettings()
    {
        var result = Validate(o =>
        {
            o.ClientId = null;
            o.RedirectUri = null;
        });

        result.Failed.Should().BeTrue();
        result.Failures.Should().Contain(f => f.StartsWith("EntraActions:Connect:ClientId is not set", StringComparison.Ordinal));
        result.Failures.Should().Contain(f => f.StartsWith("EntraActions:Connect:RedirectUri is not set", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://login.contoso.com")]
    [InlineData("https://login.microsoftonline.com/tenant")]
    public void Validate_BadAuthorityHost_Fails(string authority) =>
        Validate(o => o.AuthorityHost = new Uri(authority)).Failures.Should().ContainSingle(f => f.Contains("AuthorityHost", StringComparison.Ordinal));

    [Fact]
    public void Validate_LoopbackHttpAuthorityAndRedirect_Succeeds() =>
        Validate(o =>
        {
            o.AuthorityHost = new Uri("http://127.0.0.1:5195");
            o.RedirectUri = new Uri("http://localhost:5000/cb");
        }).Succeeded.Should().BeTrue();

    [Theory]
    [InlineData("not a tenant")]
    [InlineData("")]
    public void Validate_BadTenant_Fails(string tenant) =>
        Validate(o => o.TenantId = tenant).Failures.Should().ContainSingle(f => f.Contains("TenantId", StringComparison.Ordinal));

    [Fact]
    public void Validate_ScopeWithResourcePrefix_Fails() =>
        Validate(o => o.Scopes = ["https://graph.microsoft.com/User.Read.All"]).Failures.Should().ContainSingle(f => f.Contains("Scopes", StringComparison.Ordinal));

    [Fact]
    public void ToString_WithSecret_MasksIt()
    {
        var options = new EntraConnectOptions { ClientId = FlowFixture.ClientId, ClientSecret = "s3cr3t-value" };

        options.ToString().Should().NotContain("s3cr3t-value").And.Contain("ClientSecret = ***");
    }

    [Fact]
    public void AddEntraConnectFlow_InvalidOptions_FailsAtStartWithSettingName()
    {
        var services = new ServiceCollection();
        services.AddEntraConnectFlow(_ => { });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<EntraConnectOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*ClientId is not set*");
    }
}
