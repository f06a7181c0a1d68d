using Entra.Actions.Emulator.Tests.Support;

namespace Entra.Actions.Emulator.Tests.Endpoints;

/// <summary><c>$search</c> on <c>GET /users</c> and <c>GET /groups</c>: needs <c>ConsistencyLevel: eventual</c>, quoted clauses, paging.</summary>
public class SearchEndpointTests
{
    private static readonly (string, string) Eventual = ("ConsistencyLevel", "eventual");

    private readonly GraphEmulator _emulator = Emulators.Demo();

    private static string[] Ids(Reply reply) => [.. reply.Json["value"]!.AsArray().Select(u => u!["id"]!.GetValue<string>())];

    private Task<Reply> SearchAsync(string set, string search, string extra = "", params (string, string)[] headers) =>
        Api.App(_emulator, Api.AllRead).GetAsync($"v1.0/{set}?$search={Uri.EscapeDataString(search)}{extra}", headers);

    [Fact]
    public async Task ListUsers_SearchDisplayNameWithEventual_ReturnsWordPrefixMatches()
    {
        var reply = await SearchAsync("users", "\"displayName:vance\"", "", Eventual);

        reply.Status.Should().Be(200);
        reply.Json["@odata.context"]!.GetValue<string>().Should().Be("https://graph.microsoft.com/v1.0/$metadata#users");
        Ids(reply).Should().Equal(DemoTenant.AdeleVanceId);
    }

    [Fact]
    public async Task ListUsers_SearchWithoutConsistencyLevel_Returns400WithGraphMessage()
    {
        var reply = await SearchAsync("users", "\"displayName:vance\"");

        reply.Status.Should().Be(400);
        reply.ErrorCode.Should().Be("Request_UnsupportedQuery");
        reply.ErrorMessage.Should().Be(
            "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
    }

    [Fact]
    public async Task ListUsers_SearchWithoutConsistencyLevelAndMalformed_StillNamesTheHeader()
    {
        var reply = await SearchAsync("users", "displayName:vance");

        reply.Status.Should().Be(400);
        reply.ErrorMessage.Should().Contain("ConsistencyLevel: eventual");
    }

    [Theory]
    [InlineData("displayName:vance", "a clause must be a quoted")]
    [InlineData("\"displayName:vance", "unterminated quoted clause")]
    [InlineData("\"jobTitle:retail\"", "'jobTitle'")]
    [InlineData("\"displayName:a\" or \"mail:b\"", "'or' is not an operator")]
    public async Task ListUsers_SearchMalformed_Returns400UnsupportedQuery(string search, string named)
    {
        var reply = await SearchAsync("users", search, "", Eventual);

        reply.Status.Should().Be(400);
        reply.ErrorCode.Should().Be("Request_UnsupportedQuery");
        reply.ErrorMessage.Should().Contain(named);
    }

    [Fact]
    public async Task ListUsers_SearchOrAcrossProperties_ReturnsUnionInDirectoryOrder()
    {
        var reply = await SearchAsync("users", "\"displayName:megan\" OR \"userPrincipalName:adelev@\"", "", Eventual);

        Ids(reply).Should().Equal([.. _emulator.Directory.Users.Select(u => u.Id.ToString())
            .Where(id => id is DemoTenant.AdeleVanceId or DemoTenant.MeganBowenId)]);
    }

    [Fact]
    public async Task ListUsers_SearchMailIsWholeValuePrefix_NotAWordMatch()
    {
        var inner = await SearchAsync("users", "\"mail:contoso\"", "", Eventual);
        var start = await SearchAsync("users", "\"mail:ADELEV\"", "", Eventual);

        Ids(inner).Should().BeEmpty();
        Ids(start).Should().Equal(DemoTenant.AdeleVanceId);
    }

    [Fact]
    public async Task ListUsers_SearchWithFilter_BothMustMatch()
    {
        var reply = await SearchAsync("users", "\"displayName:a\"", $"&$filter={Uri.EscapeDataString("startswith(surname,'V')")}", Eventual);

        Ids(reply).Should().Equal(DemoTenant.AdeleVanceId);
    }

    [Fact]
    public async Task ListUsers_SearchWithTopAndCount_PagesAndCountsTheMatches()
    {
        var api = Api.App(_emulator, Api.AllRead);
        var expected = _emulator.Directory.Users
            .Where(u => SearchTokens.Split(u.DisplayName).Exists(w => w.StartsWith("a", StringComparison.OrdinalIgnoreCase)))
            .Select(u => u.Id.ToString()).ToList();

        var first = await api.GetAsync($"v1.0/users?$search={Uri.EscapeDataString("\"displayName:a\"")}&$top=2&$count=true", Eventual);
        var ids = Ids(first).ToList();
        var next = first.Json["@odata.nextLink"]?.GetValue<string>();
        while (next is not null)
        {
            var page = await api.GetAsync(next, Eventual);
            page.Status.Should().Be(200);
            ids.AddRange(Ids(page));
            next = page.Json["@odata.nextLink"]?.GetValue<string>();
        }

        expected.Should().HaveCountGreaterThan(2);
        first.Json["@odata.count"]!.GetValue<int>().Should().Be(expected.Count);
        ids.Should().Equal(expected);
    }

    [Fact]
    public async Task ListGroups_SearchDisplayNameAndDescription_ReturnsWordPrefixMatches()
    {
        var byName = await SearchAsync("groups", "\"displayName:marketing\"", "", Eventual);
        var byDescription = await SearchAsync("groups", "\"description:planners\"", "", Eventual);

        byName.Status.Should().Be(200);
        Ids(byName).Should().Equal(DemoTenant.SalesAndMarketingGroupId);
        Ids(byDescription).Should().Equal(DemoTenant.RetailTeamGroupId);
    }

    [Fact]
    public async Task ListGroups_SearchWithoutConsistencyLevel_Returns400()
    {
        var reply = await SearchAsync("groups", "\"displayName:sales\"");

        reply.Status.Should().Be(400);
        reply.ErrorCode.Should().Be("Request_UnsupportedQuery");
        reply.ErrorMessage.Should().Contain("'ConsistencyLevel: eventual'");
    }

    [Fact]
    public async Task ListMembers_SearchWithConsistencyLevel_StillRefusedByEmulator()
    {
        var reply = await Api.App(_emulator, Api.AllRead).GetAsync(
            $"v1.0/groups/{DemoTenant.AllCompanyGroupId}/members?$search=%22displayName:a%22", Eventual);

        reply.Status.Should().Be(400);
        reply.ErrorMessage.Should().Be("The emulator does not support $search.");
    }
}
