using Entra.Actions.IntegrationTests.Support;

namespace Entra.Actions.IntegrationTests.Queries;

public sealed class QuerySmokeTests : EmulatorTestBase
{
    protected override EmulatorHost Host => EmulatorHost.InProcess;

    [Fact]
    public async Task Smoke()
    {
        var search = await Queries.SearchUsersAsync("meg");
        search.Succeeded.Should().BeTrue(search.ToString());
        search.Value!.Users.Select(u => u.Id).Should().Contain(DemoTenant.MeganBowenId);

        var hostile = await Queries.SearchUsersAsync("a' or startswith(displayName,'");
        hostile.Succeeded.Should().BeTrue(hostile.ToString());
        hostile.Value!.Users.Should().BeEmpty();

        var find = await Queries.FindGroupAsync("retail team");
        find.Succeeded.Should().BeTrue(find.ToString());
        find.Value!.Id.Should().Be(DemoTenant.RetailTeamGroupId);

        var members = await Queries.ListGroupMembersAsync(DemoTenant.SalesAndMarketingGroupId, transitive: true, limit: 3);
        members.Succeeded.Should().BeTrue(members.ToString());
        members.Value!.Count.Should().Be(3);
        members.Value.Truncated.Should().BeTrue();

        var all = await Queries.ListGroupMembersAsync(DemoTenant.AllCompanyGroupId, limit: 100_000);
        all.Succeeded.Should().BeTrue(all.ToString());
        all.Value!.Truncated.Should().BeFalse();

        var check = await Queries.CheckMembershipAsync(DemoTenant.AdeleVanceUpn, DemoTenant.SalesAndMarketingGroupId);
        check.Succeeded.Should().BeTrue(check.ToString());
        check.Value!.IsMember.Should().BeTrue();
        var direct = await Queries.CheckMembershipAsync(DemoTenant.AdeleVanceUpn, DemoTenant.SalesAndMarketingGroupId, transitive: false);
        direct.Succeeded.Should().BeTrue(direct.ToString());
        direct.Value!.IsMember.Should().BeFalse();
        var missing = await Queries.CheckMembershipAsync(DemoTenant.AdeleVanceId, Guid.NewGuid().ToString());
        missing.Error!.Kind.Should().Be(EntraErrorKind.NotFound);

        var groups = await Queries.ListUserGroupsAsync(DemoTenant.AdeleVanceId, transitive: true);
        groups.Succeeded.Should().BeTrue(groups.ToString());
        groups.Value!.Groups.Select(g => g.Id).Should().Contain(DemoTenant.SalesAndMarketingGroupId);
    }
}
