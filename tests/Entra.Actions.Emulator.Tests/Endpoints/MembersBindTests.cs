using System.Text.Json.Nodes;
using Entra.Actions.Emulator.Tests.Support;

namespace Entra.Actions.Emulator.Tests.Endpoints;

/// <summary>members@odata.bind through PATCH /groups/{id} and POST /groups/{id}/members.</summary>
public class MembersBindTests
{
    private const string InvalidBind = "Invalid URL format specified in @odata.bind for members";
    private static readonly Guid Falcon = Guid.Parse(DemoTenant.ProjectFalconGroupId);
    private readonly GraphEmulator _emulator = Emulators.Demo();

    private static string Bind(params string[] ids) =>
        new JsonObject { ["members@odata.bind"] = new JsonArray([.. ids.Select(id => (JsonNode)Emulators.Ref(id))]) }.ToJsonString();

    [Theory]
    [InlineData("PATCH", "")]
    [InlineData("POST", "/members")]
    public async Task Bind_Null_Returns400InvalidUrlFormat(string method, string suffix)
    {
        var reply = await Api.App(_emulator).SendAsync(new HttpMethod(method), $"v1.0/groups/{Falcon}{suffix}", """{"members@odata.bind": null}""");

        reply.Status.Should().Be(400);
        reply.ErrorMessage.Should().Be(InvalidBind);
    }

    [Fact]
    public async Task PostMembers_BindList_AddsAllAndReturns204()
    {
        var reply = await Api.App(_emulator).PostAsync($"v1.0/groups/{Falcon}/members", Bind(DemoTenant.AdeleVanceId, DemoTenant.LeeGuId));

        reply.Status.Should().Be(204);
        reply.Body.Should().BeEmpty();
        _emulator.Directory.GetMemberIds(Falcon).Should().Equal(Guid.Parse(DemoTenant.AdeleVanceId), Guid.Parse(DemoTenant.LeeGuId));
        reply.Header("x-ms-resource-unit").Should().Be("1");
    }

    [Fact]
    public async Task PostMembers_OneAlreadyMember_Returns400AndAddsNothing()
    {
        _emulator.Directory.AddMember(Falcon, Guid.Parse(DemoTenant.LeeGuId));

        var reply = await Api.App(_emulator).PostAsync($"v1.0/groups/{Falcon}/members", Bind(DemoTenant.AdeleVanceId, DemoTenant.LeeGuId));

        reply.Status.Should().Be(400);
        reply.ErrorMessage.Should().Be("One or more added object references already exist for the following modified properties: 'members'.");
        _emulator.Directory.GetMemberIds(Falcon).Should().Equal(Guid.Parse(DemoTenant.LeeGuId));
    }

    [Fact]
    public async Task PostMembers_TwentyOneLinks_Returns400AndAddsNothing()
    {
        var ids = _emulator.Directory.Users.Take(21).Select(u => u.Id.ToString()).ToArray();

        var reply = await Api.App(_emulator).PostAsync($"v1.0/groups/{Falcon}/members", Bind(ids));

        reply.Status.Should().Be(400);
        _emulator.Directory.GetMemberIds(Falcon).Should().BeEmpty();
    }

    [Fact]
    public async Task PostMembers_BindString_Returns400()
    {
        var reply = await Api.App(_emulator).PostAsync($"v1.0/groups/{Falcon}/members", new JsonObject { ["members@odata.bind"] = Emulators.Ref(DemoTenant.AdeleVanceId) }.ToJsonString());

        reply.Status.Should().Be(400);
        reply.ErrorMessage.Should().Be(InvalidBind);
    }

    [Fact]
    public async Task PostMembers_NoBind_Returns400()
    {
        var reply = await Api.App(_emulator).PostAsync($"v1.0/groups/{Falcon}/members", """{"displayName":"x"}""");

        reply.Status.Should().Be(400);
        _emulator.Directory.FindGroup(Falcon)!.DisplayName.Should().Be("Project Falcon");
    }

    [Fact]
    public async Task PostMembers_DynamicGroup_Returns403()
    {
        var reply = await Api.App(_emulator).PostAsync($"v1.0/groups/{DemoTenant.DynamicGroupId}/members", Bind(DemoTenant.LeeGuId));

        reply.Status.Should().Be(403);
    }

    [Fact]
    public async Task PostMembers_ReadOnlyPermission_Returns403()
    {
        var reply = await Api.App(_emulator, Api.AllRead).PostAsync($"v1.0/groups/{Falcon}/members", Bind(DemoTenant.LeeGuId));

        reply.Status.Should().Be(403);
    }
}
