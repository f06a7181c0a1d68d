using Entra.Actions.Emulator.Tests.Support;

namespace Entra.Actions.Emulator.Tests.Auth;

/// <summary>Graph's documentation with delegated and application permissions told apart, and permission checked before the object is looked up.</summary>
public class PermissionKindTests
{
    public static TheoryData<string, string, string, int> Cases => new()
    {
        // operation, permissions (comma-separated), token kind, expected status
        { "memberOfOther", "GroupMember.Read.All", "app", 403 },
        { "memberOfOther", "Group.Read.All", "app", 403 },
        { "memberOfOther", "GroupMember.Read.All", "delegated", 403 },
        { "memberOfOther", "User.Read.All", "app", 200 },
        { "memberOfOther", "User.Read.All", "delegated", 200 },
        { "memberOfOther", "Directory.Read.All", "app", 200 },
        { "memberOfOther", "Directory.AccessAsUser.All", "delegated", 200 },
        { "memberOfOther", "Directory.AccessAsUser.All", "app", 403 },
        { "memberOfSelf", "User.Read", "delegated", 200 },
        { "transitiveMemberOfOther", "GroupMember.Read.All", "app", 403 },
        { "transitiveMemberOfOther", "User.Read.All", "app", 200 },
        { "checkMemberGroups", "User.ReadBasic.All,GroupMember.Read.All", "app", 403 },
        { "checkMemberGroups", "User.ReadBasic.All,GroupMember.Read.All", "delegated", 200 },
        { "checkMemberGroups", "User.Read.All,GroupMember.Read.All", "app", 200 },
        { "checkMemberGroups", "User.Read.All", "app", 403 },
        { "getUser", "Directory.AccessAsUser.All", "app", 403 },
        { "getUser", "Directory.AccessAsUser.All", "delegated", 200 },
        { "getUser", "User.ReadBasic.All", "delegated", 200 },
        { "getUser", "User.Read", "app", 403 },
        { "getGroup", "Directory.AccessAsUser.All", "app", 403 },
        { "getGroup", "Directory.AccessAsUser.All", "delegated", 200 },
        { "addMember", "Directory.AccessAsUser.All", "app", 403 },
        { "addMember", "Directory.AccessAsUser.All", "delegated", 204 },
        { "removeMember", "Directory.AccessAsUser.All", "app", 403 },
        { "getUnknownUser", "GroupMember.Read.All", "app", 403 },
        { "getUnknownUser", "User.Read", "delegated", 403 },
        { "getUnknownUser", "User.Read.All", "app", 404 },
        { "memberOfUnknownUser", "GroupMember.Read.All", "app", 403 },
        { "memberOfUnknownUser", "User.Read.All", "app", 404 },
        { "deleteUnknownUser", "User.Read.All", "app", 403 },
        { "deleteUnknownUser", "User.ReadWrite.All", "app", 404 },
        { "removeFromRoleAssignable", "GroupMember.ReadWrite.All", "app", 403 },
        { "removeFromRoleAssignable", "GroupMember.ReadWrite.All", "delegated", 403 },
        { "removeFromRoleAssignable", "GroupMember.ReadWrite.All,RoleManagement.ReadWrite.Directory", "app", 204 },
        { "addToRoleAssignable", "GroupMember.ReadWrite.All", "app", 403 },
        { "addToRoleAssignable", "GroupMember.ReadWrite.All,RoleManagement.ReadWrite.Directory", "app", 204 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Operation_PermissionsAndKind_GivesStatus(string operation, string permissions, string kind, int expected)
    {
        var emulator = Emulators.Demo();
        var granted = permissions.Split(',');
        var api = kind == "app"
            ? new Api(emulator.CreateHandler(), EmulatorTokens.CreateApplication(granted))
            : new Api(emulator.CreateHandler(), EmulatorTokens.CreateDelegated(granted, DemoTenant.LeeGuId, "LeeG@contoso.com"));
        var roleMember = emulator.Directory.GetMemberIds(Guid.Parse(DemoTenant.RoleAssignableGroupId))[0];

        var reply = operation switch
        {
            "memberOfOther" => await api.GetAsync($"v1.0/users/{DemoTenant.AdeleVanceId}/memberOf"),
            "memberOfSelf" => await api.GetAsync($"v1.0/users/{DemoTenant.LeeGuId}/memberOf"),
            "transitiveMemberOfOther" => await api.GetAsync($"v1.0/users/{DemoTenant.AdeleVanceId}/transitiveMemberOf"),
            "checkMemberGroups" => await api.PostAsync($"v1.0/users/{DemoTenant.AdeleVanceId}/checkMemberGroups", new { groupIds = new[] { DemoTenant.RetailTeamGroupId } }),
            "getUser" => await api.GetAsync($"v1.0/users/{DemoTenant.AdeleVanceId}"),
            "getGroup" => await api.GetAsync($"v1.0/groups/{DemoTenant.HrTaskforceGroupId}"),
            "addMember" => await api.PostAsync($"v1.0/groups/{DemoTenant.ProjectFalconGroupId}/members/$ref", new Dictionary<string, string> { ["@odata.id"] = Emulators.Ref(DemoTenant.AdeleVanceId) }),
            "removeMember" => await api.DeleteAsync($"v1.0/groups/{DemoTenant.HrTaskforceGroupId}/members/{DemoTenant.MeganBowenId}/$ref"),
            "getUnknownUser" => await api.GetAsync("v1.0/users/nobody@contoso.com"),
            "memberOfUnknownUser" => await api.GetAsync("v1.0/users/nobody@contoso.com/memberOf"),
            "deleteUnknownUser" => await api.DeleteAsync("v1.0/users/nobody@contoso.com"),
            "removeFromRoleAssignable" => await api.DeleteAsync($"v1.0/groups/{DemoTenant.RoleAssignableGroupId}/members/{roleMember}/$ref"),
            "addToRoleAssignable" => await api.PostAsync($"v1.0/groups/{DemoTenant.RoleAssignableGroupId}/members/$ref", new Dictionary<string, string> { ["@odata.id"] = Emulators.Ref(DemoTenant.AdeleVanceId) }),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };

        reply.Status.Should().Be(expected, reply.Body);
        if (expected == 403)
        {
            reply.ErrorCode.Should().Be("Authorization_RequestDenied");
        }

        if (operation == "removeFromRoleAssignable")
        {
            emulator.Directory.IsMember(Guid.Parse(DemoTenant.RoleAssignableGroupId), roleMember).Should().Be(expected != 204, "a refused remove leaves the member");
        }
    }
}
