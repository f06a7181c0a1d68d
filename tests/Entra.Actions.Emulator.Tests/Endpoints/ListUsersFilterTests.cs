using System.Globalization;
using System.Text.Json.Nodes;
using Entra.Actions.Emulator.Tests.Support;

namespace Entra.Actions.Emulator.Tests.Endpoints;

/// <summary><c>GET /users?$filter=...</c>: id/userPrincipalName with eq/in/or, directly and as <c>$batch</c> steps.</summary>
public class ListUsersFilterTests
{
    private const string UnknownId = "0badc0de-0000-4000-8000-000000000000";
    private const string TooMany = "Too many child clauses specified in search filter expression containing 'OR' operators: 16. Max allowed: 15.";

    private readonly GraphEmulator _emulator = Emulators.Demo();

    private static string[] Ids(Reply reply) => [.. reply.Json["value"]!.AsArray().Select(u => u!["id"]!.GetValue<string>())];

    private static string Batch(params (string Id, string Url)[] steps) => new JsonObject
    {
        ["requests"] = new JsonArray([.. steps.Select(s => (JsonNode)new JsonObject { ["id"] = s.Id, ["method"] = "GET", ["url"] = s.Url })]),
    }.ToJsonString();

    /// <summary>The ids of the demo users among <paramref name="ids"/>, in the directory's order.</summary>
    private string[] InDirectoryOrder(params string[] ids) =>
        [.. _emulator.Directory.Users.Select(u => u.Id.ToString()).Where(ids.Contains)];

    [Fact]
    public async Task ListUsers_FilterIdEq_ReturnsOnlyThatUserWithDefaultProperties()
    {
        var reply = await Api.App(_emulator).GetAsync($"v1.0/users?$filter=id eq '{DemoTenant.AdeleVanceId}'");

        reply.Status.Should().Be(200);
        reply.Json["@odata.context"]!.GetValue<string>().Should().Be("https://graph.microsoft.com/v1.0/$metadata#users");
        Ids(reply).Should().Equal(DemoTenant.AdeleVanceId);
        reply.Json["value"]![0]!["jobTitle"]!.GetValue<string>().Should().Be("Retail Manager");
        reply.Json["@odata.nextLink"].Should().BeNull();
    }

    [Fact]
    public async Task ListUsers_FilterIdIn_ReturnsMatchesInDirectoryOrderAndSkipsUnknownAndNonGuidIds()
    {
        var reply = await Api.App(_emulator).GetAsync(
            $"v1.0/users?$filter=id in ('{DemoTenant.MeganBowenId}','{UnknownId}','not-a-guid','{DemoTenant.AdeleVanceId}','{DemoTenant.AlexWilberId}')");

        reply.Status.Should().Be(200);
        Ids(reply).Should().Equal(InDirectoryOrder(DemoTenant.MeganBowenId, DemoTenant.AdeleVanceId, DemoTenant.AlexWilberId));
    }

    [Fact]
    public async Task ListUsers_FilterNoMatch_ReturnsEmptyValue()
    {
        var reply = await Api.App(_emulator).GetAsync($"v1.0/users?$filter=id eq 'not-a-guid' or id eq '{UnknownId}'");

        reply.Status.Should().Be(200);
        reply.Json["value"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task ListUsers_FilterOrOfIdAndUpnWithMixedCaseProperties_ReturnsBoth()
    {
        var reply = await Api.App(_emulator).GetAsync(
            $"v1.0/users?$filter=ID eq '{DemoTenant.AlexWilberId}' or UserPrincipalName in ('{DemoTenant.DisabledUserUpn}')");

        Ids(reply).Should().Equal(InDirectoryOrder(DemoTenant.AlexWilberId, DemoTenant.DisabledUserId));
    }

    [Fact]
    public async Task ListUsers_FilterUpnEq_ComparesCaseInsensitively()
    {
        var reply = await Api.App(_emulator).GetAsync("v1.0/users?$filter=userPrincipalName eq 'ADELEV@contoso.COM'");

        Ids(reply).Should().Equal(DemoTenant.AdeleVanceId);
        reply.Json["value"]![0]!["userPrincipalName"]!.GetValue<string>().Should().Be(DemoTenant.AdeleVanceUpn);
    }

    [Fact]
    public async Task ListUsers_FilterUpnWithEscapedQuote_FindsUserWithApostrophe()
    {
        var id = Guid.NewGuid();
        _emulator.Directory.AddUser(new EmulatedUser { Id = id, DisplayName = "Pat O'Brien", UserPrincipalName = "O'Brien@contoso.com" });

        var reply = await Api.App(_emulator).GetAsync("v1.0/users?$filter=userPrincipalName eq 'o''brien@contoso.com'");

        Ids(reply).Should().Equal(id.ToString());
    }

    [Fact]
    public async Task ListUsers_FilterFullyPercentEncoded_IsDecodedOnce()
    {
        var filter = Uri.EscapeDataString($"id in ('{DemoTenant.AdeleVanceId}','{DemoTenant.AlexWilberId}')");

        var reply = await Api.App(_emulator).GetAsync($"v1.0/users?%24filter={filter}&%24select=id");

        reply.Status.Should().Be(200);
        filter.Should().Contain("%27").And.Contain("%28");
        Ids(reply).Should().Equal(InDirectoryOrder(DemoTenant.AdeleVanceId, DemoTenant.AlexWilberId));
    }

    [Fact]
    public async Task ListUsers_FilterWithSelect_ReturnsOnlySelectedPropertiesPlusId()
    {
        var reply = await Api.App(_emulator).GetAsync(
            $"v1.0/users?$filter=id in ('{DemoTenant.AdeleVanceId}')&$select=id,displayName,givenName,surname,mail,userPrincipalName,jobTitle");

        reply.Json["@odata.context"]!.GetValue<string>().Should()
            .Be("https://graph.microsoft.com/v1.0/$metadata#users(id,displayName,givenName,surname,mail,userPrincipalName,jobTitle)");
        reply.Json["value"]![0]!.AsObject().Select(p => p.Key).Should()
            .BeEquivalentTo(["id", "displayName", "givenName", "surname", "mail", "userPrincipalName", "jobTitle"]);
    }

    [Fact]
    public async Task ListUsers_FilterWithCountAndTop_CountsMatchesAndPagesThroughThem()
    {
        var api = Api.App(_emulator);
        var expected = InDirectoryOrder(DemoTenant.AdeleVanceId, DemoTenant.AlexWilberId, DemoTenant.MeganBowenId);

        var first = await api.GetAsync(
            $"v1.0/users?$filter=id in ('{DemoTenant.AdeleVanceId}','{DemoTenant.AlexWilberId}','{DemoTenant.MeganBowenId}')&$count=true&$top=2",
            ("ConsistencyLevel", "eventual"));
        var second = await api.GetAsync(first.Json["@odata.nextLink"]!.GetValue<string>(), ("ConsistencyLevel", "eventual"));

        first.Json["@odata.count"]!.GetValue<int>().Should().Be(3);
        second.Json["@odata.count"]!.GetValue<int>().Should().Be(3);
        Ids(first).Concat(Ids(second)).Should().Equal(expected);
        second.Json["@odata.nextLink"].Should().BeNull();
    }

    [Theory]
    [InlineData("", 2)]
    [InlineData("&$select=id,displayName", 1)]
    public async Task ListUsers_Filtered_CostsLikeUnfilteredList(string select, int expected)
    {
        var reply = await Api.App(new GraphEmulator(), Api.AllRead).GetAsync($"v1.0/users?$filter=id eq '{DemoTenant.AdeleVanceId}'{select}");

        reply.Status.Should().Be(200);
        reply.Header("x-ms-resource-unit").Should().Be(expected.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ListUsers_FilterWithoutUserReadPermission_Returns403()
    {
        var reply = await Api.App(_emulator, "GroupMember.Read.All").GetAsync($"v1.0/users?$filter=id eq '{DemoTenant.AdeleVanceId}'");

        reply.Status.Should().Be(403);
        reply.ErrorCode.Should().Be("Authorization_RequestDenied");
    }

    [Fact]
    public async Task ListUsers_FifteenIds_Returns200()
    {
        var ids = Enumerable.Range(0, 14).Select(_ => $"'{Guid.NewGuid()}'").Append($"'{DemoTenant.AdeleVanceId}'");

        var reply = await Api.App(_emulator).GetAsync($"v1.0/users?$filter=id in ({string.Join(",", ids)})");

        reply.Status.Should().Be(200);
        Ids(reply).Should().Equal(DemoTenant.AdeleVanceId);
    }

    [Fact]
    public async Task ListUsers_SixteenClauses_Returns400UnsupportedQueryWithGraphMessage()
    {
        var ids = string.Join(",", Enumerable.Range(0, 15).Select(_ => $"'{Guid.NewGuid()}'"));

        var reply = await Api.App(_emulator).GetAsync($"v1.0/users?$filter=id in ({ids}) or userPrincipalName eq '{DemoTenant.AdeleVanceUpn}'");

        reply.Status.Should().Be(400);
        reply.ErrorCode.Should().Be("Request_UnsupportedQuery");
        reply.ErrorMessage.Should().Be(TooMany);
    }

    [Theory]
    [InlineData("displayName eq 'Adele Vance'", "'displayName'")]
    [InlineData("id ne 'x'", "'ne'")]
    [InlineData("endswith(displayName,'A')", "'endswith'")]
    [InlineData("startswith(jobTitle,'A')", "'jobTitle'")]
    [InlineData("id eq 'a' and id eq 'b'", "'and'")]
    [InlineData("id EQ 'a'", "Invalid filter clause")]
    [InlineData("id in ('a'", "Invalid filter clause")]
    public async Task ListUsers_UnsupportedFilter_Returns400UnsupportedQueryNamingIt(string filter, string named)
    {
        var reply = await Api.App(_emulator).GetAsync($"v1.0/users?$filter={Uri.EscapeDataString(filter)}");

        reply.Status.Should().Be(400);
        reply.ErrorCode.Should().Be("Request_UnsupportedQuery");
        reply.ErrorMessage.Should().Contain(named);
    }

    [Theory]
    [InlineData("v1.0/groups/" + DemoTenant.AllCompanyGroupId + "/members?$filter=id eq '" + DemoTenant.AdeleVanceId + "'")]
    [InlineData("v1.0/users/" + DemoTenant.AdeleVanceId + "/memberOf?$filter=id eq '" + DemoTenant.AllCompanyGroupId + "'")]
    public async Task OtherCollections_Filter_StillRefused(string path)
    {
        var reply = await Api.App(_emulator).GetAsync(path);

        reply.Status.Should().Be(400);
        reply.ErrorCode.Should().Be("Request_UnsupportedQuery");
        reply.ErrorMessage.Should().Be("The emulator does not support $filter.");
    }

    [Fact]
    public async Task Batch_FilterStepUnescapedAndEncoded_EachReturnsExactlyTheMatchingUsers()
    {
        // The Graph SDK unescapes step URLs: literal spaces and quotes. A hand-built batch may encode them.
        var unescaped = $"/users?$filter=id in ('{DemoTenant.AdeleVanceId}','{UnknownId}','{DemoTenant.MeganBowenId}')&$select=id";
        var encoded = $"/users?$filter={Uri.EscapeDataString($"id in ('{DemoTenant.AlexWilberId}','{UnknownId}')")}&$select=id";

        var reply = await Api.App(_emulator).PostAsync("v1.0/$batch", Batch(("plain", unescaped), ("encoded", encoded)));

        reply.Status.Should().Be(200);
        var responses = reply.Json["responses"]!.AsArray().ToDictionary(r => r!["id"]!.GetValue<string>());
        responses["plain"]!["status"]!.GetValue<int>().Should().Be(200);
        responses["encoded"]!["status"]!.GetValue<int>().Should().Be(200);
        StepIds(responses["plain"]!).Should().Equal(InDirectoryOrder(DemoTenant.AdeleVanceId, DemoTenant.MeganBowenId));
        StepIds(responses["encoded"]!).Should().Equal(DemoTenant.AlexWilberId);
        responses["plain"]!["body"]!["value"]![0]!.AsObject().Select(p => p.Key).Should().Equal("id");
        responses["plain"]!["headers"]!["x-ms-resource-unit"]!.GetValue<string>().Should().Be("1");
    }

    [Fact]
    public async Task Batch_FilterStepWithSixteenClauses_StepIs400EnvelopeIs200()
    {
        var ids = string.Join(",", Enumerable.Range(0, 16).Select(_ => $"'{Guid.NewGuid()}'"));

        var reply = await Api.App(_emulator).PostAsync("v1.0/$batch", Batch(
            ("many", $"/users?$filter=id in ({ids})&$select=id"),
            ("one", $"/users?$filter=id in ('{DemoTenant.AdeleVanceId}')&$select=id")));

        reply.Status.Should().Be(200);
        var responses = reply.Json["responses"]!.AsArray().ToDictionary(r => r!["id"]!.GetValue<string>());
        responses["many"]!["status"]!.GetValue<int>().Should().Be(400);
        responses["many"]!["body"]!["error"]!["code"]!.GetValue<string>().Should().Be("Request_UnsupportedQuery");
        responses["many"]!["body"]!["error"]!["message"]!.GetValue<string>().Should().Be(TooMany);
        responses["one"]!["status"]!.GetValue<int>().Should().Be(200);
        StepIds(responses["one"]!).Should().Equal(DemoTenant.AdeleVanceId);
    }

    private static string[] StepIds(JsonNode step) => [.. step["body"]!["value"]!.AsArray().Select(u => u!["id"]!.GetValue<string>())];
}
