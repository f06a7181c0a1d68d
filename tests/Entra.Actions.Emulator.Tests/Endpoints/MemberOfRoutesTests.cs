using Entra.Actions.Emulator.Tests.Support;

namespace Entra.Actions.Emulator.Tests.Endpoints;

/// <summary>OData casts and $count on memberOf/transitiveMemberOf, and casts on transitiveMembers.</summary>
public class MemberOfRoutesTests
{
    private static readonly (string, string) Eventual = ("ConsistencyLevel", "eventual");
    private readonly GraphEmulator _emulator = Emulators.Demo();

    private static string Adele => $"v1.0/users/{DemoTenant.AdeleVanceId}";

    [Fact]
    public async Task TransitiveMemberOf_CastToGroup_ListsGroupsOnly()
    {
        var reply = await Api.App(_emulator, Api.AllRead).GetAsync($"{Adele}/transitiveMemberOf/microsoft.graph.group");

        reply.Status.Should().Be(200);
        reply.Json["@odata.context"]!.GetValue<string>().Should().Be("https://graph.microsoft.com/v1.0/$metadata#groups");
        var ids = reply.Json["value"]!.AsArray().Select(v => v!["id"]!.GetValue<string>()).ToList();
        ids.Should().BeEquivalentTo(_emulator.Directory.GetTransitiveMemberOf(Guid.Parse(DemoTenant.AdeleVanceId)).Select(g => g.ToString()));
        ids.Should().Contain(DemoTenant.SalesAndMarketingGroupId);
    }

    [Fact]
    public async Task MemberOf_CastToGroup_ListsDirectGroups()
    {
        var reply = await Api.App(_emulator, Api.AllRead).GetAsync($"{Adele}/memberOf/microsoft.graph.group");

        reply.Status.Should().Be(200);
        reply.Json["value"]!.AsArray().Select(v => v!["id"]!.GetValue<string>())
            .Should().BeEquivalentTo(_emulator.Directory.GetMemberOf(Guid.Parse(DemoTenant.AdeleVanceId)).Select(g => g.ToString()));
    }

    [Fact]
    public async Task MemberOf_CastToDirectoryRole_IsEmpty()
    {
        var reply = await Api.App(_emulator, Api.AllRead).GetAsync($"{Adele}/memberOf/microsoft.graph.directoryRole");

        reply.Status.Should().Be(200);
        reply.Json["value"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task MemberOf_Count_ReturnsTextPlainInteger()
    {
        var reply = await Api.App(_emulator, Api.AllRead).GetAsync($"{Adele}/memberOf/$count", Eventual);

        reply.Status.Should().Be(200);
        reply.ContentType.Should().StartWith("text/plain");
        reply.Body.Should().Be(_emulator.Directory.GetMemberOf(Guid.Parse(DemoTenant.AdeleVanceId)).Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task TransitiveMemberOf_CastCount_CountsGroups()
    {
        var reply = await Api.App(_emulator, Api.AllRead).GetAsync($"{Adele}/transitiveMemberOf/microsoft.graph.group/$count", Eventual);

        reply.Status.Should().Be(200);
        reply.Body.Should().Be(_emulator.Directory.GetTransitiveMemberOf(Guid.Parse(DemoTenant.AdeleVanceId)).Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task MemberOf_CountWithoutConsistencyLevel_Returns400()
    {
        var reply = await Api.App(_emulator, Api.AllRead).GetAsync($"{Adele}/memberOf/$count");

        reply.Status.Should().Be(400);
    }

    [Fact]
    public async Task TransitiveMembers_CastToUser_ListsUsersOnly()
    {
        var reply = await Api.App(_emulator, Api.AllRead).GetAsync($"v1.0/groups/{DemoTenant.SalesAndMarketingGroupId}/transitiveMembers/microsoft.graph.user");

        reply.Status.Should().Be(200);
        reply.Header("x-ms-resource-unit").Should().Be("5");
        var items = reply.Json["value"]!.AsArray();
        items.Should().OnlyContain(i => i!["@odata.type"]!.GetValue<string>() == "#microsoft.graph.user");
        items.Select(i => i!["id"]!.GetValue<string>()).Should().Contain(DemoTenant.AdeleVanceId).And.NotContain(DemoTenant.RetailTeamGroupId);
    }

    [Fact]
    public async Task TransitiveMembers_CastToUserCount_CountsUsers()
    {
        var reply = await Api.App(_emulator, Api.AllRead).GetAsync($"v1.0/groups/{DemoTenant.SalesAndMarketingGroupId}/transitiveMembers/microsoft.graph.user/$count", Eventual);

        reply.Status.Should().Be(200);
        reply.Body.Should().Be("5"); // Alex, Megan, Lee, and through Retail Team: Adele, Diego
    }
}
