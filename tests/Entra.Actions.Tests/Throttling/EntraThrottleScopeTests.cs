using Entra.Actions.Graph.Internal;
using Entra.Actions.Telemetry.Internal;
using Entra.Actions.Throttling.Internal;

namespace Entra.Actions.Tests.Throttling;

public sealed class EntraThrottleScopeTests
{
    private const string Tenant = "7a1c1d2e-0000-4000-8000-00000000c0de";
    private const string App = "11111111-2222-4333-8444-555555555555";
    private const string User = "99999999-8888-4777-8666-555555555555";

    [Theory]
    [InlineData("tenant:evil")]
    [InlineData("a}b")]
    [InlineData("x y")]
    [InlineData("*")]
    [InlineData("")]
    public void Constructor_ValueThatCouldSplitAKey_IsRefused(string tenant)
    {
        var create = () => new EntraThrottleScope(tenant, App);

        create.Should().Throw<ArgumentException>().WithParameterName("tenantId");
    }

    [Fact]
    public void From_DelegatedToken_KeysTheUserOneWay()
    {
        var scope = ThrottleScopes.From(Tenant, App, User)!;

        scope.UserKey.Should().HaveLength(32).And.NotContain(User).And.NotContain(User.Replace("-", string.Empty, StringComparison.Ordinal));
        scope.UserKey.Should().Be(ThrottleScopes.From(Tenant, App, User)!.UserKey, "every node derives the same key");
        ThrottleScopes.From(Tenant, App, "00000000-1111-4222-8333-444444444444")!.UserKey.Should().NotBe(scope.UserKey);
        ThrottleScopes.From("0000aaaa-0000-4000-8000-00000000c0de", App, User)!.UserKey.Should().NotBe(scope.UserKey, "the key is per tenant too");
        scope.Application.Should().Be(new EntraThrottleScope(Tenant, App));
        scope.ToString().Should().Be($"{Tenant}/{App}/{scope.UserKey}");
    }

    [Fact]
    public void From_AppOnlyToken_IsTheApplicationBudget()
    {
        var scope = ThrottleScopes.From(Tenant, App, null)!;

        scope.UserKey.Should().BeNull();
        scope.Application.Should().BeSameAs(scope);
        scope.ToString().Should().Be($"{Tenant}/{App}");
    }

    [Theory]
    [InlineData(null, App)]
    [InlineData(Tenant, null)]
    [InlineData("tenant/../x", App)]
    [InlineData(Tenant, "app id")]
    public void From_ClaimsWithoutAUsableTenantOrApp_GiveNoSharedScope(string? tenant, string? app) =>
        ThrottleScopes.From(tenant, app, User).Should().BeNull();

    [Fact]
    public void TokenIdentity_InACallThatSentARequest_GivesTheCallsOwnBudgetNotTheLatestTokens()
    {
        var identity = new TokenIdentity();
        var callersClaims = identity.Observe(Entra.Actions.Tests.TestSupport.TestJwt.Delegated("User.Read.All"))!;
        var callersScope = identity.ScopeOf(callersClaims);
        identity.Observe(Entra.Actions.Tests.TestSupport.TestJwt.Application("User.Read.All")); // another call's token, observed later

        using (var call = ActionCall.Start("entra.lookup_user", "contoso"))
        {
            call.ThrottleScope = callersScope;
            identity.ThrottleScope.Should().Be(callersScope, "the call's requests carried the delegated user's token");
        }

        identity.ThrottleScope.Should().Be(new EntraThrottleScope(Entra.Actions.Tests.TestSupport.TestJwt.TenantId, Entra.Actions.Tests.TestSupport.TestJwt.AppId), "outside a call: the latest token");
        callersScope!.UserKey.Should().NotBeNull();
    }
}
