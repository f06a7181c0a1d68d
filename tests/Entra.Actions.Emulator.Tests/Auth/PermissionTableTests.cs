using Entra.Actions.Emulator.Tests.Support;

namespace Entra.Actions.Emulator.Tests.Auth;

/// <summary>Graph's documentation: any one sufficient permission passes; anything else is 403 Authorization_RequestDenied.</summary>
public class PermissionTableTests
{
    public static TheoryData<string, string, string, bool> Cases => new()
    {
        // operation, permission, token kind, allowed
        { "getUser", "User.ReadBasic.All", "app", true },
        { "getUser", "User.Read.All", "app", true },
        { "getUser", "Directory.Read.All", "app", true },
        { "getUser", "GroupMember.Read.All", "app", false },
        { "getUser", "User.Read", "delegated", false },
        { "getGroup", "GroupMember.Read.All", "app", true },
        { "getGroup", "Group.Read.All", "app", true },
        { "getGroup", "User.Read.All", "app", false },
        { "listMembers", "GroupMember.Read.All", "delegated", true },
        { "listMembers", "User.Read.All", "delegated", false },
        { "addMember", "GroupMember.ReadWrite.All", "app", true },
        { "addMember", "Group.ReadWrite.All", "app", true },
        { "addMember", "Directory.ReadWrite.All", "app", true },
        { "addMember", "GroupMember.Read.All", "app", false },
        { "addMember", "Group.Read.All", "delegated", false },
        { "removeMember", "GroupMember.ReadWrite.All", "delegated", true },
        { "removeMember", "User.ReadWrite.All", "app", false },
        { "getByIds", "Directory.Read.All", "app", true },
        { "getByIds", "User.Read.All", "app", false },
        { "checkMemberGroups", "Directory.Read.All", "app", true },
        { "checkMemberGroups", "GroupMember.Read.All", "app", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Operation_Permission_AllowedOrDenied(string operation, string permission, string kind, bool allowed)
    {
        var emulator = Emulators.Demo();
        var api = kind == "app"
            ? new Api(emulator.CreateHandler(), EmulatorTokens.CreateApplication([permission]))
            : new Api(emulator.CreateHandler(), EmulatorTokens.CreateDelegated([permission], DemoTenant.LeeGuId, "LeeG@contoso.com"));

        var reply = operation switch
        {
            "getUser" => await api.GetAsync($"v1.0/users/{DemoTenant.AdeleVanceId}"),
            "getGroup" => await api.GetAsync($"v1.0/groups/{DemoTenant.HrTaskforceGroupId}"),
            "listMembers" => await api.GetAsync($"v1.0/groups/{DemoTenant.HrTaskforceGroupId}/members"),
            "addMember" => await api.PostAsync($"v1.0/groups/{DemoTenant.ProjectFalconGroupId}/members/$ref", new Dictionary<string, string> { ["@odata.id"] = Emulators.Ref(DemoTenant.AdeleVanceId) }),
            "removeMember" => await api.DeleteAsync($"v1.0/groups/{DemoTenant.HrTaskforceGroupId}/members/{DemoTenant.MeganBowenId}/$ref"),
            "getByIds" => await api.PostAsync("v1.0/directoryObjects/getByIds", new { ids = new[] { DemoTenant.AdeleVanceId } }),
            "checkMemberGroups" => await api.PostAsync($"v1.0/users/{DemoTenant.AdeleVanceId}/checkMemberGroups", new { groupIds = new[] { DemoTenant.RetailTeamGroupId } }),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };

        if (allowed)
        {
            reply.Status.Should().BeInRange(200, 299);
        }
        else
        {
            reply.Status.Should().Be(403);
            reply.ErrorCode.Should().Be("Authorization_RequestDenied");
            reply.ErrorMessage.Should().Be("Insufficient privileges to complete the operation.");
        }
    }

    [Fact]
    public async Task GetUser_DelegatedUserReadForSelf_IsAllowed()
    {
        var api = new Api(Emulators.Demo().CreateHandler(), EmulatorTokens.CreateDelegated(["User.Read"]));

        var reply = await api.GetAsync($"v1.0/users/{DemoTenant.AdeleVanceId}");

        reply.Status.Should().Be(200);
    }
}
