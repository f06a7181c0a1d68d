using Entra.Actions.IntegrationTests.Support;

namespace Entra.Actions.IntegrationTests.Queries;

/// <summary>List group members against the demo tenant and a large custom group: direct vs transitive, types, paging, limits.</summary>
public abstract class ListGroupMembersTests : EmulatorTestBase
{
    private IReadOnlyList<string> Direct(string groupId) => [.. Emulator.Directory.GetMemberIds(Guid.Parse(groupId)).Select(id => id.ToString())];

    private IReadOnlyList<string> Transitive(string groupId) => [.. Emulator.Directory.GetTransitiveMemberIds(Guid.Parse(groupId)).Select(id => id.ToString())];

    [Fact]
    public async Task ListGroupMembers_SalesAndMarketingDirect_ThreeUsersAndTheNestedGroup()
    {
        var result = await Queries.ListGroupMembersAsync(DemoTenant.SalesAndMarketingGroupId);

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Value!.Members.Select(m => m.Id).Should().Equal(Direct(DemoTenant.SalesAndMarketingGroupId));
        result.Value.Members.Select(m => m.Id).Should().BeEquivalentTo(
            [DemoTenant.AlexWilberId, DemoTenant.MeganBowenId, DemoTenant.LeeGuId, DemoTenant.RetailTeamGroupId]);
        result.Value.Members.Should().NotContain(m => m.Id == DemoTenant.AdeleVanceId, "Adele is only in the nested group");
        result.Value.Count.Should().Be(4);
        result.Value.Truncated.Should().BeFalse();
        Emulator.Journal.Entries.Should().ContainSingle().Which.RawPath.Should().EndWith("/members");
    }

    [Fact]
    public async Task ListGroupMembers_SalesAndMarketingTransitive_AddsTheNestedMembersAndKeepsTheNestedGroup()
    {
        var result = await Queries.ListGroupMembersAsync(DemoTenant.SalesAndMarketingGroupId, transitive: true);

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Value!.Members.Select(m => m.Id).Should().Equal(Transitive(DemoTenant.SalesAndMarketingGroupId), "the emulator's own answer, in its order");
        result.Value.Members.Select(m => m.Id).Should().Contain([DemoTenant.AdeleVanceId, DemoTenant.DiegoSicilianiId, DemoTenant.RetailTeamGroupId]);
        result.Value.Members.Single(m => m.Id == DemoTenant.RetailTeamGroupId).ObjectType.Should().Be(EntraObjectType.Group, "transitiveMembers lists nested groups too");
        result.Value.Count.Should().Be(6);
        Emulator.Journal.Entries.Should().ContainSingle().Which.RawPath.Should().EndWith("/transitiveMembers");
    }

    [Fact]
    public async Task ListGroupMembers_Users_CarryTypeNamesUpnAndMail_GroupsCarryTypeAndName()
    {
        var result = await Queries.ListGroupMembersAsync(DemoTenant.SalesAndMarketingGroupId, transitive: true);

        foreach (var member in result.Value!.Members)
        {
            if (Emulator.Directory.FindUser(member.Id) is { } user)
            {
                member.ObjectType.Should().Be(EntraObjectType.User);
                member.DisplayName.Should().Be(user.DisplayName);
                member.UserPrincipalName.Should().Be(user.UserPrincipalName);
                member.Mail.Should().Be(user.Mail);
            }
            else
            {
                var group = Emulator.Directory.FindGroup(Guid.Parse(member.Id))!;
                member.ObjectType.Should().Be(EntraObjectType.Group);
                member.DisplayName.Should().Be(group.DisplayName);
                member.UserPrincipalName.Should().BeNull();
            }
        }
    }

    [Fact]
    public async Task ListGroupMembers_EmptyGroup_NoMembersNotTruncated()
    {
        var result = await Queries.ListGroupMembersAsync(DemoTenant.ProjectFalconGroupId, transitive: true);

        result.Value!.Members.Should().BeEmpty();
        result.Value.Truncated.Should().BeFalse();
    }

    [Theory]
    [InlineData(5, 5, true, 6)]
    [InlineData(29, 29, true, 30)]
    [InlineData(30, 30, false, 31)]
    [InlineData(31, 30, false, 32)]
    [InlineData(100_000, 30, false, 999)]
    public async Task ListGroupMembers_AllCompanyWithLimit_CountAndTruncatedExactInOneRequest(int limit, int count, bool truncated, int top)
    {
        Direct(DemoTenant.AllCompanyGroupId).Should().HaveCount(30);

        var result = await Queries.ListGroupMembersAsync(DemoTenant.AllCompanyGroupId, limit: limit);

        result.Value!.Count.Should().Be(count);
        result.Value.Truncated.Should().Be(truncated);
        result.Value.Members.Select(m => m.Id).Should().Equal(Direct(DemoTenant.AllCompanyGroupId).Take(count));
        result.Value.Members.Should().OnlyContain(m => m.ObjectType == EntraObjectType.User && m.UserPrincipalName != null && m.Mail != null);
        var request = Emulator.Journal.Entries.Should().ContainSingle().Subject;
        request.Query.Should().Contain($"$top={top}");
    }

    [Theory]
    [InlineData(100_000, 2100, false, 3)]
    [InlineData(2100, 2100, false, 3)]
    [InlineData(1998, 1998, true, 3)] // the 1,999th member is on the third page
    [InlineData(1000, 1000, true, 2)]
    [InlineData(998, 998, true, 1)]
    public async Task ListGroupMembers_LargeGroup_FollowsNextLinksOnlyAsFarAsTheLimitNeeds(int limit, int count, bool truncated, int pages)
    {
        var group = QueryOracle.Security("Everyone Big");
        Emulator.Directory.AddGroup(group);
        for (var i = 0; i < 2100; i++)
        {
            var user = QueryOracle.User($"Big User {i}", $"big{i}");
            Emulator.Directory.AddUser(user).AddMember(group.Id, user.Id);
        }

        var result = await Queries.ListGroupMembersAsync(group.Id.ToString(), limit: limit);

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Value!.Count.Should().Be(count);
        result.Value.Truncated.Should().Be(truncated);
        result.Value.Members.Select(m => m.Id).Should().Equal(Direct(group.Id.ToString()).Take(count));
        result.Value.Members.Select(m => m.Id).Should().OnlyHaveUniqueItems();
        Emulator.Journal.Entries.Should().HaveCount(pages).And.OnlyContain(e => e.StatusCode == 200 && e.Query.Contains("$top=" + Math.Min(limit + 1, 999)));
    }

    [Fact]
    public async Task ListGroupMembers_MissingGroup_NotFoundNamingTheGroup()
    {
        var missing = Guid.NewGuid().ToString();

        var result = await Queries.ListGroupMembersAsync(missing, transitive: true);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Contain(missing);
        result.Error.StatusCode.Should().Be(404);
    }

    [Fact]
    public async Task ListGroupMembers_UserIdAsGroup_NotFound()
    {
        var result = await Queries.ListGroupMembersAsync(DemoTenant.AdeleVanceId);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
    }

    [Theory]
    [InlineData("AdeleV@contoso.com", 100)]
    [InlineData("../users", 100)]
    [InlineData(DemoTenant.AllCompanyGroupId, 0)]
    [InlineData(DemoTenant.AllCompanyGroupId, 100_001)]
    public async Task ListGroupMembers_InvalidInput_RefusedWithoutARequest(string groupId, int limit)
    {
        var result = await Queries.ListGroupMembersAsync(groupId, limit: limit);

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        Emulator.Journal.Count.Should().Be(0);
    }

    public sealed class InProcess : ListGroupMembersTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    public sealed class Kestrel : ListGroupMembersTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }
}
