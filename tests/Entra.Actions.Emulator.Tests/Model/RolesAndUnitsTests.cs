namespace Entra.Actions.Emulator.Tests.Model;

/// <summary>Seeding directory roles and administrative units, and the demo tenant's Sales group, role and unit.</summary>
public class RolesAndUnitsTests
{
    private static readonly Guid Adele = Guid.Parse(DemoTenant.AdeleVanceId);
    private static readonly Guid Alex = Guid.Parse(DemoTenant.AlexWilberId);
    private static readonly Guid Lee = Guid.Parse(DemoTenant.LeeGuId);
    private static readonly Guid Megan = Guid.Parse(DemoTenant.MeganBowenId);

    private static EmulatedDirectoryRole Role(Guid? id = null) =>
        new() { Id = id ?? Guid.NewGuid(), DisplayName = "User Administrator", RoleTemplateId = "fe930be7-5e62-47db-91af-98c3a49a38b1" };

    private static EmulatedAdministrativeUnit Unit(Guid? id = null) => new() { Id = id ?? Guid.NewGuid(), DisplayName = "Paris Office" };

    [Fact]
    public void DemoTenant_Create_HasSalesGroupWithIsaiahAndChristieButNotAlex()
    {
        var directory = DemoTenant.Create();

        var sales = directory.FindGroup(Guid.Parse(DemoTenant.SalesGroupId))!;
        sales.Should().Match<EmulatedGroup>(g => g.DisplayName == "Sales" && g.MailNickname == "Sales" && g.Description == "The sales team."
            && g.SecurityEnabled && !g.MailEnabled && !g.IsMicrosoft365 && !g.IsDynamic && g.IsAssignableToRole == null);
        directory.GetMemberIds(sales.Id).Select(id => directory.FindUser(id.ToString())!.DisplayName)
            .Should().BeEquivalentTo(["Isaiah Langer", "Christie Cline"]);
        directory.IsMember(sales.Id, Alex).Should().BeFalse();
        directory.Groups.Where(g => g.DisplayName.Equals("sales", StringComparison.OrdinalIgnoreCase)).Should().ContainSingle();
    }

    [Fact]
    public void DemoTenant_Create_LeeGuHoldsGroupsAdministratorAndSeattleOfficeHasLeeAndMegan()
    {
        var directory = DemoTenant.Create();

        var role = directory.FindDirectoryRole(Guid.Parse(DemoTenant.GroupsAdministratorRoleId))!;
        role.DisplayName.Should().Be("Groups Administrator");
        role.RoleTemplateId.Should().Be(DemoTenant.GroupsAdministratorRoleTemplateId).And.Be("fdd7a751-b60b-444a-984c-02652fe8fa1c");
        directory.GetDirectoryRoleMemberIds(role.Id).Should().Equal(Lee);
        directory.FindAdministrativeUnit(Guid.Parse(DemoTenant.SeattleOfficeUnitId))!.DisplayName.Should().Be("Seattle Office");
        directory.GetAdministrativeUnitMemberIds(Guid.Parse(DemoTenant.SeattleOfficeUnitId)).Should().Equal(Lee, Megan);
        directory.DirectoryRoles.Should().ContainSingle();
        directory.AdministrativeUnits.Should().ContainSingle();
    }

    [Fact]
    public void DemoTenant_Create_RolesAndUnitsAreNotGroups()
    {
        var directory = DemoTenant.Create();

        directory.FindGroup(Guid.Parse(DemoTenant.GroupsAdministratorRoleId)).Should().BeNull();
        directory.FindGroup(Guid.Parse(DemoTenant.SeattleOfficeUnitId)).Should().BeNull();
        directory.GetMemberOf(Lee).Should().NotContain([Guid.Parse(DemoTenant.GroupsAdministratorRoleId), Guid.Parse(DemoTenant.SeattleOfficeUnitId)]);
    }

    [Fact]
    public void AddDirectoryRole_GroupNotAssignableToRoles_Throws()
    {
        var directory = DemoTenant.Create();

        var act = () => directory.AddDirectoryRole(Role(), Guid.Parse(DemoTenant.SalesGroupId));

        act.Should().Throw<ArgumentException>().WithMessage("*neither a user nor a group that is assignable to roles*");
    }

    [Fact]
    public void AddDirectoryRole_RoleAssignableGroupAndUser_AreHolders()
    {
        var directory = DemoTenant.Create();
        var role = Role();

        directory.AddDirectoryRole(role, Guid.Parse(DemoTenant.RoleAssignableGroupId)).AddDirectoryRoleMember(role.Id, Adele).AddDirectoryRoleMember(role.Id, Adele);

        directory.GetDirectoryRoleMemberIds(role.Id).Should().Equal(Guid.Parse(DemoTenant.RoleAssignableGroupId), Adele);
    }

    [Theory]
    [InlineData(DemoTenant.AdeleVanceId)]
    [InlineData(DemoTenant.SalesGroupId)]
    [InlineData(DemoTenant.SeattleOfficeUnitId)]
    public void AddDirectoryRole_IdOfAnyExistingObject_Throws(string id)
    {
        var directory = DemoTenant.Create();

        var act = () => directory.AddDirectoryRole(Role(Guid.Parse(id)));

        act.Should().Throw<ArgumentException>().WithMessage("*already exists*");
    }

    [Fact]
    public void AddUserAndGroup_IdOfRoleOrUnit_Throw()
    {
        var directory = DemoTenant.Create();
        var roleId = Guid.Parse(DemoTenant.GroupsAdministratorRoleId);
        var unitId = Guid.Parse(DemoTenant.SeattleOfficeUnitId);

        var addUser = () => directory.AddUser(new EmulatedUser { Id = roleId, DisplayName = "X", UserPrincipalName = "x@contoso.com" });
        var replaceUser = () => directory.AddOrReplaceUser(new EmulatedUser { Id = unitId, DisplayName = "X", UserPrincipalName = "x@contoso.com" });
        var addGroup = () => directory.AddGroup(EmulatedGroup.CreateSecurity(unitId, "X"));
        var replaceGroup = () => directory.AddOrReplaceGroup(EmulatedGroup.CreateSecurity(roleId, "X"));

        addUser.Should().Throw<ArgumentException>();
        replaceUser.Should().Throw<ArgumentException>();
        addGroup.Should().Throw<ArgumentException>();
        replaceGroup.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void AddAdministrativeUnit_UnknownMemberOrRoleAsMember_Throws()
    {
        var directory = DemoTenant.Create();

        var unknown = () => directory.AddAdministrativeUnit(Unit(), Guid.NewGuid());
        var role = () => directory.AddAdministrativeUnitMember(Guid.Parse(DemoTenant.SeattleOfficeUnitId), Guid.Parse(DemoTenant.GroupsAdministratorRoleId));
        var noUnit = () => directory.AddAdministrativeUnitMember(Guid.NewGuid(), Adele);

        unknown.Should().Throw<ArgumentException>();
        role.Should().Throw<ArgumentException>();
        noUnit.Should().Throw<ArgumentException>().WithMessage("*does not exist*");
    }

    [Fact]
    public void AddMember_RoleOrUnitAsGroupMember_Throws()
    {
        var directory = DemoTenant.Create();

        var act = () => directory.AddMember(Guid.Parse(DemoTenant.ProjectFalconGroupId), Guid.Parse(DemoTenant.GroupsAdministratorRoleId));

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void DeleteObject_User_LeavesRolesAndUnits()
    {
        var directory = DemoTenant.Create();

        directory.DeleteObject(Lee).Should().BeTrue();

        directory.GetDirectoryRoleMemberIds(Guid.Parse(DemoTenant.GroupsAdministratorRoleId)).Should().BeEmpty();
        directory.GetAdministrativeUnitMemberIds(Guid.Parse(DemoTenant.SeattleOfficeUnitId)).Should().Equal(Megan);
    }

    [Fact]
    public void DeleteObject_RoleAndUnit_AreRemoved()
    {
        var directory = DemoTenant.Create();

        directory.DeleteObject(Guid.Parse(DemoTenant.GroupsAdministratorRoleId)).Should().BeTrue();
        directory.DeleteObject(Guid.Parse(DemoTenant.SeattleOfficeUnitId)).Should().BeTrue();

        directory.DirectoryRoles.Should().BeEmpty();
        directory.AdministrativeUnits.Should().BeEmpty();
        directory.GetAdministrativeUnitMemberIds(Guid.Parse(DemoTenant.SeattleOfficeUnitId)).Should().BeEmpty();
        directory.DeleteObject(Guid.Parse(DemoTenant.SeattleOfficeUnitId)).Should().BeFalse();
    }

    [Fact]
    public void FromJson_DirectoryRolesAndAdministrativeUnits_LoadsThemWithMembers()
    {
        const string json = """
            {
              "organization": { "id": "11111111-1111-1111-1111-111111111111", "displayName": "Fabrikam" },
              "users": [ { "id": "22222222-2222-2222-2222-222222222222", "displayName": "Ann", "userPrincipalName": "ann@fabrikam.com" } ],
              "directoryRoles": [
                { "id": "66666666-6666-6666-6666-666666666666", "displayName": "Groups Administrator", "roleTemplateId": "fdd7a751-b60b-444a-984c-02652fe8fa1c",
                  "members": ["22222222-2222-2222-2222-222222222222"] }
              ],
              "administrativeUnits": [
                { "id": "77777777-7777-7777-7777-777777777777", "displayName": "Oslo", "visibility": "HiddenMembership",
                  "members": ["22222222-2222-2222-2222-222222222222"] }
              ]
            }
            """;

        var directory = EmulatedDirectory.FromJson(json);

        directory.FindDirectoryRole(Guid.Parse("66666666-6666-6666-6666-666666666666"))!.RoleTemplateId.Should().Be("fdd7a751-b60b-444a-984c-02652fe8fa1c");
        directory.GetDirectoryRoleMemberIds(Guid.Parse("66666666-6666-6666-6666-666666666666")).Should().Equal(Guid.Parse("22222222-2222-2222-2222-222222222222"));
        directory.FindAdministrativeUnit(Guid.Parse("77777777-7777-7777-7777-777777777777"))!.Visibility.Should().Be("HiddenMembership");
        directory.GetAdministrativeUnitMemberIds(Guid.Parse("77777777-7777-7777-7777-777777777777")).Should().Equal(Guid.Parse("22222222-2222-2222-2222-222222222222"));
    }
}
