using System.Web;
using Entra.Actions.Emulator.Tests.Support;

namespace Entra.Actions.Emulator.Tests.Endpoints;

/// <summary>@odata.nextLink carries every original query option except $skiptoken.</summary>
public class NextLinkTests
{
    private static readonly (string, string) Eventual = ("ConsistencyLevel", "eventual");
    private readonly GraphEmulator _emulator = Emulators.Demo();

    [Fact]
    public async Task NextLink_CountTrue_IsCarriedAndEveryPageCounts()
    {
        var api = Api.App(_emulator);
        var first = await api.GetAsync($"v1.0/groups/{DemoTenant.AllCompanyGroupId}/members?$count=true&$top=10&$select=displayName", Eventual);

        var next = first.Json["@odata.nextLink"]!.GetValue<string>();
        var query = HttpUtility.ParseQueryString(new Uri(next).Query);
        var second = await api.GetAsync(next, Eventual);

        query["$count"].Should().Be("true");
        query["$top"].Should().Be("10");
        query["$select"].Should().Be("displayName");
        query["$skiptoken"].Should().NotBeNullOrEmpty();
        second.Json["@odata.count"]!.GetValue<int>().Should().Be(30);
        second.Json["value"]!.AsArray().Should().HaveCount(10);
    }

    [Fact]
    public async Task NextLink_FollowedTwice_HasExactlyOneSkipToken()
    {
        var api = Api.App(_emulator);
        var first = await api.GetAsync($"v1.0/groups/{DemoTenant.AllCompanyGroupId}/members?$top=10");
        var second = await api.GetAsync(first.Json["@odata.nextLink"]!.GetValue<string>());

        var next = second.Json["@odata.nextLink"]!.GetValue<string>();

        HttpUtility.ParseQueryString(new Uri(next).Query).GetValues("$skiptoken").Should().HaveCount(1);
        next.Split("$top=").Should().HaveCount(2);
    }

    [Fact]
    public async Task NextLink_UnknownOptionAndUserList_AreCarried()
    {
        for (var i = 0; i < 5; i++)
        {
            _emulator.Directory.AddUser(new EmulatedUser { Id = Guid.NewGuid(), DisplayName = "X", UserPrincipalName = $"x{i}@contoso.com" });
        }

        var reply = await Api.App(_emulator).GetAsync("v1.0/users?$top=5&custom=1&$count=true", Eventual);

        var query = HttpUtility.ParseQueryString(new Uri(reply.Json["@odata.nextLink"]!.GetValue<string>()).Query);
        query["custom"].Should().Be("1");
        query["$count"].Should().Be("true");
    }
}
