using System.Text.Json.Nodes;
using Entra.Actions.Emulator.Tests.Support;

namespace Entra.Actions.Emulator.Tests.Endpoints;

/// <summary>Directory roles and administrative units in <c>memberOf</c>/<c>transitiveMemberOf</c>: types, casts, <c>$count</c>, <c>$select</c>.</summary>
public class MemberOfRolesAndUnitsTests
{
    private const string RoleType = "#microsoft.graph.directoryRole";
    private const string UnitType = "#microsoft.graph.administrativeUnit";
    private static readonly (string, string) Eventual = ("ConsistencyLevel", "eventual");
    private readonly GraphEmulator _emulator = Emulators.Demo();

    private static string Lee => $"v1.0/users/{DemoTenant.LeeGuId}";

    private static JsonObject[] Items(Reply reply) => [.. reply.Json["value"]!.AsArray().Select(v => v!.AsObject())];

    private static string[] Ids(Reply reply) => [.. Items(reply).Select(v => v["id"]!.GetValue<string>())];

    private static JsonObject ById(Reply reply, string id) => Items(reply).Single(v => v["id"]!.GetValue<string>() == id);

    [Fact]
    public async Task MemberOf_UserWithRoleAndUnit_ListsGroupsRoleAndUnitWithTheirTypes()
    {
        var reply = await Api.App(_emulator, Api.AllRead).GetAsync($"{Lee}/memberOf");

        reply.Status.Should().Be(200);
        reply.Json["@odata.context"]!.GetValue<string>().Should().Be("https://graph.microsoft.com/v1.0/$metadata#directoryObjects");
        Ids(reply).Should().BeEquivalentTo([DemoTenant.SalesAndMarketingGroupId, DemoTenant.AllCompanyGroupId, DemoTenant.GroupsAdministratorRoleId, DemoTenant.SeattleOfficeUnitId]);
        var role = ById(reply, DemoTenant.GroupsAdministratorRoleId);
        role["@odata.type"]!.GetValue<string>().Should().Be(RoleType);
        role["displayName"]!.GetValue<string>().Should().Be("Groups Administrator");
        role["roleTemplateId"]!.GetValue<string>().Should().Be(DemoTenant.GroupsAdministratorRoleTemplateId);
        role["description"]!.GetValue<string>().Should().StartWith("Members of this role can create/manage groups");
        role.Select(p => p.Key).Should().BeEquivalentTo(["@odata.type", "id", "deletedDateTime", "description", "displayName", "roleTemplateId"]);
        var unit = ById(reply, DemoTenant.SeattleOfficeUnitId);
        unit["@odata.type"]!.GetValue<string>().Should().Be(UnitType);
        unit["displayName"]!.GetValue<string>().Should().Be("Seattle Office");
        unit.Should().ContainKeys("description", "visibility");
        unit["visibility"].Should().BeNull();
        unit.Should().NotContainKey("roleTemplateId");
        ById(reply, DemoTenant.SalesAndMarketingGroupId)["@odata.type"]!.GetValue<string>().Should().Be("#microsoft.graph.group");
    }

    [Fact]
    public async Task TransitiveMemberOf_UserWithRoleAndUnit_ListsThemToo()
    {
        var reply = await Api.App(_emulator, Api.AllRead).GetAsync($"{Lee}/transitiveMemberOf");

        reply.Status.Should().Be(200);
        Ids(reply).Should().Contain([DemoTenant.GroupsAdministratorRoleId, DemoTenant.SeattleOfficeUnitId, DemoTenant.SalesAndMarketingGroupId]);
    }

    [Fact]
    public async Task TransitiveMemberOf_RoleHeldThroughRoleAssignableGroup_CountsButUnitOfGroupIsNotInherited()
    {
        var directory = _emulator.Directory;
        var helpdesk = Guid.Parse(DemoTenant.RoleAssignableGroupId);
        var roleId = Guid.NewGuid();
        var unitId = Guid.NewGuid();
        directory.AddMember(helpdesk, Guid.Parse(DemoTenant.AdeleVanceId));
        directory.AddDirectoryRole(new EmulatedDirectoryRole { Id = roleId, DisplayName = "Helpdesk Administrator", RoleTemplateId = "729827e3-9c14-49f7-bb1b-9608f156bbb8" }, helpdesk);
        directory.AddAdministrativeUnit(new EmulatedAdministrativeUnit { Id = unitId, DisplayName = "Helpdesk Unit", Visibility = "HiddenMembership" }, helpdesk);
        var api = Api.App(_emulator, Api.AllRead);
        var adele = $"v1.0/users/{DemoTenant.AdeleVanceId}";

        var direct = await api.GetAsync($"{adele}/memberOf");
        var transitive = await api.GetAsync($"{adele}/transitiveMemberOf");
        var roles = await api.GetAsync($"{adele}/transitiveMemberOf/microsoft.graph.directoryRole");

        Ids(direct).Should().Contain(DemoTenant.RoleAssignableGroupId).And.NotContain([roleId.ToString(), unitId.ToString()]);
        Ids(transitive).Should().Contain([DemoTenant.RoleAssignableGroupId, roleId.ToString()]).And.NotContain(unitId.ToString());
        Ids(roles).Should().Equal(roleId.ToString());
    }

    [Fact]
    public async Task MemberOf_CastToDirectoryRole_ListsOnlyRolesUnderDirectoryRolesContext()
    {
        var reply = await Api.App(_emulator, Api.AllRead).GetAsync($"{Lee}/memberOf/microsoft.graph.directoryRole");

        reply.Status.Should().Be(200);
        reply.Json["@odata.context"]!.GetValue<string>().Should().Be("https://graph.microsoft.com/v1.0/$metadata#directoryRoles");
        Ids(reply).Should().Equal(DemoTenant.GroupsAdministratorRoleId);
        Items(reply).Should().OnlyContain(i => i["@odata.type"]!.GetValue<string>() == RoleType);
    }

    [Fact]
    public async Task TransitiveMemberOf_CastToAdministrativeUnit_ListsOnlyUnits()
    {
        var reply = await Api.App(_emulator, Api.AllRead).GetAsync($"v1.0/users/{DemoTenant.MeganBowenId}/transitiveMemberOf/microsoft.graph.administrativeUnit");

        reply.Status.Should().Be(200);
        reply.Json["@odata.context"]!.GetValue<string>().Should().Be("https://graph.microsoft.com/v1.0/$metadata#administrativeUnits");
        Ids(reply).Should().Equal(DemoTenant.SeattleOfficeUnitId);
    }

    [Theory]
    [InlineData("memberOf")]
    [InlineData("transitiveMemberOf")]
    public async Task MemberOf_CastToGroup_ExcludesRolesAndUnits(string nav)
    {
        var reply = await Api.App(_emulator, Api.AllRead).GetAsync($"{Lee}/{nav}/microsoft.graph.group");

        reply.Status.Should().Be(200);
        Ids(reply).Should().NotContain([DemoTenant.GroupsAdministratorRoleId, DemoTenant.SeattleOfficeUnitId]).And.Contain(DemoTenant.SalesAndMarketingGroupId);
        Items(reply).Should().OnlyContain(i => i["@odata.type"]!.GetValue<string>() == "#microsoft.graph.group");
    }

    [Theory]
    [InlineData("memberOf/$count", "4")]
    [InlineData("transitiveMemberOf/$count", "4")]
    [InlineData("memberOf/microsoft.graph.group/$count", "2")]
    [InlineData("memberOf/microsoft.graph.directoryRole/$count", "1")]
    [InlineData("transitiveMemberOf/microsoft.graph.administrativeUnit/$count", "1")]
    public async Task MemberOf_Count_CountsRolesAndUnitsOnlyWhereTheCastAllows(string path, string expected)
    {
        var reply = await Api.App(_emulator, Api.AllRead).GetAsync($"{Lee}/{path}", Eventual);

        reply.Status.Should().Be(200);
        reply.Body.Should().Be(expected); // Sales and Marketing, All Company, Groups Administrator, Seattle Office
    }

    [Fact]
    public async Task MemberOf_Select_KeepsODataTypeOnEveryItem()
    {
        var reply = await Api.App(_emulator, Api.AllRead).GetAsync($"{Lee}/memberOf?$select=id,displayName,roleTemplateId");

        reply.Status.Should().Be(200);
        reply.Json["@odata.context"]!.GetValue<string>().Should().Be("https://graph.microsoft.com/v1.0/$metadata#directoryObjects(id,displayName,roleTemplateId)");
        Items(reply).Should().HaveCount(4).And.OnlyContain(i => i.ContainsKey("@odata.type") && i.ContainsKey("displayName"));
        ById(reply, DemoTenant.GroupsAdministratorRoleId).Select(p => p.Key).Should().BeEquivalentTo(["@odata.type", "id", "displayName", "roleTemplateId"]);
        ById(reply, DemoTenant.SeattleOfficeUnitId).Select(p => p.Key).Should().BeEquivalentTo(["@odata.type", "id", "displayName"]);
    }

    [Fact]
    public async Task MemberOf_CastToDirectoryRoleWithUnknownSelect_Returns400NamingTheType()
    {
        var reply = await Api.App(_emulator, Api.AllRead).GetAsync($"{Lee}/memberOf/microsoft.graph.directoryRole?$select=mailNickname");

        reply.Status.Should().Be(400);
        reply.ErrorMessage.Should().Be("Could not find a property named 'mailNickname' on type 'microsoft.graph.directoryRole'.");
    }

    [Fact]
    public async Task MemberOf_WithoutRoleOrUnitReadPermission_ReturnsThemWithLimitedInformation()
    {
        var reply = await Api.App(_emulator, "User.Read.All", "GroupMember.Read.All").GetAsync($"{Lee}/memberOf");

        reply.Status.Should().Be(200);
        var role = ById(reply, DemoTenant.GroupsAdministratorRoleId);
        role["@odata.type"]!.GetValue<string>().Should().Be(RoleType);
        role["displayName"].Should().BeNull();
        role["roleTemplateId"].Should().BeNull();
        ById(reply, DemoTenant.SeattleOfficeUnitId)["displayName"].Should().BeNull();
        ById(reply, DemoTenant.SalesAndMarketingGroupId)["displayName"]!.GetValue<string>().Should().Be("Sales and Marketing");
    }

    [Fact]
    public async Task MemberOf_WithRoleManagementRead_ReturnsTheRoleInFull()
    {
        var reply = await Api.App(_emulator, "User.Read.All", "RoleManagement.Read.Directory").GetAsync($"{Lee}/memberOf");

        reply.Status.Should().Be(200);
        ById(reply, DemoTenant.GroupsAdministratorRoleId)["displayName"]!.GetValue<string>().Should().Be("Groups Administrator");
        ById(reply, DemoTenant.SeattleOfficeUnitId)["displayName"].Should().BeNull();
    }

    [Theory]
    [InlineData(DemoTenant.GroupsAdministratorRoleId)]
    [InlineData(DemoTenant.SeattleOfficeUnitId)]
    public async Task GetGroup_IdOfRoleOrUnit_Returns404(string id)
    {
        var api = Api.App(_emulator, Api.AllRead);

        var group = await api.GetAsync($"v1.0/groups/{id}");
        var members = await api.GetAsync($"v1.0/groups/{id}/members");

        group.Status.Should().Be(404);
        group.ErrorCode.Should().Be("Request_ResourceNotFound");
        members.Status.Should().Be(404);
    }

    [Fact]
    public async Task CheckMemberGroups_RoleAndUnitIds_AreNotReturned()
    {
        var reply = await Api.App(_emulator, Api.AllRead).PostAsync($"{Lee}/checkMemberGroups",
            new { groupIds = new[] { DemoTenant.GroupsAdministratorRoleId, DemoTenant.SeattleOfficeUnitId, DemoTenant.SalesAndMarketingGroupId } });

        reply.Status.Should().Be(200);
        reply.Json["value"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal(DemoTenant.SalesAndMarketingGroupId);
    }

    [Fact]
    public async Task DeleteGroupOrMember_RoleId_Returns404AndKeepsTheRole()
    {
        var api = Api.App(_emulator, "Group.ReadWrite.All");

        var member = await api.DeleteAsync($"v1.0/groups/{DemoTenant.ProjectFalconGroupId}/members/{DemoTenant.GroupsAdministratorRoleId}/$ref");
        var group = await api.DeleteAsync($"v1.0/groups/{DemoTenant.GroupsAdministratorRoleId}");

        member.Status.Should().Be(404);
        group.Status.Should().Be(404);
        _emulator.Directory.FindDirectoryRole(Guid.Parse(DemoTenant.GroupsAdministratorRoleId)).Should().NotBeNull();
    }

    [Fact]
    public async Task GetDirectoryObject_RoleAndUnit_ReturnsThemTyped()
    {
        var api = Api.App(_emulator, Api.AllRead);

        var role = await api.GetAsync($"v1.0/directoryObjects/{DemoTenant.GroupsAdministratorRoleId}");
        var unit = await api.GetAsync($"v1.0/directoryObjects/{DemoTenant.SeattleOfficeUnitId}");

        role.Status.Should().Be(200);
        role.Json["@odata.type"]!.GetValue<string>().Should().Be(RoleType);
        role.Json["roleTemplateId"]!.GetValue<string>().Should().Be(DemoTenant.GroupsAdministratorRoleTemplateId);
        unit.Json["@odata.type"]!.GetValue<string>().Should().Be(UnitType);
    }

    [Theory]
    [InlineData(new string[0], 3)]
    [InlineData(new[] { "directoryRole" }, 1)]
    [InlineData(new[] { "AdministrativeUnit", "user" }, 2)]
    [InlineData(new[] { "group" }, 0)]
    public async Task GetByIds_RoleUnitAndUser_HonoursTypes(string[] types, int expected)
    {
        var body = types.Length == 0
            ? (object)new { ids = new[] { DemoTenant.GroupsAdministratorRoleId, DemoTenant.SeattleOfficeUnitId, DemoTenant.LeeGuId } }
            : new { ids = new[] { DemoTenant.GroupsAdministratorRoleId, DemoTenant.SeattleOfficeUnitId, DemoTenant.LeeGuId }, types };

        var reply = await Api.App(_emulator, Api.AllRead).PostAsync("v1.0/directoryObjects/getByIds", body);

        reply.Status.Should().Be(200);
        Items(reply).Should().HaveCount(expected);
    }

    [Theory]
    [InlineData("memberOf/graph.directoryRole", DemoTenant.GroupsAdministratorRoleId)]
    [InlineData("transitiveMemberOf/graph.administrativeUnit", DemoTenant.SeattleOfficeUnitId)]
    public async Task MemberOf_GraphNamespaceAliasCast_WorksAsTheFullName(string path, string expected)
    {
        var reply = await Api.App(_emulator, Api.AllRead).GetAsync($"{Lee}/{path}");
        var count = await Api.App(_emulator, Api.AllRead).GetAsync($"{Lee}/{path}/$count", Eventual);

        reply.Status.Should().Be(200);
        Ids(reply).Should().Equal(expected);
        count.Body.Should().Be("1");
    }

    [Theory]
    [InlineData("graph.nothing")]
    [InlineData("microsoft.graph.nothing")]
    public async Task MemberOf_UnknownCast_Returns400NamingTheSegmentAsSent(string cast)
    {
        var reply = await Api.App(_emulator, Api.AllRead).GetAsync($"{Lee}/memberOf/{cast}");

        reply.Status.Should().Be(400);
        reply.ErrorMessage.Should().Be($"Resource not found for the segment '{cast}'.");
    }
}
