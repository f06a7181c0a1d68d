using System.Text.Json.Nodes;
using Entra.Actions.Emulator.Tests.Support;

namespace Entra.Actions.Emulator.Tests.Endpoints;

/// <summary>The exact requests the library's read actions send (user search, group by name, members, checkMemberGroups), answered as Graph answers them.</summary>
public class ReadActionShapesTests
{
    private static readonly string[] NameProperties = ["displayName", "givenName", "surname", "mail", "userPrincipalName"];
    private readonly GraphEmulator _emulator = Emulators.Demo();

    private static JsonObject[] Items(Reply reply) => [.. reply.Json["value"]!.AsArray().Select(v => v!.AsObject())];

    private static string[] Ids(Reply reply) => [.. Items(reply).Select(v => v["id"]!.GetValue<string>())];

    private static string UserSearch(string prefix, int top)
    {
        var literal = prefix.Replace("'", "''", StringComparison.Ordinal);
        var filter = string.Join(" or ", NameProperties.Select(p => $"startswith({p},'{literal}')"));
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"v1.0/users?$filter={Uri.EscapeDataString(filter)}&$top={top}");
    }

    private static string GroupByName(string name)
    {
        var literal = name.Replace("'", "''", StringComparison.Ordinal);
        return $"v1.0/groups?$filter={Uri.EscapeDataString($"displayName eq '{literal}' or mail eq '{literal}' or mailNickname eq '{literal}'")}&$top=11";
    }

    private string[] Matching(string prefix) =>
        [.. _emulator.Directory.Users
            .Where(u => new[] { u.DisplayName, u.GivenName, u.Surname, u.Mail, u.UserPrincipalName }.Any(v => v?.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) == true))
            .Select(u => u.Id.ToString())];

    private static async Task<List<JsonObject>> AllPagesAsync(Api api, Reply first)
    {
        var items = Items(first).ToList();
        var next = first.Json["@odata.nextLink"]?.GetValue<string>();
        while (next is not null)
        {
            var page = await api.GetAsync(next);
            page.Status.Should().Be(200);
            items.AddRange(Items(page));
            next = page.Json["@odata.nextLink"]?.GetValue<string>();
        }

        return items;
    }

    [Theory]
    [InlineData("A&B")]
    [InlineData("#1 ")]
    [InlineData("100%")]
    [InlineData("C++")]
    [InlineData("(x)")]
    [InlineData("\"Q\"")]
    [InlineData("back\\")]
    [InlineData("O'Neil")]
    [InlineData("Zoë")]
    [InlineData("Łukasz")]
    [InlineData("日本")]
    [InlineData("a=b?c/d")]
    public async Task SearchUsers_PrefixWithReservedOrUnicodeCharacters_FindsOnlyTheUserItStarts(string prefix)
    {
        var id = Guid.NewGuid();
        _emulator.Directory.AddUser(new EmulatedUser { Id = id, DisplayName = prefix + " Tester", UserPrincipalName = $"t{id:N}@contoso.com" });
        _emulator.Directory.AddUser(new EmulatedUser { Id = Guid.NewGuid(), DisplayName = "Decoy " + prefix, UserPrincipalName = $"d{id:N}@contoso.com" });

        var exact = await Api.App(_emulator).GetAsync(UserSearch(prefix, 5));
        var otherCase = await Api.App(_emulator).GetAsync(UserSearch(prefix.ToUpperInvariant(), 5));

        exact.Status.Should().Be(200);
        Ids(exact).Should().Equal(id.ToString());
        Ids(otherCase).Should().Equal(id.ToString());
    }

    [Theory]
    [InlineData("isaiah")]
    [InlineData("LANGER")]
    [InlineData("isaiahl@")]
    [InlineData("IsaiahL@Contoso.com")]
    [InlineData("Isaiah L")]
    public async Task SearchUsers_PrefixOfAnyOfTheFiveProperties_MatchesCaseInsensitively(string prefix)
    {
        var reply = await Api.App(_emulator).GetAsync(UserSearch(prefix, 10));

        reply.Status.Should().Be(200);
        Items(reply).Select(u => u["displayName"]!.GetValue<string>()).Should().Equal("Isaiah Langer");
        reply.Json["@odata.nextLink"].Should().BeNull();
    }

    [Fact]
    public async Task SearchUsers_MoreMatchesThanTop_ReturnsTopAndANextLinkThatPagesTheRest()
    {
        var api = Api.App(_emulator);
        var expected = Matching("d");
        expected.Length.Should().BeGreaterThan(3);

        var first = await api.GetAsync(UserSearch("d", 3));
        var all = await AllPagesAsync(api, first);

        first.Status.Should().Be(200);
        Items(first).Should().HaveCount(3);
        first.Json["@odata.nextLink"]!.GetValue<string>().Should().StartWith("https://graph.emulator.local/v1.0/users?$top=3&");
        all.Select(u => u["id"]!.GetValue<string>()).Should().Equal(expected);
    }

    [Fact]
    public async Task SearchUsers_ExactlyTopMatches_HasNoNextLink()
    {
        var count = Matching("d").Length;

        var reply = await Api.App(_emulator).GetAsync(UserSearch("d", count));

        Items(reply).Should().HaveCount(count);
        reply.Json["@odata.nextLink"].Should().BeNull();
    }

    [Fact]
    public async Task SearchUsers_NoMatch_ReturnsEmptyValue()
    {
        var reply = await Api.App(_emulator).GetAsync(UserSearch("zz'; drop", 10));

        reply.Status.Should().Be(200);
        Items(reply).Should().BeEmpty();
    }

    [Theory]
    [InlineData("Sales")]
    [InlineData("sales")]
    [InlineData("SALES")]
    public async Task FindGroupByName_Sales_FindsOnlyTheSalesGroup(string name)
    {
        var reply = await Api.App(_emulator, Api.AllRead).GetAsync(GroupByName(name));

        reply.Status.Should().Be(200);
        Ids(reply).Should().Equal(DemoTenant.SalesGroupId);
        Items(reply)[0]["displayName"]!.GetValue<string>().Should().Be("Sales");
    }

    [Fact]
    public async Task FindGroupByName_MailOrMailNickname_FindsTheGroup()
    {
        var api = Api.App(_emulator, Api.AllRead);

        var byMail = await api.GetAsync(GroupByName("ALLCOMPANY@contoso.com"));
        var byNickname = await api.GetAsync(GroupByName("salesandmarketing"));

        Ids(byMail).Should().Equal(DemoTenant.AllCompanyGroupId);
        Ids(byNickname).Should().Equal(DemoTenant.SalesAndMarketingGroupId);
    }

    [Fact]
    public async Task FindGroupByName_PrefixOfAName_FindsNothing()
    {
        var reply = await Api.App(_emulator, Api.AllRead).GetAsync(GroupByName("Sales and"));

        reply.Status.Should().Be(200);
        Items(reply).Should().BeEmpty();
    }

    [Fact]
    public async Task FindGroupByName_SpecialCharacters_MatchesLiterally()
    {
        var id = Guid.NewGuid();
        _emulator.Directory.AddGroup(EmulatedGroup.CreateSecurity(id, "R&D #1 (100%) \"C++\" O'Neil\\Zoë"));

        var reply = await Api.App(_emulator, Api.AllRead).GetAsync(GroupByName("r&d #1 (100%) \"c++\" o'neil\\zoë"));

        reply.Status.Should().Be(200);
        Ids(reply).Should().Equal(id.ToString());
    }

    [Fact]
    public async Task FindGroupByName_MoreThanElevenSameName_ReturnsElevenAndANextLink()
    {
        for (var i = 0; i < 12; i++)
        {
            _emulator.Directory.AddGroup(EmulatedGroup.CreateSecurity(Guid.NewGuid(), "Twins"));
        }

        var reply = await Api.App(_emulator, Api.AllRead).GetAsync(GroupByName("twins"));

        reply.Status.Should().Be(200);
        Items(reply).Should().HaveCount(11);
        reply.Json["@odata.nextLink"].Should().NotBeNull();
    }

    [Theory]
    [InlineData("members", 4)]
    [InlineData("transitiveMembers", 6)]
    public async Task ListMembers_SelectAndTopTwo_PagesThroughEveryMemberWithODataType(string nav, int total)
    {
        var api = Api.App(_emulator, Api.AllRead);
        var path = $"v1.0/groups/{DemoTenant.SalesAndMarketingGroupId}/{nav}?$select=id,displayName,userPrincipalName,mail&$top=2";

        var first = await api.GetAsync(path);
        var all = await AllPagesAsync(api, first);

        first.Status.Should().Be(200);
        first.Json["@odata.context"]!.GetValue<string>().Should().Be("https://graph.microsoft.com/v1.0/$metadata#directoryObjects(id,displayName,userPrincipalName,mail)");
        Items(first).Should().HaveCount(2);
        first.Json["@odata.nextLink"]!.GetValue<string>().Should().Contain("$select=id,displayName,userPrincipalName,mail");
        var expected = nav == "members"
            ? _emulator.Directory.GetMemberIds(Guid.Parse(DemoTenant.SalesAndMarketingGroupId))
            : _emulator.Directory.GetTransitiveMemberIds(Guid.Parse(DemoTenant.SalesAndMarketingGroupId));
        all.Select(i => i["id"]!.GetValue<string>()).Should().HaveCount(total).And.Equal(expected.Select(g => g.ToString()));
        all.Should().OnlyContain(i => i.ContainsKey("@odata.type"));
        all.SelectMany(i => i.Select(p => p.Key)).Distinct().Should().BeSubsetOf(["@odata.type", "id", "displayName", "userPrincipalName", "mail"]);
        var alex = all.Single(i => i["id"]!.GetValue<string>() == DemoTenant.AlexWilberId);
        alex["@odata.type"]!.GetValue<string>().Should().Be("#microsoft.graph.user");
        alex["userPrincipalName"]!.GetValue<string>().Should().Be("AlexW@contoso.com");
        alex["mail"]!.GetValue<string>().Should().Be("AlexW@contoso.com");
        var retail = all.Single(i => i["id"]!.GetValue<string>() == DemoTenant.RetailTeamGroupId);
        retail["@odata.type"]!.GetValue<string>().Should().Be("#microsoft.graph.group");
        retail["displayName"]!.GetValue<string>().Should().Be("Retail Team");
    }

    [Fact]
    public async Task ListMembers_SalesGroup_HasIsaiahAndChristieOnly()
    {
        var reply = await Api.App(_emulator, Api.AllRead).GetAsync($"v1.0/groups/{DemoTenant.SalesGroupId}/members?$select=id,displayName,userPrincipalName,mail&$top=2");

        reply.Status.Should().Be(200);
        Items(reply).Select(i => i["displayName"]!.GetValue<string>()).Should().BeEquivalentTo(["Isaiah Langer", "Christie Cline"]);
        reply.Json["@odata.nextLink"].Should().BeNull();
    }

    [Fact]
    public async Task CheckMemberGroups_TransitiveMember_ReturnsTheGroupsReachedThroughNesting()
    {
        var reply = await Api.App(_emulator, Api.AllRead).PostAsync($"v1.0/users/{Uri.EscapeDataString(DemoTenant.AdeleVanceUpn)}/checkMemberGroups",
            new { groupIds = new[] { DemoTenant.SalesAndMarketingGroupId, DemoTenant.RetailTeamGroupId, DemoTenant.SalesGroupId } });

        reply.Status.Should().Be(200);
        reply.Json["@odata.context"]!.GetValue<string>().Should().Be("https://graph.microsoft.com/v1.0/$metadata#Collection(Edm.String)");
        reply.Json["value"]!.AsArray().Select(v => v!.GetValue<string>()).Should().BeEquivalentTo([DemoTenant.SalesAndMarketingGroupId, DemoTenant.RetailTeamGroupId]);
    }

    [Fact]
    public async Task CheckMemberGroups_NonMember_ReturnsEmptyValue()
    {
        var reply = await Api.App(_emulator, Api.AllRead).PostAsync($"v1.0/users/{Uri.EscapeDataString(DemoTenant.AdeleVanceUpn)}/checkMemberGroups",
            new { groupIds = new[] { DemoTenant.SalesGroupId, DemoTenant.ProjectFalconGroupId } });

        reply.Status.Should().Be(200);
        reply.Json["value"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task CheckMemberGroups_GroupIdThatDoesNotExist_Returns200WithoutIt()
    {
        var unknown = Guid.NewGuid().ToString();

        var reply = await Api.App(_emulator, Api.AllRead).PostAsync($"v1.0/users/{Uri.EscapeDataString(DemoTenant.AdeleVanceUpn)}/checkMemberGroups",
            new { groupIds = new[] { unknown, DemoTenant.SalesAndMarketingGroupId } });
        var onlyUnknown = await Api.App(_emulator, Api.AllRead).PostAsync($"v1.0/users/{DemoTenant.AdeleVanceId}/checkMemberGroups", new { groupIds = new[] { unknown } });

        reply.Status.Should().Be(200);
        reply.Json["value"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal(DemoTenant.SalesAndMarketingGroupId);
        onlyUnknown.Status.Should().Be(200);
        onlyUnknown.Json["value"]!.AsArray().Should().BeEmpty();
    }
}
