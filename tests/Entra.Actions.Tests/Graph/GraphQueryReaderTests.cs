using System.Net;
using System.Text.Json;
using Entra.Actions.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.Tests.Graph;

/// <summary>The Graph reads behind the query actions over the real pipeline, with a stub at the wire: URLs, paging, types, membership.</summary>
public sealed class GraphQueryReaderTests : IDisposable
{
    private const string G = TestData.GroupId;
    private const string MembersPath = $"/v1.0/groups/{G}/members";
    private const string GuestPath = "/v1.0/users/AdeleVance_adatum.com%23EXT%23%40contoso.onmicrosoft.com";
    private readonly GraphTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private IEntraQueryActions Queries => _host.Services.GetRequiredService<IEntraQueryActions>();

    private IReadOnlyList<RecordedRequest> Requests => _host.Handler.Requests;

    private static string Id(int i) => $"00000000-0000-4000-8000-{i:D12}";

    private static string Item(int i, string type = "user") =>
        JsonSerializer.Serialize(new Dictionary<string, object?> { ["@odata.type"] = $"#microsoft.graph.{type}", ["id"] = Id(i), ["displayName"] = $"Object {i}" });

    private static string Page(IEnumerable<string> items, string? next = null) =>
        $$"""{"value":[{{string.Join(",", items)}}]{{(next is null ? string.Empty : $",\"@odata.nextLink\":\"{next}\"")}}}""";

    private static string Users(int from, int count, string? next = null) => Page(Enumerable.Range(from, count).Select(i => Item(i)), next);

    private static string Next(string token) => $"https://graph.microsoft.com/v1.0/groups/{G}/members?$select=id&$top=999&$skiptoken={token}";

    private static string Group(int i, string[] groupTypes, bool mail, bool security) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["@odata.type"] = "#microsoft.graph.group",
        ["id"] = Id(i),
        ["displayName"] = $"Group {i}",
        ["groupTypes"] = groupTypes,
        ["mailEnabled"] = mail,
        ["securityEnabled"] = security,
    });

    [Theory]
    [InlineData(false, 1, "members", 2)]
    [InlineData(true, 100, "transitiveMembers", 101)]
    [InlineData(false, 998, "members", 999)]
    [InlineData(true, 100_000, "transitiveMembers", 999)]
    public async Task ListGroupMembersAsync_RequestsThePathSelectAndTop(bool transitive, int limit, string segment, int top)
    {
        _host.Handler.Respond(HttpStatusCode.OK, Page([]));

        var result = await Queries.ListGroupMembersAsync(TestData.GroupIdUpper, transitive, limit);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        var request = Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("GET");
        request.WirePath.Should().Be($"/v1.0/groups/{G}/{segment}");
        Uri.UnescapeDataString(request.Query).Should().Be($"?$select=id,displayName,userPrincipalName,mail&$top={top}");
        request.Headers.ContainsKey("ConsistencyLevel").Should().BeFalse("no read is an advanced query");
    }

    [Fact]
    public async Task ListGroupMembersAsync_NextLinks_FollowedOnTheGraphHostUntilTheLastPage()
    {
        _host.Handler.Respond(HttpStatusCode.OK, Users(1, 2, Next("p2"))).Respond(HttpStatusCode.OK, Users(3, 2, Next("p3"))).Respond(HttpStatusCode.OK, Users(5, 1));

        var result = await Queries.ListGroupMembersAsync(G, limit: 100);

        result.Value!.Members.Select(m => m.Id).Should().Equal(Enumerable.Range(1, 5).Select(Id));
        result.Value.Count.Should().Be(5);
        result.Value.Truncated.Should().BeFalse();
        Requests.Should().HaveCount(3);
        Requests[1].Uri.Should().Be(new Uri(Next("p2")));
        Requests[2].Uri.Should().Be(new Uri(Next("p3")));
        Requests.Should().OnlyContain(r => r.Authorization == $"Bearer {FakeTokenCredential.Token}");
    }

    [Fact]
    public async Task ListGroupMembersAsync_LimitReachedMidPage_StopsTruncatedWithoutTheNextPage()
    {
        _host.Handler.Respond(HttpStatusCode.OK, Users(1, 2, Next("p2"))).Respond(HttpStatusCode.OK, Users(3, 2, Next("p3")));

        var result = await Queries.ListGroupMembersAsync(G, limit: 3);

        result.Value!.Count.Should().Be(3);
        result.Value.Truncated.Should().BeTrue();
        Requests.Should().HaveCount(2, "the fourth item on page two shows truncation; page three is not needed");
    }

    [Fact]
    public async Task ListGroupMembersAsync_PageEndsExactlyAtTheLimitWithoutNextLink_NotTruncatedInOneRequest()
    {
        _host.Handler.Respond(HttpStatusCode.OK, Users(1, 3));

        var result = await Queries.ListGroupMembersAsync(G, limit: 3);

        result.Value!.Count.Should().Be(3);
        result.Value.Truncated.Should().BeFalse();
        Requests.Should().ContainSingle();
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public async Task ListGroupMembersAsync_PageEndsAtTheLimitWithNextLink_FetchesOneMorePageToKnowTruncation(int onNextPage, bool truncated)
    {
        _host.Handler.Respond(HttpStatusCode.OK, Users(1, 2, Next("p2"))).Respond(HttpStatusCode.OK, Users(3, onNextPage, truncated ? Next("p3") : null));

        var result = await Queries.ListGroupMembersAsync(G, limit: 2);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        result.Value!.Count.Should().Be(2);
        result.Value.Truncated.Should().Be(truncated);
        Requests.Should().HaveCount(2, "a next link after the limit is followed only to see one more item, and no further");
    }

    [Fact]
    public async Task ListGroupMembersAsync_OnePageOverTheLimit_TruncatedFromOneRequest()
    {
        _host.Handler.Respond(HttpStatusCode.OK, Users(1, 3, Next("p2")));

        var result = await Queries.ListGroupMembersAsync(G, limit: 2);

        result.Value!.Truncated.Should().BeTrue();
        Requests.Should().ContainSingle();
    }

    [Theory]
    [InlineData("https://evil.example/v1.0/groups/x/members?$skiptoken=a")]
    [InlineData("http://graph.microsoft.com/v1.0/groups/x/members?$skiptoken=a")]
    [InlineData("https://graph.microsoft.com:8443/v1.0/groups/x/members")]
    [InlineData("https://graph.microsoft.com.evil.example/v1.0/groups/x/members")]
    [InlineData("/v1.0/groups/x/members?$skiptoken=a")]
    [InlineData("not a link")]
    public async Task ListGroupMembersAsync_NextLinkOffTheGraphHost_ServiceErrorWithoutFollowingIt(string next)
    {
        _host.Handler.Respond(HttpStatusCode.OK, Users(1, 2, next));

        var result = await Queries.ListGroupMembersAsync(G, limit: 100);

        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Error.Message.Should().Contain("next link that is not an absolute URL on the Graph host");
        Requests.Should().ContainSingle().Which.Uri.Host.Should().Be("graph.microsoft.com");
    }

    [Fact]
    public async Task ListGroupMembersAsync_NextLinkToTheSamePage_ServiceErrorInsteadOfReadingForever()
    {
        var first = $"https://graph.microsoft.com/v1.0/groups/{G}/members?$select=id,displayName,userPrincipalName,mail&$top=101";
        _host.Handler.Respond(HttpStatusCode.OK, Users(1, 2, first));

        var result = await Queries.ListGroupMembersAsync(G, limit: 100);

        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Error.Message.Should().Contain("next link to the same page");
        Requests.Should().ContainSingle().Which.Uri.AbsoluteUri.Should().Be(first);
    }

    [Fact]
    public async Task ListGroupMembersAsync_CancelledBetweenPages_ThrowsWithoutTheNextRequest()
    {
        using var cancellation = new CancellationTokenSource();
        _host.Handler.Respond(_ =>
        {
            cancellation.Cancel();
            return StubGraphHandler.Create(HttpStatusCode.OK, Users(1, 2, Next("p2")));
        });

        var act = () => Queries.ListGroupMembersAsync(G, limit: 100, cancellationToken: cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task ListGroupMembersAsync_ObjectTypes_MappedFromODataType()
    {
        _host.Handler.Respond(HttpStatusCode.OK, Page(
        [
            Item(1, "user"), Item(2, "group"), Item(3, "device"), Item(4, "servicePrincipal"), Item(5, "orgContact"), Item(6, "application"),
            $$"""{"id":"{{Id(7)}}"}""", """{"@odata.type":"#microsoft.graph.user","displayName":"no id"}""",
            $$"""{"@odata.type":"#microsoft.graph.user","id":"{{Id(8)}}","displayName":"Adele","userPrincipalName":"adele@contoso.com","mail":"a@contoso.com"}""",
        ]));

        var result = await Queries.ListGroupMembersAsync(G, limit: 100);

        result.Value!.Members.Select(m => m.ObjectType).Should().Equal(
            EntraObjectType.User, EntraObjectType.Group, EntraObjectType.Device, EntraObjectType.ServicePrincipal, EntraObjectType.Contact,
            EntraObjectType.Unknown, EntraObjectType.Unknown, EntraObjectType.User);
        var adele = result.Value.Members[^1];
        (adele.Id, adele.DisplayName, adele.UserPrincipalName, adele.Mail).Should().Be((Id(8), "Adele", "adele@contoso.com", "a@contoso.com"));
    }

    [Fact]
    public async Task ListGroupMembersAsync_Group404_NotFoundNamingTheGroup()
    {
        _host.Handler.Respond(HttpStatusCode.NotFound, GraphPayloads.NotFound(G));

        var result = await Queries.ListGroupMembersAsync(G);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Be($"Group '{G}' was not found.");
        result.Error.RequestId.Should().Be(GraphPayloads.RequestId);
    }

    [Fact]
    public async Task ListUserGroupsAsync_MemberOf_LeavesOutRolesAndUnitsAndDerivesKind()
    {
        _host.Handler.Respond(HttpStatusCode.OK, Page(
        [
            Group(1, ["Unified", "DynamicMembership"], mail: true, security: false),
            Item(2, "directoryRole"),
            Group(3, [], mail: false, security: true),
            Item(4, "administrativeUnit"),
            Group(5, [], mail: true, security: true),
            Group(6, [], mail: true, security: false),
        ]));

        var result = await Queries.ListUserGroupsAsync(TestData.Upn, limit: 100);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        result.Value!.Groups.Select(g => (g.Id, g.DisplayName, g.Kind, g.IsDynamic)).Should().Equal(
            (Id(1), "Group 1", EntraGroupKind.Microsoft365, true),
            (Id(3), "Group 3", EntraGroupKind.Security, false),
            (Id(5), "Group 5", EntraGroupKind.MailEnabledSecurity, false),
            (Id(6), "Group 6", EntraGroupKind.Distribution, false));
        result.Value.Truncated.Should().BeFalse();
        var request = Requests.Single();
        request.WirePath.Should().Be("/v1.0/users/AdeleV%40contoso.com/memberOf");
        Uri.UnescapeDataString(request.Query).Should().Be("?$select=id,displayName,groupTypes,mailEnabled,securityEnabled&$top=101");
    }

    [Theory]
    [InlineData(new[] { "directoryRole", "group", "administrativeUnit", "group" }, false)]
    [InlineData(new[] { "group", "directoryRole", "group", "group" }, true)]
    [InlineData(new[] { "group", "group", "directoryRole", "administrativeUnit" }, false)]
    public async Task ListUserGroupsAsync_LeftOutItems_DoNotCountTowardsTheLimitOrTruncation(string[] types, bool truncated)
    {
        _host.Handler.Respond(HttpStatusCode.OK, Page(types.Select((t, i) => t == "group" ? Group(i, [], false, true) : Item(i, t))));

        var result = await Queries.ListUserGroupsAsync(TestData.Upn, limit: 2);

        result.Value!.Groups.Should().HaveCount(2);
        result.Value.Truncated.Should().Be(truncated);
    }

    [Fact]
    public async Task ListUserGroupsAsync_GuestTransitive_EscapesTheUpnInOneSegment()
    {
        _host.Handler.Respond(HttpStatusCode.OK, Page([]));

        var result = await Queries.ListUserGroupsAsync(TestData.GuestUpn, transitive: true, limit: 5);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        Requests.Single().WirePath.Should().Be($"{GuestPath}/transitiveMemberOf");
        Requests.Single().Uri.Fragment.Should().BeEmpty();
    }

    [Theory]
    [InlineData(G, true)]
    [InlineData("02BD9FD6-8F93-4758-87C3-1FB73740A315", true)]
    public async Task CheckMembershipAsync_Transitive_PostsCheckMemberGroupsOnTheEscapedUpn(string answered, bool isMember)
    {
        _host.Handler.Respond(HttpStatusCode.OK, $$"""{"value":["{{answered}}"]}""");

        var result = await Queries.CheckMembershipAsync(TestData.GuestUpn, G);

        result.Value!.IsMember.Should().Be(isMember);
        var request = Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("POST");
        request.WirePath.Should().Be($"{GuestPath}/checkMemberGroups");
        request.Body.Should().Be($$"""{"groupIds":["{{G}}"]}""");
    }

    [Fact]
    public async Task CheckMembershipAsync_TransitiveEmptyAnswer_ConfirmsTheGroupAndAnswersFalse()
    {
        _host.Handler.Respond(HttpStatusCode.OK, """{"value":[]}""").Respond(HttpStatusCode.OK, $$"""{"id":"{{G}}"}""");

        var result = await Queries.CheckMembershipAsync(TestData.Upn, G);

        result.Value!.IsMember.Should().BeFalse();
        Requests.Should().HaveCount(2);
        Requests[1].Method.Should().Be("GET");
        Requests[1].WirePath.Should().Be($"/v1.0/groups/{G}");
    }

    [Fact]
    public async Task CheckMembershipAsync_TransitiveEmptyAnswerAndGroup404_NotFoundNamingTheGroup()
    {
        _host.Handler.Respond(HttpStatusCode.OK, """{"value":[]}""").Respond(HttpStatusCode.NotFound, GraphPayloads.NotFound(G));

        var result = await Queries.CheckMembershipAsync(TestData.Upn, G);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Be($"Group '{G}' was not found.");
    }

    [Fact]
    public async Task CheckMembershipAsync_TransitiveUser404_NotFoundNamingTheUser()
    {
        _host.Handler.Respond(HttpStatusCode.NotFound, GraphPayloads.NotFound(TestData.Upn));

        var result = await Queries.CheckMembershipAsync(TestData.Upn, G);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Be($"User '{TestData.Upn}' was not found.");
        Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task CheckMembershipAsync_DirectMemberUser_OneGetOfTheMemberPath()
    {
        _host.Handler.Respond(HttpStatusCode.OK, Item(1, "user"));

        var result = await Queries.CheckMembershipAsync(Id(1), G, transitive: false);

        result.Value!.IsMember.Should().BeTrue();
        var request = Requests.Should().ContainSingle().Subject;
        request.WirePath.Should().Be($"{MembersPath}/{Id(1)}");
        Uri.UnescapeDataString(request.Query).Should().Be("?$select=id");
    }

    [Fact]
    public async Task CheckMembershipAsync_DirectMemberDevice_NotFoundNotAUser()
    {
        _host.Handler.Respond(HttpStatusCode.OK, Item(1, "device"));

        var result = await Queries.CheckMembershipAsync(Id(1), G, transitive: false);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Contain("belongs to a Device, not a user");
    }

    [Fact]
    public async Task CheckMembershipAsync_Direct404_IsNotAMemberOnceGroupAndUserExist()
    {
        _host.Handler.Respond(HttpStatusCode.NotFound, GraphPayloads.NotFound(Id(1)))
            .Respond(HttpStatusCode.OK, $$"""{"id":"{{G}}"}""")
            .Respond(HttpStatusCode.OK, $$"""{"id":"{{Id(1)}}"}""");

        var result = await Queries.CheckMembershipAsync(Id(1), G, transitive: false);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        result.Value!.IsMember.Should().BeFalse();
        Requests.Select(r => r.WirePath).Should().Equal($"{MembersPath}/{Id(1)}", $"/v1.0/groups/{G}", $"/v1.0/users/{Id(1)}");
    }

    [Fact]
    public async Task CheckMembershipAsync_DirectGuestUpn_ResolvesOnTheEscapedPathFirst()
    {
        _host.Handler.Respond(HttpStatusCode.OK, $$"""{"id":"{{Id(9)}}"}""").Respond(HttpStatusCode.OK, Item(9, "user"));

        var result = await Queries.CheckMembershipAsync(TestData.GuestUpn, G, transitive: false);

        result.Value!.IsMember.Should().BeTrue();
        Requests.Select(r => r.WirePath).Should().Equal(GuestPath, $"{MembersPath}/{Id(9)}");
    }
}
