using Entra.Actions.IntegrationTests.Support;

namespace Entra.Actions.IntegrationTests.Connections;

/// <summary>The connection check against emulated tenants, with application and delegated tokens granting too little and too much.</summary>
public sealed class ConnectionCheckTests : IAsyncDisposable
{
    private readonly TwoTenants _tenants = new();

    private static EntraActionReadiness Action(EntraConnectionReport report, string id) => report.Actions.Single(a => a.ActionId == id);

    [Fact]
    public async Task Application_ExactlyWhatTheActionsNeed_WorksAllActionsRunOrganizationNotReadable()
    {
        var connection = _tenants.Connect("c", _tenants.Contoso, _tenants.Contoso.CreateApplicationCredential("User.Read.All", "GroupMember.ReadWrite.All"));

        var report = await connection.CheckAsync();

        report.Works.Should().BeTrue();
        report.TenantId.Should().Be(TwoTenants.ContosoTenantId.ToString());
        report.PermissionModel.Should().Be(EntraPermissionModel.Application);
        report.ApplicationId.Should().Be(DemoTenant.ApplicationId);
        report.UserPrincipalName.Should().BeNull();
        report.GrantedPermissions.Should().Equal("User.Read.All", "GroupMember.ReadWrite.All");
        report.Actions.Select(a => a.ActionId).Should().Equal(new EntraActionCatalog().Actions.Select(a => a.Id), "every action, as the catalog lists them");
        report.Actions.Should().OnlyContain(a => a.CanRun);
        report.ExcessPermissions.Should().BeEmpty();
        report.OrganizationDisplayName.Should().BeNull();
        report.Warnings.Should().ContainSingle().Which.Kind.Should().Be(EntraConnectionWarningKind.OrganizationNotReadable);
        _tenants.Contoso.Journal.Entries.Should().ContainSingle().Which.StatusCode.Should().Be(403);
    }

    [Fact]
    public async Task Application_EveryListedPermission_RunsEverythingAndCallsTheIncludedOneRedundantNotExcess()
    {
        var connection = _tenants.Connect("c", _tenants.Contoso, _tenants.Contoso.CreateApplicationCredential("User.Read.All", "GroupMember.Read.All", "GroupMember.ReadWrite.All"));

        var report = await connection.CheckAsync();

        report.Actions.Should().OnlyContain(a => a.CanRun);
        report.ExcessPermissions.Should().BeEmpty();
        report.Warnings.Select(w => w.Kind).Should().BeEquivalentTo([EntraConnectionWarningKind.RedundantPermissions, EntraConnectionWarningKind.OrganizationNotReadable]);
        report.Warnings.Single(w => w.Kind == EntraConnectionWarningKind.RedundantPermissions).Message
            .Should().Contain("GroupMember.Read.All is included in GroupMember.ReadWrite.All");
    }

    [Fact]
    public async Task Application_BroaderAndUnrelatedPermissions_ReadsTheOrganizationAndWarnsAboutTheExcess()
    {
        var connection = _tenants.Connect("c", _tenants.Contoso, _tenants.Contoso.CreateApplicationCredential("Directory.Read.All", "GroupMember.ReadWrite.All", "Mail.Send"));

        var report = await connection.CheckAsync();

        report.Works.Should().BeTrue();
        report.OrganizationDisplayName.Should().Be("Contoso Flows");
        report.VerifiedDomains.Should().Equal("contoso.example", "contosoflows.onmicrosoft.com");
        report.Actions.Should().OnlyContain(a => a.CanRun, "Directory.Read.All covers the reads, GroupMember.ReadWrite.All the writes");
        report.ExcessPermissions.Should().Equal("Directory.Read.All", "Mail.Send");
        report.Warnings.Should().ContainSingle().Which.Kind.Should().Be(EntraConnectionWarningKind.ExcessPermissions);
    }

    [Fact]
    public async Task Application_MissingPermissions_NamesWhatEachActionLacks()
    {
        var connection = _tenants.Connect("c", _tenants.Contoso, _tenants.Contoso.CreateApplicationCredential("User.Read.All"));

        var report = await connection.CheckAsync();

        report.Works.Should().BeTrue();
        Action(report, "entra.lookup_user").CanRun.Should().BeTrue();
        Action(report, "entra.lookup_group").MissingPermissions.Should().Equal("GroupMember.Read.All");
        Action(report, "entra.add_user_to_group").MissingPermissions.Should().Equal("GroupMember.ReadWrite.All");
        Action(report, "entra.remove_member_from_group").MissingPermissions.Should().Equal("GroupMember.ReadWrite.All");
        report.Warnings.Select(w => w.Kind).Should().BeEquivalentTo([EntraConnectionWarningKind.MissingPermissions, EntraConnectionWarningKind.OrganizationNotReadable]);

        // The report agrees with Graph: the action it says cannot run is refused.
        var refused = await connection.Actions.LookupGroupAsync(TwoTenants.ContosoGroupId.ToString());
        refused.Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
    }

    [Fact]
    public async Task Delegated_ServiceAccountWithAMissingScope_ReportsTheUserWarnsAndReadsTheOrganizationWithUserRead()
    {
        var connection = _tenants.Connect("f", _tenants.Fabrikam, _tenants.Fabrikam.CreateDelegatedCredential(
            ["openid", "offline_access", "User.Read", "GroupMember.ReadWrite.All"], TwoTenants.BobId.ToString()));

        var report = await connection.CheckAsync();

        report.Works.Should().BeTrue();
        report.TenantId.Should().Be(TwoTenants.FabrikamTenantId.ToString());
        report.PermissionModel.Should().Be(EntraPermissionModel.Delegated);
        report.UserPrincipalName.Should().Be(TwoTenants.BobUpn);
        report.UserObjectId.Should().Be(TwoTenants.BobId.ToString());
        report.OrganizationDisplayName.Should().Be("Fabrikam Inc");
        report.VerifiedDomains.Should().Equal("fabrikam.example", "fabrikaminc.onmicrosoft.com");
        Action(report, "entra.lookup_user").MissingPermissions.Should().Equal("User.Read.All");
        Action(report, "entra.lookup_group").CanRun.Should().BeTrue();
        Action(report, "entra.add_user_to_group").MissingPermissions.Should().Equal("User.Read.All");
        report.ExcessPermissions.Should().BeEmpty("sign-in scopes are not a least-privilege finding");
        report.Warnings.Should().Contain(w => w.Kind == EntraConnectionWarningKind.DelegatedConnection && w.Message.Contains(TwoTenants.BobUpn));
        report.Warnings.Should().Contain(w => w.Kind == EntraConnectionWarningKind.MissingPermissions);
    }

    [Fact]
    public async Task Delegated_ExcessScopes_AreListed()
    {
        var connection = _tenants.Connect("f", _tenants.Fabrikam, _tenants.Fabrikam.CreateDelegatedCredential(
            ["User.Read.All", "Group.ReadWrite.All", "Directory.AccessAsUser.All"], TwoTenants.BeaId.ToString()));

        var report = await connection.CheckAsync();

        report.Works.Should().BeTrue();
        report.UserPrincipalName.Should().Be(TwoTenants.BeaUpn);
        report.Actions.Should().OnlyContain(a => a.CanRun);
        report.ExcessPermissions.Should().Equal("Group.ReadWrite.All", "Directory.AccessAsUser.All");
        report.Warnings.Select(w => w.Kind).Should().Contain([EntraConnectionWarningKind.DelegatedConnection, EntraConnectionWarningKind.ExcessPermissions]);
    }

    [Fact]
    public async Task TokenOfAnotherTenant_DoesNotWorkAndIsUnauthorized()
    {
        var connection = _tenants.Connect("wrong", _tenants.Fabrikam, _tenants.Contoso.CreateApplicationCredential());

        var report = await connection.CheckAsync();

        report.Works.Should().BeFalse();
        report.Error!.Kind.Should().Be(EntraErrorKind.Unauthorized);
        report.Error.StatusCode.Should().Be(401);
        report.Error.RequestId.Should().NotBeNullOrEmpty();
        report.TenantId.Should().Be(TwoTenants.ContosoTenantId.ToString(), "the report still says which tenant the token is for");
    }

    [Fact]
    public async Task ExpiredToken_DoesNotWork()
    {
        var expired = new EmulatorCredential(() => EmulatorTokens.CreateApplication(
            EmulatorTokens.DefaultPermissions, tenantId: TwoTenants.ContosoTenantId.ToString(), lifetime: TimeSpan.FromMinutes(-5)));
        var connection = _tenants.Connect("expired", _tenants.Contoso, expired);

        var report = await connection.CheckAsync();

        report.Works.Should().BeFalse();
        report.Error!.Kind.Should().Be(EntraErrorKind.Unauthorized);
    }

    public async ValueTask DisposeAsync() => await _tenants.DisposeAsync();
}
