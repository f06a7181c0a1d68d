using Entra.Actions.Emulator.Tests.Support;

namespace Entra.Actions.Emulator.Tests.Endpoints;

/// <summary><c>GET /groups?$filter=...</c> by displayName, mail or mailNickname: case-insensitive <c>eq</c>, <c>or</c>, <c>''</c> escapes.</summary>
public class ListGroupsFilterTests
{
    private readonly GraphEmulator _emulator = Emulators.Demo();

    private static string[] Ids(Reply reply) => [.. reply.Json["value"]!.AsArray().Select(g => g!["id"]!.GetValue<string>())];

    private Task<Reply> ListAsync(string filter, params string[] roles) =>
        Api.App(_emulator, roles.Length == 0 ? Api.AllRead : roles).GetAsync($"v1.0/groups?$filter={Uri.EscapeDataString(filter)}");

    private EmulatedGroup Group(string id) => _emulator.Directory.Groups.Single(g => g.Id == Guid.Parse(id));

    [Theory]
    [InlineData("displayName eq 'Sales and Marketing'")]
    [InlineData("displayName eq 'SALES AND MARKETING'")]
    [InlineData("DisplayName eq 'sales and marketing'")]
    [InlineData("displayName in ('Nope','sales and marketing')")]
    public async Task ListGroups_FilterDisplayNameEq_MatchesCaseInsensitively(string filter)
    {
        var reply = await ListAsync(filter);

        reply.Status.Should().Be(200);
        reply.Json["@odata.context"]!.GetValue<string>().Should().Be("https://graph.microsoft.com/v1.0/$metadata#groups");
        Ids(reply).Should().Equal(DemoTenant.SalesAndMarketingGroupId);
    }

    [Fact]
    public async Task ListGroups_FilterMailEqAndMailNicknameEq_FindTheGroup()
    {
        var group = Group(DemoTenant.AllCompanyGroupId);
        group.Mail.Should().NotBeNull();

        var byMail = await ListAsync($"mail eq '{group.Mail!.ToUpperInvariant()}'");
        var byNickname = await ListAsync($"mailNickname eq '{group.MailNickname!.ToLowerInvariant()}'");

        Ids(byMail).Should().Equal(DemoTenant.AllCompanyGroupId);
        Ids(byNickname).Should().Equal(DemoTenant.AllCompanyGroupId);
    }

    [Fact]
    public async Task ListGroups_FilterOrOfTheThreeNames_ReturnsEveryMatchInDirectoryOrder()
    {
        var all = Group(DemoTenant.AllCompanyGroupId);
        var reply = await ListAsync($"displayName eq 'Retail Team' or mail eq '{all.Mail}' or mailNickname eq 'nobody'");

        reply.Status.Should().Be(200);
        Ids(reply).Should().Equal(
            [.. _emulator.Directory.Groups.Select(g => g.Id.ToString()).Where(id => id is DemoTenant.RetailTeamGroupId or DemoTenant.AllCompanyGroupId)]);
    }

    [Fact]
    public async Task ListGroups_FilterDisplayNameIsExactNotPrefix_NoMatchForPartialName()
    {
        var reply = await ListAsync("displayName eq 'Sales and'");

        reply.Status.Should().Be(200);
        Ids(reply).Should().BeEmpty();
    }

    [Fact]
    public async Task ListGroups_FilterDoubledQuote_MatchesApostropheLiterally()
    {
        var id = Guid.NewGuid();
        _emulator.Directory.AddGroup(EmulatedGroup.CreateSecurity(id, "Pat's Team"));

        var reply = await ListAsync("displayName eq 'pat''s team'");
        var hostile = await ListAsync("displayName eq 'x'' or displayName eq ''Retail Team'");

        Ids(reply).Should().Equal(id.ToString());
        reply.Json["value"]![0]!["displayName"]!.GetValue<string>().Should().Be("Pat's Team");
        hostile.Status.Should().Be(200);
        Ids(hostile).Should().BeEmpty();
    }

    [Fact]
    public async Task ListGroups_FilterWithSelectAndTop_PagesTheMatches()
    {
        var api = Api.App(_emulator, Api.AllRead);
        var filter = Uri.EscapeDataString("displayName eq 'Retail Team' or displayName eq 'All Company' or displayName eq 'Project Falcon'");

        var first = await api.GetAsync($"v1.0/groups?$filter={filter}&$select=id,displayName&$top=2");
        var second = await api.GetAsync(first.Json["@odata.nextLink"]!.GetValue<string>());

        Ids(first).Should().HaveCount(2);
        Ids(first).Concat(Ids(second)).Should().BeEquivalentTo([DemoTenant.RetailTeamGroupId, DemoTenant.AllCompanyGroupId, DemoTenant.ProjectFalconGroupId]);
        second.Json["@odata.nextLink"].Should().BeNull();
        first.Json["value"]![0]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(["id", "displayName"]);
    }

    [Theory]
    [InlineData("description eq 'x'", "The emulator does not support $filter on the property 'description' (only 'id', 'displayName', 'mail' and 'mailNickname').")]
    [InlineData("displayName ne 'x'", "The emulator does not support the 'ne' operator in $filter (only 'eq', 'in', 'startswith' and 'or').")]
    [InlineData("displayName eq 'a' and mail eq 'b'", "The emulator does not support 'and' in $filter (only 'or').")]
    [InlineData("displayName eq 'a", "Invalid filter clause: unterminated string literal at position 15.")]
    [InlineData("displayName eq Sales", "Invalid filter clause: expected a quoted string after 'eq' at position 15.")]
    public async Task ListGroups_FilterUnsupportedOrMalformed_Returns400UnsupportedQuery(string filter, string message)
    {
        var reply = await ListAsync(filter);

        reply.Status.Should().Be(400);
        reply.ErrorCode.Should().Be("Request_UnsupportedQuery");
        reply.ErrorMessage.Should().Be(message);
    }

    [Fact]
    public async Task ListGroups_FilterSixteenClauses_Returns400WithGraphMessage()
    {
        var filter = string.Join(" or ", Enumerable.Range(1, 16).Select(i => $"displayName eq 'g{i}'"));

        var reply = await ListAsync(filter);

        reply.Status.Should().Be(400);
        reply.ErrorMessage.Should().Be("Too many child clauses specified in search filter expression containing 'OR' operators: 16. Max allowed: 15.");
    }

    [Fact]
    public async Task ListGroups_FilterWithoutGroupReadPermission_Returns403()
    {
        var reply = await ListAsync("displayName eq 'Retail Team'", "User.Read.All");

        reply.Status.Should().Be(403);
        reply.ErrorCode.Should().Be("Authorization_RequestDenied");
    }
}
