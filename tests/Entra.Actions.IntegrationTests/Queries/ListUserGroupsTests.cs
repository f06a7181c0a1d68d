using Entra.Actions.IntegrationTests.Support;

namespace Entra.Actions.IntegrationTests.Queries;

/// <summary>List user groups against the demo tenant: direct vs transitive as the emulator's model has them, kinds, limits, missing users.</summary>
public abstract class ListUserGroupsTests : EmulatorTestBase
{
    private const string Megan = DemoTenant.MeganBowenId;

    /// <summary>The groups (never roles or administrative units) the model says the user is in, in its order.</summary>
    private IReadOnlyList<string> Expected(string userId, bool transitive)
    {
        var id = Emulator.Directory.FindUser(userId)!.Id;
        var ids = transitive ? Emulator.Directory.GetTransitiveMemberOf(id) : Emulator.Directory.GetMemberOf(id);
        return [.. ids.Where(g => Emulator.Directory.FindGroup(g) is not null).Select(g => g.ToString())];
    }

    [Theory]
    [InlineData(DemoTenant.AdeleVanceId)]
    [InlineData(DemoTenant.AdeleVanceUpn)]
    public async Task ListUserGroups_AdeleDirect_RetailTeamAllCompanyAndTheDynamicGroup(string userId)
    {
        var result = await Queries.ListUserGroupsAsync(userId);

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Value!.Groups.Select(g => g.Id).Should().Equal(Expected(userId, transitive: false));
        result.Value.Groups.Select(g => g.Id).Should().Contain([DemoTenant.RetailTeamGroupId, DemoTenant.AllCompanyGroupId, DemoTenant.DynamicGroupId])
            .And.NotContain(DemoTenant.SalesAndMarketingGroupId);
        result.Value.Truncated.Should().BeFalse();
        Emulator.Journal.Entries.Should().ContainSingle().Which.RawPath.Should().EndWith("/memberOf");
    }

    [Fact]
    public async Task ListUserGroups_AdeleTransitive_AddsSalesAndMarketing()
    {
        var result = await Queries.ListUserGroupsAsync(DemoTenant.AdeleVanceId, transitive: true);

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Value!.Groups.Select(g => g.Id).Should().Equal(Expected(DemoTenant.AdeleVanceId, transitive: true));
        result.Value.Groups.Select(g => g.Id).Should().Contain([DemoTenant.RetailTeamGroupId, DemoTenant.AllCompanyGroupId, DemoTenant.DynamicGroupId, DemoTenant.SalesAndMarketingGroupId]);
        Emulator.Journal.Entries.Should().ContainSingle().Which.RawPath.Should().EndWith("/transitiveMemberOf");
    }

    [Theory]
    [InlineData(DemoTenant.AdeleVanceId, DemoTenant.RetailTeamGroupId, EntraGroupKind.Security, false)]
    [InlineData(DemoTenant.AdeleVanceId, DemoTenant.AllCompanyGroupId, EntraGroupKind.Microsoft365, false)]
    [InlineData(DemoTenant.AdeleVanceId, DemoTenant.DynamicGroupId, EntraGroupKind.Security, true)]
    [InlineData(Megan, DemoTenant.HrTaskforceGroupId, EntraGroupKind.Microsoft365, false)]
    [InlineData(Megan, DemoTenant.DistributionListGroupId, EntraGroupKind.Distribution, false)]
    [InlineData(Megan, DemoTenant.SalesAndMarketingGroupId, EntraGroupKind.Security, false)]
    [InlineData("EmilyB@contoso.com", DemoTenant.MailEnabledSecurityGroupId, EntraGroupKind.MailEnabledSecurity, false)]
    public async Task ListUserGroups_EachKind_DerivedAsLookupGroupDerivesIt(string userId, string groupId, EntraGroupKind kind, bool dynamic)
    {
        var model = Emulator.Directory.FindGroup(Guid.Parse(groupId))!;

        var result = await Queries.ListUserGroupsAsync(userId);

        var group = result.Value!.Groups.Should().ContainSingle(g => g.Id == groupId).Subject;
        group.DisplayName.Should().Be(model.DisplayName);
        group.Kind.Should().Be(kind);
        group.IsDynamic.Should().Be(dynamic).And.Be(model.IsDynamic);
        (await Actions.LookupGroupAsync(groupId)).Value!.Kind.Should().Be(kind);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    [InlineData(100_000, false)]
    public async Task ListUserGroups_MeganWithLimit_TruncatedExact(int limit, bool truncated)
    {
        var all = Expected(Megan, transitive: false);
        all.Should().HaveCount(4);

        var result = await Queries.ListUserGroupsAsync(Megan, limit: limit);

        result.Value!.Groups.Select(g => g.Id).Should().Equal(all.Take(limit));
        result.Value.Truncated.Should().Be(truncated);
        Emulator.Journal.Entries.Should().ContainSingle().Which.Query.Should().Contain($"$top={Math.Min(limit + 1, 999)}");
    }

    [Fact]
    public async Task ListUserGroups_ManyGroups_PagesUntilTheLimit()
    {
        var user = QueryOracle.User("Joiner Many", "joiner.many");
        Emulator.Directory.AddUser(user);
        for (var i = 0; i < 1500; i++)
        {
            Emulator.Directory.AddGroup(QueryOracle.Security($"Club {i}"), user.Id);
        }

        var all = await Queries.ListUserGroupsAsync(user.Id.ToString(), limit: 100_000);
        var some = await Queries.ListUserGroupsAsync(user.UserPrincipalName, limit: 1200);

        all.Value!.Groups.Should().HaveCount(1500);
        all.Value.Groups.Select(g => g.Id).Should().Equal(Expected(user.Id.ToString(), transitive: false));
        all.Value.Truncated.Should().BeFalse();
        some.Value!.Groups.Should().HaveCount(1200);
        some.Value.Truncated.Should().BeTrue();
        Emulator.Journal.Entries.Should().HaveCount(4, "two pages of 999 each time");
    }

    [Fact]
    public async Task ListUserGroups_GuestInNoGroup_EmptyNotAnError()
    {
        var result = await Queries.ListUserGroupsAsync(DemoTenant.GuestUserUpn, transitive: true);

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Value!.Groups.Should().BeEmpty();
        result.Value.Truncated.Should().BeFalse();
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task ListUserGroups_MissingUser_NotFoundNamingTheUser(bool transitive, bool byUpn)
    {
        var missing = byUpn ? "nobody@contoso.com" : Guid.NewGuid().ToString();

        var result = await Queries.ListUserGroupsAsync(missing, transitive);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Contain($"User '{missing}'");
        result.Error.StatusCode.Should().Be(404);
    }

    [Fact]
    public async Task ListUserGroups_GroupIdAsUser_NotFound()
    {
        var result = await Queries.ListUserGroupsAsync(DemoTenant.RetailTeamGroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
    }

    [Theory]
    [InlineData(DemoTenant.AdeleVanceId, 0)]
    [InlineData(DemoTenant.AdeleVanceId, 100_001)]
    [InlineData("..", 10)]
    public async Task ListUserGroups_InvalidInput_RefusedWithoutARequest(string userId, int limit)
    {
        var result = await Queries.ListUserGroupsAsync(userId, limit: limit);

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        Emulator.Journal.Count.Should().Be(0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ListUserGroups_UserHoldingARoleAndInAnAdministrativeUnit_OnlyGroups(bool transitive)
    {
        // Lee Gu holds the Groups Administrator role and is in the Seattle Office unit: Graph lists both in memberOf.
        Emulator.Directory.GetDirectoryRoleMemberIds(Guid.Parse(DemoTenant.GroupsAdministratorRoleId)).Should().Contain(Guid.Parse(DemoTenant.LeeGuId));
        Emulator.Directory.GetAdministrativeUnitMemberIds(Guid.Parse(DemoTenant.SeattleOfficeUnitId)).Should().Contain(Guid.Parse(DemoTenant.LeeGuId));

        var result = await Queries.ListUserGroupsAsync(DemoTenant.LeeGuId, transitive, limit: 2);

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Value!.Groups.Select(g => g.Id).Should().BeEquivalentTo([DemoTenant.SalesAndMarketingGroupId, DemoTenant.AllCompanyGroupId]);
        result.Value.Truncated.Should().BeFalse("the role and the unit are not groups, so they are not more groups past the limit");
        Emulator.Journal.Entries.Should().HaveCount(2, "$top=3 holds two groups and the role; the next page shows the unit is no group")
            .And.OnlyContain(e => e.StatusCode == 200);
    }

    public sealed class InProcess : ListUserGroupsTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    public sealed class Kestrel : ListUserGroupsTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }
}
