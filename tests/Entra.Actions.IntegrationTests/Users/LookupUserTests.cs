using Entra.Actions.IntegrationTests.Support;

namespace Entra.Actions.IntegrationTests.Users;

public abstract class LookupUserTests : EmulatorTestBase
{
    [Fact]
    public async Task LookupUser_ById_ReturnsDefaultProperties()
    {
        var result = await Actions.LookupUserAsync(DemoTenant.AdeleVanceId);

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Value!.Id.Should().Be(DemoTenant.AdeleVanceId);
        result.Value.DisplayName.Should().Be("Adele Vance");
        result.Value.GivenName.Should().Be("Adele");
        result.Value.Surname.Should().Be("Vance");
        result.Value.UserPrincipalName.Should().Be(DemoTenant.AdeleVanceUpn);
        result.Value.Mail.Should().Be(DemoTenant.AdeleVanceUpn);
        result.Value.JobTitle.Should().Be("Retail Manager");
        result.Value.AdditionalProperties.Should().BeEmpty();
    }

    [Fact]
    public async Task LookupUser_ByUpn_ReturnsSameUser()
    {
        var result = await Actions.LookupUserAsync(DemoTenant.AdeleVanceUpn);

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Value!.Id.Should().Be(DemoTenant.AdeleVanceId);
        result.Value.UserPrincipalName.Should().Be(DemoTenant.AdeleVanceUpn);
    }

    [Fact]
    public async Task LookupUser_GuestExtUpn_ReturnsGuest()
    {
        var result = await Actions.LookupUserAsync(DemoTenant.GuestUserUpn);

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Value!.Id.Should().Be(DemoTenant.GuestUserId);
        result.Value.UserPrincipalName.Should().Be(DemoTenant.GuestUserUpn);
        result.Value.Mail.Should().Be("jane.doe@fabrikam.com");

        // The '#' of #EXT# must reach Graph escaped inside the path, not as a fragment.
        Emulator.Journal.Entries.Should().ContainSingle(e => e.Method == "GET")
            .Which.RawPath.Should().Contain("%23EXT%23");
    }

    [Fact]
    public async Task LookupUser_UnknownId_NotFound()
    {
        var missing = Guid.NewGuid().ToString();

        var result = await Actions.LookupUserAsync(missing);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.StatusCode.Should().Be(404);
        result.Error.Message.Should().Contain(missing);
        result.Error.RequestId.Should().NotBeNullOrEmpty();
        Emulator.Journal.Entries.Select(e => e.RequestId).Should().Contain(result.Error.RequestId);
    }

    [Fact]
    public async Task LookupUser_UnknownUpn_NotFound()
    {
        var result = await Actions.LookupUserAsync("nobody@contoso.com");

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Contain("nobody@contoso.com");
    }

    [Fact]
    public async Task LookupUser_ExtraProperties_ReturnsRequestedValues()
    {
        var result = await Actions.LookupUserAsync(DemoTenant.AdeleVanceId, ["department", "accountEnabled", "officeLocation"]);

        result.Succeeded.Should().BeTrue(result.ToString());
        var extra = result.Value!.AdditionalProperties;
        extra["department"].GetString().Should().Be("Retail");
        extra["accountEnabled"].GetBoolean().Should().BeTrue();
        extra["officeLocation"].GetString().Should().Be("18/2111");

        var select = Emulator.Journal.Entries.Should().ContainSingle().Which.Query;
        Uri.UnescapeDataString(select).Should().Contain("department").And.Contain("accountEnabled");
    }

    [Fact]
    public async Task LookupUser_DisabledUserAccountEnabled_False()
    {
        var result = await Actions.LookupUserAsync(DemoTenant.DisabledUserUpn, ["accountEnabled"]);

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Value!.Id.Should().Be(DemoTenant.DisabledUserId);
        result.Value.AdditionalProperties["accountEnabled"].GetBoolean().Should().BeFalse();
    }

    [Theory]
    [InlineData("department,id")]
    [InlineData("a/b")]
    [InlineData("$expand")]
    [InlineData("")]
    public async Task LookupUser_InvalidExtraPropertyName_InvalidInputNoRequest(string property)
    {
        var result = await Actions.LookupUserAsync(DemoTenant.AdeleVanceId, [property]);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        Emulator.Journal.Count.Should().Be(0);
    }

    [Fact]
    public async Task LookupUser_UnknownExtraProperty_FailsWithoutThrowing()
    {
        var result = await Actions.LookupUserAsync(DemoTenant.AdeleVanceId, ["noSuchProperty"]);

        result.Succeeded.Should().BeFalse(result.ToString());
        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.StatusCode.Should().Be(400);
    }

    public sealed class InProcess : LookupUserTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    public sealed class Kestrel : LookupUserTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }
}
