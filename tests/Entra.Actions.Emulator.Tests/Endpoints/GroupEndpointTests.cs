using Entra.Actions.Emulator.Tests.Support;

namespace Entra.Actions.Emulator.Tests.Endpoints;

public class GroupEndpointTests
{
    private readonly GraphEmulator _emulator = Emulators.Demo();

    [Fact]
    public async Task GetGroup_HrTaskforce_MatchesContractSample()
    {
        var reply = await Api.App(_emulator).GetAsync($"v1.0/groups/{DemoTenant.HrTaskforceGroupId}");

        reply.Status.Should().Be(200);
        reply.Body.Should().Be("""
            {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#groups/$entity","id":"02bd9fd6-8f93-4758-87c3-1fb73740a315","deletedDateTime":null,"classification":null,"createdDateTime":"2017-07-31T18:56:16Z","description":"Welcome to the HR Taskforce team.","displayName":"HR Taskforce","expirationDateTime":null,"groupTypes":["Unified"],"isAssignableToRole":null,"mail":"HRTaskforce@M365x214355.onmicrosoft.com","mailEnabled":true,"mailNickname":"HRTaskforce","membershipRule":null,"membershipRuleProcessingState":null,"onPremisesDomainName":null,"onPremisesLastSyncDateTime":null,"onPremisesNetBiosName":null,"onPremisesSamAccountName":null,"onPremisesSecurityIdentifier":null,"onPremisesSyncEnabled":null,"preferredDataLocation":null,"preferredLanguage":null,"proxyAddresses":["SMTP:HRTaskforce@M365x214355.onmicrosoft.com"],"renewedDateTime":"2020-01-24T19:01:14Z","resourceBehaviorOptions":[],"resourceProvisioningOptions":["Team"],"securityEnabled":false,"securityIdentifier":"S-1-12-1-45981654-1196986259-3072312199-363020343","theme":null,"visibility":"Private","onPremisesProvisioningErrors":[]}
            """);
    }

    [Fact]
    public async Task GetGroup_WithSelect_ReturnsSelectedPlusId()
    {
        var reply = await Api.App(_emulator).GetAsync($"v1.0/groups/{DemoTenant.DynamicGroupId}?$select=groupTypes,membershipRule,onPremisesSyncEnabled");

        reply.Json.AsObject().Select(p => p.Key).Should().Equal("@odata.context", "groupTypes", "membershipRule", "onPremisesSyncEnabled", "id");
        reply.Json["@odata.context"]!.GetValue<string>().Should().EndWith("#groups(groupTypes,membershipRule,onPremisesSyncEnabled)/$entity");
        reply.Json["groupTypes"]![0]!.GetValue<string>().Should().Be("DynamicMembership");
    }

    [Fact]
    public async Task GetGroup_NonGuidId_Returns400InvalidObjectIdentifier()
    {
        var reply = await Api.App(_emulator).GetAsync("v1.0/groups/not-a-guid");

        reply.Status.Should().Be(400);
        reply.ErrorCode.Should().Be("Request_BadRequest");
        reply.ErrorMessage.Should().Be("Invalid object identifier 'not-a-guid'.");
    }

    [Fact]
    public async Task GetGroup_UnknownId_Returns404()
    {
        var id = Guid.NewGuid().ToString();

        var reply = await Api.App(_emulator).GetAsync($"v1.0/groups/{id}");

        reply.Status.Should().Be(404);
        reply.ErrorMessage.Should().Be($"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");
    }

    [Fact]
    public async Task ListMembers_Paged_FollowsNextLinkThroughAllMembers()
    {
        var api = Api.App(_emulator);
        var seen = new List<string>();
        var url = $"v1.0/groups/{DemoTenant.AllCompanyGroupId}/members?$top=7&$select=displayName";
        var pages = 0;
        while (url is not null)
        {
            var reply = await api.GetAsync(url);
            reply.Status.Should().Be(200);
            pages++;
            foreach (var item in reply.Json["value"]!.AsArray())
            {
                item!["@odata.type"]!.GetValue<string>().Should().Be("#microsoft.graph.user");
                item.AsObject().Select(p => p.Key).Should().Equal("@odata.type", "displayName", "id");
                seen.Add(item["id"]!.GetValue<string>());
            }

            url = reply.Json["@odata.nextLink"]?.GetValue<string>();
        }

        seen.Should().HaveCount(30).And.OnlyHaveUniqueItems();
        pages.Should().Be(5);
    }

    [Fact]
    public async Task ListMembers_DefaultPageSize_Is100()
    {
        var directory = _emulator.Directory;
        var group = Guid.Parse(DemoTenant.ProjectFalconGroupId);
        for (var i = 0; i < 150; i++)
        {
            var id = Guid.NewGuid();
            directory.AddUser(new EmulatedUser { Id = id, DisplayName = $"Bulk {i}", UserPrincipalName = $"bulk{i}@contoso.com" }).AddMember(group, id);
        }

        var reply = await Api.App(_emulator).GetAsync($"v1.0/groups/{group}/members");

        reply.Json["value"]!.AsArray().Should().HaveCount(100);
        reply.Json["@odata.nextLink"]!.GetValue<string>().Should().StartWith($"https://graph.emulator.local/v1.0/groups/{group}/members?$top=100");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1000")]
    [InlineData("x")]
    public async Task ListMembers_InvalidTop_Returns400(string top)
    {
        var reply = await Api.App(_emulator).GetAsync($"v1.0/groups/{DemoTenant.AllCompanyGroupId}/members?$top={top}");

        reply.Status.Should().Be(400);
        reply.ErrorCode.Should().Be("Request_BadRequest");
    }

    [Fact]
    public async Task ListMembers_Direct_ReturnsNestedGroupNotItsMembers()
    {
        var reply = await Api.App(_emulator).GetAsync($"v1.0/groups/{DemoTenant.SalesAndMarketingGroupId}/members");

        var items = reply.Json["value"]!.AsArray();
        items.Select(i => i!["id"]!.GetValue<string>()).Should().Contain(DemoTenant.RetailTeamGroupId).And.NotContain(DemoTenant.AdeleVanceId);
        items.Single(i => i!["id"]!.GetValue<string>() == DemoTenant.RetailTeamGroupId)!["@odata.type"]!.GetValue<string>().Should().Be("#microsoft.graph.group");
    }

    [Fact]
    public async Task ListTransitiveMembers_NestedGroup_IncludesNestedMembers()
    {
        var reply = await Api.App(_emulator).GetAsync($"v1.0/groups/{DemoTenant.SalesAndMarketingGroupId}/transitiveMembers");

        reply.Json["value"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).Should().Contain([DemoTenant.AdeleVanceId, DemoTenant.RetailTeamGroupId]);
        reply.Header("x-ms-resource-unit").Should().Be("5");
    }

    [Fact]
    public async Task ListMembers_UserCast_ReturnsOnlyUsers()
    {
        var reply = await Api.App(_emulator).GetAsync($"v1.0/groups/{DemoTenant.SalesAndMarketingGroupId}/members/microsoft.graph.user");

        reply.Json["value"]!.AsArray().Should().HaveCount(3).And.OnlyContain(i => i!["@odata.type"]!.GetValue<string>() == "#microsoft.graph.user");
    }

    [Fact]
    public async Task CountMembers_WithConsistencyLevel_ReturnsPlainInteger()
    {
        var reply = await Api.App(_emulator).GetAsync($"v1.0/groups/{DemoTenant.SalesAndMarketingGroupId}/members/$count", ("ConsistencyLevel", "eventual"));

        reply.Status.Should().Be(200);
        reply.ContentType.Should().StartWith("text/plain");
        reply.Body.Should().Be("4");
    }

    [Fact]
    public async Task CountMembers_WithoutConsistencyLevel_Returns400()
    {
        var reply = await Api.App(_emulator).GetAsync($"v1.0/groups/{DemoTenant.SalesAndMarketingGroupId}/members/$count");

        reply.Status.Should().Be(400);
        reply.ErrorCode.Should().Be("Request_BadRequest");
    }

    [Fact]
    public async Task ListMembers_CountTrue_OnlyWithConsistencyLevel()
    {
        var api = Api.App(_emulator);
        var path = $"v1.0/groups/{DemoTenant.SalesAndMarketingGroupId}/members?$count=true";

        var without = await api.GetAsync(path);
        var with = await api.GetAsync(path, ("ConsistencyLevel", "eventual"));

        without.Status.Should().Be(200);
        without.Json.AsObject().ContainsKey("@odata.count").Should().BeFalse();
        with.Json["@odata.count"]!.GetValue<int>().Should().Be(4);
    }

    [Fact]
    public async Task ListMembers_SearchWithoutConsistencyLevel_Returns400UnsupportedQuery()
    {
        var reply = await Api.App(_emulator).GetAsync($"v1.0/groups/{DemoTenant.AllCompanyGroupId}/members?$search=%22displayName:a%22");

        reply.Status.Should().Be(400);
        reply.ErrorCode.Should().Be("Request_UnsupportedQuery");
    }

    [Fact]
    public async Task ListMembers_UserReadMissing_ReturnsLimitedInformationForUsers()
    {
        var reply = await Api.App(_emulator, "GroupMember.Read.All").GetAsync($"v1.0/groups/{DemoTenant.HrTaskforceGroupId}/members");

        var first = reply.Json["value"]![0]!;
        first["id"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        first["@odata.type"]!.GetValue<string>().Should().Be("#microsoft.graph.user");
        first["displayName"].Should().BeNull();
    }

    [Fact]
    public async Task MemberOf_User_ListsDirectGroupsOnly()
    {
        var direct = await Api.App(_emulator).GetAsync($"v1.0/users/{DemoTenant.AdeleVanceId}/memberOf");
        var transitive = await Api.App(_emulator).GetAsync($"v1.0/users/{DemoTenant.AdeleVanceId}/transitiveMemberOf");

        direct.Json["value"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).Should().Contain(DemoTenant.RetailTeamGroupId).And.NotContain(DemoTenant.SalesAndMarketingGroupId);
        transitive.Json["value"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).Should().Contain(DemoTenant.SalesAndMarketingGroupId);
        direct.Header("x-ms-resource-unit").Should().Be("2");
    }

    [Fact]
    public async Task CheckMemberGroups_Transitive_ReturnsSubset()
    {
        var body = new { groupIds = new[] { DemoTenant.SalesAndMarketingGroupId, DemoTenant.HrTaskforceGroupId, DemoTenant.RetailTeamGroupId } };

        var reply = await Api.App(_emulator).PostAsync($"v1.0/users/{DemoTenant.AdeleVanceUpn}/checkMemberGroups", body);

        reply.Status.Should().Be(200);
        reply.Json["@odata.context"]!.GetValue<string>().Should().Be("https://graph.microsoft.com/v1.0/$metadata#Collection(Edm.String)");
        reply.Json["value"]!.AsArray().Select(v => v!.GetValue<string>()).Should().BeEquivalentTo([DemoTenant.SalesAndMarketingGroupId, DemoTenant.RetailTeamGroupId]);
        reply.Header("x-ms-resource-unit").Should().Be("4");
    }

    [Fact]
    public async Task CheckMemberGroups_MoreThan20_Returns400()
    {
        var body = new { groupIds = Enumerable.Range(0, 21).Select(_ => Guid.NewGuid().ToString()).ToArray() };

        var reply = await Api.App(_emulator).PostAsync($"v1.0/users/{DemoTenant.AdeleVanceId}/checkMemberGroups", body);

        reply.Status.Should().Be(400);
    }

    [Fact]
    public async Task GetByIds_MixedIds_ReturnsTypedObjectsAndOmitsMissing()
    {
        var body = new { ids = new[] { DemoTenant.AdeleVanceId, Guid.NewGuid().ToString(), DemoTenant.HrTaskforceGroupId } };

        var reply = await Api.App(_emulator, "Directory.Read.All").PostAsync("v1.0/directoryObjects/getByIds", body);

        reply.Status.Should().Be(200);
        reply.Json["@odata.context"]!.GetValue<string>().Should().Be("https://graph.microsoft.com/v1.0/$metadata#directoryObjects");
        var value = reply.Json["value"]!.AsArray();
        value.Select(v => v!["@odata.type"]!.GetValue<string>()).Should().Equal("#microsoft.graph.user", "#microsoft.graph.group");
        reply.Header("x-ms-resource-unit").Should().Be("5");
    }

    [Fact]
    public async Task GetByIds_TypesFilterAndSelect_FiltersAndCosts2()
    {
        var body = new { ids = new[] { DemoTenant.AdeleVanceId, DemoTenant.HrTaskforceGroupId }, types = new[] { "USER" } };

        var reply = await Api.App(_emulator, "Directory.Read.All").PostAsync("v1.0/directoryObjects/getByIds?$select=displayName", body);

        reply.Json["value"]!.AsArray().Should().ContainSingle().Which!["displayName"]!.GetValue<string>().Should().Be("Adele Vance");
        reply.Header("x-ms-resource-unit").Should().Be("2");
    }

    [Fact]
    public async Task GetByIds_NonGuid_Returns400InvalidGuid()
    {
        var reply = await Api.App(_emulator, "Directory.Read.All").PostAsync("v1.0/directoryObjects/getByIds", new { ids = new[] { "AdeleV@contoso.com" } });

        reply.Status.Should().Be(400);
        reply.ErrorCode.Should().Be("Request_BadRequest");
        reply.ErrorMessage.Should().Be("Invalid GUID specified.");
    }

    [Theory]
    [InlineData(1000, 200)]
    [InlineData(1001, 400)]
    public async Task GetByIds_Limit_Is1000(int count, int expected)
    {
        var body = new { ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid().ToString()).ToArray() };

        var reply = await Api.App(_emulator, "Directory.Read.All").PostAsync("v1.0/directoryObjects/getByIds", body);

        reply.Status.Should().Be(expected);
    }
}
