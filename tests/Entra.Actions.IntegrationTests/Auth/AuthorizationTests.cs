using Entra.Actions.IntegrationTests.Support;

namespace Entra.Actions.IntegrationTests.Auth;

public abstract class AuthorizationTests : EmulatorTestBase
{
    [Fact]
    public async Task AddUserToGroup_TokenWithoutGroupMemberReadWrite_ForbiddenNamingPermission()
    {
        var actions = Harness.CreateActions(Permissions.ReadOnly);

        var result = await actions.AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.ProjectFalconGroupId);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        result.Error.StatusCode.Should().Be(403);
        result.Error.GraphErrorCode.Should().Be("Authorization_RequestDenied");
        result.Error.Message.Should().Contain("GroupMember.ReadWrite.All");
        IsMember(DemoTenant.ProjectFalconGroupId, DemoTenant.AdeleVanceId).Should().BeFalse();
        Emulator.Journal.Writes().Should().ContainSingle().Which.StatusCode.Should().Be(403);
    }

    [Fact]
    public async Task RemoveMemberFromGroup_TokenWithoutGroupMemberReadWrite_ForbiddenNamingPermission()
    {
        var actions = Harness.CreateActions(Permissions.ReadOnly);

        var result = await actions.RemoveMemberFromGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.RetailTeamGroupId);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        result.Error.Message.Should().Contain("GroupMember.ReadWrite.All");
        IsMember(DemoTenant.RetailTeamGroupId, DemoTenant.AdeleVanceId).Should().BeTrue();
    }

    [Fact]
    public async Task LookupUser_TokenWithoutUserRead_Forbidden()
    {
        var actions = Harness.CreateActions(["GroupMember.Read.All"]);

        var result = await actions.LookupUserAsync(DemoTenant.AdeleVanceId);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        result.Error.StatusCode.Should().Be(403);
    }

    [Fact]
    public async Task LookupGroup_TokenWithoutGroupRead_Forbidden()
    {
        var actions = Harness.CreateActions(["User.Read.All"]);

        var result = await actions.LookupGroupAsync(DemoTenant.RetailTeamGroupId);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        result.Error.StatusCode.Should().Be(403);
    }

    [Fact]
    public async Task Lookups_DelegatedToken_Succeed()
    {
        var actions = Harness.CreateActions(EmulatorCredential.ForDelegated(["User.Read.All", "GroupMember.Read.All"]));

        var user = await actions.LookupUserAsync(DemoTenant.MeganBowenId);
        var group = await actions.LookupGroupAsync(DemoTenant.HrTaskforceGroupId);

        user.Succeeded.Should().BeTrue(user.ToString());
        user.Value!.DisplayName.Should().Be("Megan Bowen");
        group.Succeeded.Should().BeTrue(group.ToString());
        group.Value!.Kind.Should().Be(EntraGroupKind.Microsoft365);
    }

    [Fact]
    public async Task AddThenRemove_DelegatedTokenWithReadWrite_Changes()
    {
        var actions = Harness.CreateActions(EmulatorCredential.ForDelegated(["User.Read.All", "GroupMember.ReadWrite.All"]));

        var added = await actions.AddUserToGroupAsync(DemoTenant.LeeGuId, DemoTenant.ProjectFalconGroupId);
        IsMember(DemoTenant.ProjectFalconGroupId, DemoTenant.LeeGuId).Should().BeTrue();
        var removed = await actions.RemoveMemberFromGroupAsync(DemoTenant.LeeGuId, DemoTenant.ProjectFalconGroupId);

        added.Value!.Outcome.Should().Be(MembershipOutcome.Added);
        removed.Value!.Outcome.Should().Be(MembershipOutcome.Removed);
        IsMember(DemoTenant.ProjectFalconGroupId, DemoTenant.LeeGuId).Should().BeFalse();
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("aGVhZGVy.bm90IGpzb24.c2ln")]
    public async Task LookupUser_GarbledToken_Unauthorized(string token)
    {
        var actions = Harness.CreateActions(new StaticTokenCredential(token));

        var result = await actions.LookupUserAsync(DemoTenant.AdeleVanceId);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.Unauthorized, result.Error.Message);
        result.Error.StatusCode.Should().Be(401);
        result.Error.GraphErrorCode.Should().Be("InvalidAuthenticationToken");
        Emulator.Journal.Entries.Should().ContainSingle().Which.StatusCode.Should().Be(401);
    }

    [Fact]
    public async Task LookupUser_TokenForAnotherTenant_Unauthorized()
    {
        var otherTenant = Guid.NewGuid().ToString();
        var actions = Harness.CreateActions(new EmulatorCredential(() => EmulatorTokens.CreateApplication(Permissions.Connection, tenantId: otherTenant)));

        var result = await actions.LookupUserAsync(DemoTenant.AdeleVanceId);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.Unauthorized, result.Error.Message);
    }

    [Fact]
    public async Task AddUserToGroup_ExpiredToken_UnauthorizedNoChange()
    {
        var actions = Harness.CreateActions(new EmulatorCredential(() => EmulatorTokens.CreateApplication(Permissions.Connection, lifetime: TimeSpan.FromMinutes(-5))));

        var result = await actions.AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.ProjectFalconGroupId);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.Unauthorized, result.Error.Message);
        IsMember(DemoTenant.ProjectFalconGroupId, DemoTenant.AdeleVanceId).Should().BeFalse();
    }

    [Fact]
    public async Task AllActions_AuthorizationHeader_ReachesEmulatorOnEveryRequest()
    {
        var credential = EmulatorCredential.ForApplication(Permissions.Connection);
        var actions = Harness.CreateActions(credential);

        (await actions.LookupUserAsync(DemoTenant.AdeleVanceUpn)).Succeeded.Should().BeTrue();
        (await actions.LookupGroupAsync(DemoTenant.RetailTeamGroupId)).Succeeded.Should().BeTrue();
        (await actions.AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.ProjectFalconGroupId)).Succeeded.Should().BeTrue();
        (await actions.RemoveMemberFromGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.ProjectFalconGroupId)).Succeeded.Should().BeTrue();

        Emulator.Journal.Entries.Should().NotBeEmpty().And.OnlyContain(e => e.HasAuthorization && e.StatusCode < 400);
        Emulator.Journal.Entries.Should().OnlyContain(e => e.Headers["Authorization"] == "(redacted)");
        credential.TokenRequestCount.Should().BeGreaterThan(0);
    }

    public sealed class InProcess : AuthorizationTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    public sealed class Kestrel : AuthorizationTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }
}
