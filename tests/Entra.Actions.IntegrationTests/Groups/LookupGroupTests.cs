using Entra.Actions.IntegrationTests.Support;

namespace Entra.Actions.IntegrationTests.Groups;

public abstract class LookupGroupTests : EmulatorTestBase
{
    [Theory]
    [InlineData(DemoTenant.HrTaskforceGroupId, EntraGroupKind.Microsoft365, false)]
    [InlineData(DemoTenant.AllCompanyGroupId, EntraGroupKind.Microsoft365, false)]
    [InlineData(DemoTenant.RetailTeamGroupId, EntraGroupKind.Security, false)]
    [InlineData(DemoTenant.ProjectFalconGroupId, EntraGroupKind.Security, false)]
    [InlineData(DemoTenant.MailEnabledSecurityGroupId, EntraGroupKind.MailEnabledSecurity, false)]
    [InlineData(DemoTenant.DistributionListGroupId, EntraGroupKind.Distribution, false)]
    [InlineData(DemoTenant.DynamicGroupId, EntraGroupKind.Security, true)]
    [InlineData(DemoTenant.OnPremisesSyncedGroupId, EntraGroupKind.Security, false)]
    [InlineData(DemoTenant.RoleAssignableGroupId, EntraGroupKind.Security, false)]
    public async Task LookupGroup_DemoKind_DerivesKindAndDynamic(string groupId, EntraGroupKind kind, bool dynamic)
    {
        var expected = Emulator.Directory.FindGroup(Guid.Parse(groupId))!;

        var result = await Actions.LookupGroupAsync(groupId);

        result.Succeeded.Should().BeTrue(result.ToString());
        var group = result.Value!;
        group.Id.Should().Be(groupId);
        group.DisplayName.Should().Be(expected.DisplayName);
        group.Kind.Should().Be(kind);
        group.IsDynamic.Should().Be(dynamic);
        group.MailEnabled.Should().Be(expected.MailEnabled);
        group.SecurityEnabled.Should().Be(expected.SecurityEnabled);
        group.GroupTypes.Should().BeEquivalentTo(expected.GroupTypes);
        group.IsAssignableToRole.Should().Be(expected.IsAssignableToRole == true);
        group.OnPremisesSyncEnabled.Should().Be(expected.OnPremisesSyncEnabled);
        group.MembershipRule.Should().Be(expected.MembershipRule);
    }

    [Fact]
    public async Task LookupGroup_Microsoft365_ReturnsMailAndDescription()
    {
        var result = await Actions.LookupGroupAsync(DemoTenant.HrTaskforceGroupId);

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Value!.Description.Should().Be("Welcome to the HR Taskforce team.");
        result.Value.Mail.Should().Be("HRTaskforce@M365x214355.onmicrosoft.com");
        result.Value.MailNickname.Should().Be("HRTaskforce");
        result.Value.Visibility.Should().Be("Private");
        result.Value.CreatedDateTime.Should().Be(new DateTimeOffset(2017, 7, 31, 18, 56, 16, TimeSpan.Zero));
    }

    [Fact]
    public async Task LookupGroup_ExtraProperties_ReturnsRequestedValues()
    {
        var result = await Actions.LookupGroupAsync(DemoTenant.OnPremisesSyncedGroupId, ["onPremisesDomainName", "securityIdentifier"]);

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Value!.AdditionalProperties["onPremisesDomainName"].GetString().Should().Be("corp.contoso.com");
        result.Value.AdditionalProperties.Should().ContainKey("securityIdentifier");
    }

    [Fact]
    public async Task LookupGroup_UnknownId_NotFound()
    {
        var missing = Guid.NewGuid().ToString();

        var result = await Actions.LookupGroupAsync(missing);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.StatusCode.Should().Be(404);
        result.Error.Message.Should().Contain(missing);
    }

    [Fact]
    public async Task LookupGroup_UserId_NotFound()
    {
        var result = await Actions.LookupGroupAsync(DemoTenant.AdeleVanceId);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
    }

    public sealed class InProcess : LookupGroupTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    public sealed class Kestrel : LookupGroupTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }
}
