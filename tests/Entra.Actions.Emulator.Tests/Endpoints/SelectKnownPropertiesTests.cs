using Entra.Actions.Emulator.Tests.Support;

namespace Entra.Actions.Emulator.Tests.Endpoints;

/// <summary>$select accepts every real v1.0 property; the ones the emulator does not model come back as null.</summary>
public class SelectKnownPropertiesTests
{
    private readonly Api _api = Api.App(Emulators.Demo());

    [Theory]
    [InlineData("identities")]
    [InlineData("postalCode")]
    [InlineData("onPremisesExtensionAttributes")]
    [InlineData("externalUserState")]
    public async Task GetUser_SelectUnmodelledRealProperty_ReturnsNull(string property)
    {
        var reply = await _api.GetAsync($"v1.0/users/{DemoTenant.AdeleVanceId}?$select=displayName,{property}");

        reply.Status.Should().Be(200);
        reply.Json["displayName"]!.GetValue<string>().Should().Be("Adele Vance");
        reply.Json.AsObject().ContainsKey(property).Should().BeTrue();
        reply.Json[property].Should().BeNull();
        reply.Json["@odata.context"]!.GetValue<string>().Should().Be($"https://graph.microsoft.com/v1.0/$metadata#users(displayName,{property})/$entity");
    }

    [Fact]
    public async Task GetUser_SelectDifferentCase_UsesCanonicalName()
    {
        var reply = await _api.GetAsync($"v1.0/users/{DemoTenant.AdeleVanceId}?$select=POSTALCODE");

        reply.Status.Should().Be(200);
        reply.Json.AsObject().ContainsKey("postalCode").Should().BeTrue();
    }

    [Fact]
    public async Task GetGroup_SelectAllowExternalSenders_ReturnsNull()
    {
        var reply = await _api.GetAsync($"v1.0/groups/{DemoTenant.HrTaskforceGroupId}?$select=allowExternalSenders,displayName");

        reply.Status.Should().Be(200);
        reply.Json.AsObject().ContainsKey("allowExternalSenders").Should().BeTrue();
        reply.Json["allowExternalSenders"].Should().BeNull();
    }

    [Theory]
    [InlineData("hasMembersWithLicenseErrors")]
    [InlineData("isArchived")]
    public async Task GetGroup_SelectUnselectableProperty_Returns400(string property)
    {
        var reply = await _api.GetAsync($"v1.0/groups/{DemoTenant.HrTaskforceGroupId}?$select={property}");

        reply.Status.Should().Be(400);
    }

    [Fact]
    public async Task GetGroup_SelectUnknownName_Returns400()
    {
        var reply = await _api.GetAsync($"v1.0/groups/{DemoTenant.HrTaskforceGroupId}?$select=postalCodez");

        reply.Status.Should().Be(400);
        reply.ErrorMessage.Should().Be("Could not find a property named 'postalCodez' on type 'microsoft.graph.group'.");
    }

    [Fact]
    public async Task GetUser_SelectGroupOnlyProperty_Returns400()
    {
        var reply = await _api.GetAsync($"v1.0/users/{DemoTenant.AdeleVanceId}?$select=allowExternalSenders");

        reply.Status.Should().Be(400);
    }

    [Fact]
    public async Task ListMembers_SelectUnmodelledUserProperty_ReturnsNullForUsersOnly()
    {
        var reply = await _api.GetAsync($"v1.0/groups/{DemoTenant.SalesAndMarketingGroupId}/members?$select=id,postalCode");

        reply.Status.Should().Be(200);
        var items = reply.Json["value"]!.AsArray();
        items.Where(i => i!["@odata.type"]!.GetValue<string>() == "#microsoft.graph.user").Should().OnlyContain(i => i!.AsObject().ContainsKey("postalCode"));
        items.Where(i => i!["@odata.type"]!.GetValue<string>() == "#microsoft.graph.group").Should().OnlyContain(i => !i!.AsObject().ContainsKey("postalCode"));
    }
}
