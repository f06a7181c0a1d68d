using Entra.Actions.Emulator.Tests.Support;

namespace Entra.Actions.Emulator.Tests.Endpoints;

public class MembershipEndpointTests
{
    private const string AlreadyExists = "One or more added object references already exist for the following modified properties: 'members'.";
    private readonly GraphEmulator _emulator = Emulators.Demo();

    private static string Falcon => $"v1.0/groups/{DemoTenant.ProjectFalconGroupId}";

    [Fact]
    public async Task AddMemberRef_NewMember_Returns204AndAdds()
    {
        var reply = await Api.App(_emulator).PostAsync($"{Falcon}/members/$ref", new Dictionary<string, string> { ["@odata.id"] = Emulators.Ref(DemoTenant.AdeleVanceId) });

        reply.Status.Should().Be(204);
        reply.Body.Should().BeEmpty();
        _emulator.Directory.IsMember(Guid.Parse(DemoTenant.ProjectFalconGroupId), Guid.Parse(DemoTenant.AdeleVanceId)).Should().BeTrue();
    }

    [Fact]
    public async Task AddMemberRef_UsersUrlForm_IsAccepted()
    {
        var reply = await Api.App(_emulator).PostAsync($"{Falcon}/members/$ref", new Dictionary<string, string> { ["@odata.id"] = $"https://graph.microsoft.com/v1.0/users/{DemoTenant.AdeleVanceId}" });

        reply.Status.Should().Be(204);
    }

    [Fact]
    public async Task AddMemberRef_ExistingMember_Returns400AlreadyExist()
    {
        var api = Api.App(_emulator);
        var body = new Dictionary<string, string> { ["@odata.id"] = Emulators.Ref(DemoTenant.AdeleVanceId) };
        await api.PostAsync($"{Falcon}/members/$ref", body);

        var reply = await api.PostAsync($"{Falcon}/members/$ref", body);

        reply.Status.Should().Be(400);
        reply.ErrorCode.Should().Be("Request_BadRequest");
        reply.ErrorMessage.Should().Be(AlreadyExists);
    }

    [Fact]
    public async Task AddMemberRef_UnknownMember_Returns404()
    {
        var id = Guid.NewGuid().ToString();

        var reply = await Api.App(_emulator).PostAsync($"{Falcon}/members/$ref", new Dictionary<string, string> { ["@odata.id"] = Emulators.Ref(id) });

        reply.Status.Should().Be(404);
        reply.ErrorCode.Should().Be("Request_ResourceNotFound");
        reply.ErrorMessage.Should().Contain(id);
    }

    [Fact]
    public async Task AddMemberRef_NonGuidGroup_Returns400InvalidObjectIdentifier()
    {
        var reply = await Api.App(_emulator).PostAsync("v1.0/groups/HR/members/$ref", new Dictionary<string, string> { ["@odata.id"] = Emulators.Ref(DemoTenant.AdeleVanceId) });

        reply.Status.Should().Be(400);
        reply.ErrorMessage.Should().Be("Invalid object identifier 'HR'.");
    }

    [Theory]
    [InlineData(DemoTenant.DynamicGroupId, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")]
    [InlineData(DemoTenant.MailEnabledSecurityGroupId, 400, "Request_BadRequest", "Cannot Update a mail-enabled security groups and or distribution list.")]
    [InlineData(DemoTenant.DistributionListGroupId, 400, "Request_BadRequest", "Cannot Update a mail-enabled security groups and or distribution list.")]
    [InlineData(DemoTenant.OnPremisesSyncedGroupId, 400, "Request_BadRequest", "Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.")]
    [InlineData(DemoTenant.RoleAssignableGroupId, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")]
    public async Task AddAndRemove_UnchangeableGroupKinds_ReturnGraphErrors(string groupId, int status, string code, string message)
    {
        var api = Api.App(_emulator);

        var add = await api.PostAsync($"v1.0/groups/{groupId}/members/$ref", new Dictionary<string, string> { ["@odata.id"] = Emulators.Ref(DemoTenant.LeeGuId) });
        var member = _emulator.Directory.GetMemberIds(Guid.Parse(groupId))[0];
        var remove = await api.DeleteAsync($"v1.0/groups/{groupId}/members/{member}/$ref");
        var bind = await api.PatchAsync($"v1.0/groups/{groupId}", new Dictionary<string, object> { ["members@odata.bind"] = new[] { Emulators.Ref(DemoTenant.LeeGuId) } });

        foreach (var reply in new[] { add, remove, bind })
        {
            reply.Status.Should().Be(status);
            reply.ErrorCode.Should().Be(code);
            reply.ErrorMessage.Should().Be(message);
        }

        _emulator.Directory.IsMember(Guid.Parse(groupId), member).Should().BeTrue();
    }

    [Fact]
    public async Task AddMemberRef_RoleAssignableWithRoleManagement_Returns204()
    {
        var api = Api.App(_emulator, "GroupMember.ReadWrite.All", "RoleManagement.ReadWrite.Directory");

        var reply = await api.PostAsync($"v1.0/groups/{DemoTenant.RoleAssignableGroupId}/members/$ref", new Dictionary<string, string> { ["@odata.id"] = Emulators.Ref(DemoTenant.LeeGuId) });

        reply.Status.Should().Be(204);
    }

    [Fact]
    public async Task RemoveMemberRef_Member_Returns204ThenNonMember404()
    {
        var api = Api.App(_emulator);
        var path = $"v1.0/groups/{DemoTenant.HrTaskforceGroupId}/members/{DemoTenant.MeganBowenId}/$ref";

        var first = await api.DeleteAsync(path);
        var second = await api.DeleteAsync(path);

        first.Status.Should().Be(204);
        second.Status.Should().Be(404);
        second.ErrorCode.Should().Be("Request_ResourceNotFound");
        _emulator.Directory.FindUser(DemoTenant.MeganBowenId).Should().NotBeNull();
    }

    [Fact]
    public async Task PatchBind_TwentyMembersWithODataType_AddsAll()
    {
        var ids = AddUsers(20);
        var body = new Dictionary<string, object>
        {
            ["@odata.type"] = "#microsoft.graph.group",
            ["members@odata.bind"] = ids.Select(id => Emulators.Ref(id.ToString())).ToArray(),
        };

        var reply = await Api.App(_emulator).PatchAsync(Falcon, body);

        reply.Status.Should().Be(204);
        _emulator.Directory.GetMemberIds(Guid.Parse(DemoTenant.ProjectFalconGroupId)).Should().BeEquivalentTo(ids);
    }

    [Fact]
    public async Task PatchBind_TwentyOneMembers_Returns400AndAddsNothing()
    {
        var body = new Dictionary<string, object> { ["members@odata.bind"] = AddUsers(21).Select(id => Emulators.Ref(id.ToString())).ToArray() };

        var reply = await Api.App(_emulator).PatchAsync(Falcon, body);

        reply.Status.Should().Be(400);
        reply.ErrorCode.Should().Be("Request_BadRequest");
        _emulator.Directory.GetMemberIds(Guid.Parse(DemoTenant.ProjectFalconGroupId)).Should().BeEmpty();
    }

    [Fact]
    public async Task PatchBind_OneExistingMember_FailsAtomically()
    {
        var group = Guid.Parse(DemoTenant.ProjectFalconGroupId);
        _emulator.Directory.AddMember(group, Guid.Parse(DemoTenant.LeeGuId));
        var body = new Dictionary<string, object> { ["members@odata.bind"] = new[] { Emulators.Ref(DemoTenant.AdeleVanceId), Emulators.Ref(DemoTenant.LeeGuId) } };

        var reply = await Api.App(_emulator).PatchAsync(Falcon, body);

        reply.Status.Should().Be(400);
        reply.ErrorMessage.Should().Be(AlreadyExists);
        _emulator.Directory.GetMemberIds(group).Should().Equal(Guid.Parse(DemoTenant.LeeGuId));
    }

    [Fact]
    public async Task PatchBind_SameObjectTwice_Returns400()
    {
        var body = new Dictionary<string, object> { ["members@odata.bind"] = new[] { Emulators.Ref(DemoTenant.AdeleVanceId), $"https://graph.microsoft.com/v1.0/users/{DemoTenant.AdeleVanceId}" } };

        var reply = await Api.App(_emulator).PatchAsync(Falcon, body);

        reply.Status.Should().Be(400);
        reply.ErrorMessage.Should().Contain("can only be present once as an add/remove change");
        _emulator.Directory.GetMemberIds(Guid.Parse(DemoTenant.ProjectFalconGroupId)).Should().BeEmpty();
    }

    [Fact]
    public async Task PatchBind_StringInsteadOfArray_Returns400InvalidUrlFormat()
    {
        var body = new Dictionary<string, object> { ["members@odata.bind"] = Emulators.Ref(DemoTenant.AdeleVanceId) };

        var reply = await Api.App(_emulator).PatchAsync(Falcon, body);

        reply.Status.Should().Be(400);
        reply.ErrorMessage.Should().Be("Invalid URL format specified in @odata.bind for members");
    }

    [Fact]
    public async Task PatchMembersRef_WithBind_Returns400NotSupported()
    {
        var reply = await Api.App(_emulator).PatchAsync($"{Falcon}/members/$ref", new Dictionary<string, object> { ["members@odata.bind"] = Array.Empty<string>() });

        reply.Status.Should().Be(400);
        reply.ErrorMessage.Should().Be("The request is currently not supported on the targeted entity set");
    }

    [Fact]
    public async Task DeleteMemberWithoutRef_WithUserWritePermission_DeletesTheUserObject()
    {
        var api = Api.App(_emulator, "GroupMember.ReadWrite.All", "User.ReadWrite.All");

        var reply = await api.DeleteAsync($"v1.0/groups/{DemoTenant.HrTaskforceGroupId}/members/{DemoTenant.MeganBowenId}");

        reply.Status.Should().Be(204);
        _emulator.Directory.FindUser(DemoTenant.MeganBowenId).Should().BeNull();
        _emulator.Journal.Entries.Should().ContainSingle(e => e.Method == "DELETE" && !e.RawPath.EndsWith("/$ref", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeleteMemberWithoutRef_WithoutUserWritePermission_Returns403AndKeepsUser()
    {
        var reply = await Api.App(_emulator).DeleteAsync($"v1.0/groups/{DemoTenant.HrTaskforceGroupId}/members/{DemoTenant.MeganBowenId}");

        reply.Status.Should().Be(403);
        _emulator.Directory.FindUser(DemoTenant.MeganBowenId).Should().NotBeNull();
        _emulator.Directory.IsMember(Guid.Parse(DemoTenant.HrTaskforceGroupId), Guid.Parse(DemoTenant.MeganBowenId)).Should().BeTrue();
    }

    [Fact]
    public async Task AddMemberRef_GroupIntoMicrosoft365Group_Returns400()
    {
        var reply = await Api.App(_emulator).PostAsync($"v1.0/groups/{DemoTenant.HrTaskforceGroupId}/members/$ref", new Dictionary<string, string> { ["@odata.id"] = Emulators.Ref(DemoTenant.ProjectFalconGroupId) });

        reply.Status.Should().Be(400);
    }

    [Fact]
    public async Task AddMemberRef_NestingCycle_Returns400()
    {
        var reply = await Api.App(_emulator).PostAsync($"v1.0/groups/{DemoTenant.RetailTeamGroupId}/members/$ref", new Dictionary<string, string> { ["@odata.id"] = Emulators.Ref(DemoTenant.SalesAndMarketingGroupId) });

        reply.Status.Should().Be(400);
    }

    [Fact]
    public async Task AddMemberRef_InvalidJson_Returns400()
    {
        var reply = await Api.App(_emulator).PostAsync($"{Falcon}/members/$ref", "{not json");

        reply.Status.Should().Be(400);
    }

    private List<Guid> AddUsers(int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid();
            _emulator.Directory.AddUser(new EmulatedUser { Id = id, DisplayName = $"New {i}", UserPrincipalName = $"new{id:N}@contoso.com" });
            ids.Add(id);
        }

        return ids;
    }
}
