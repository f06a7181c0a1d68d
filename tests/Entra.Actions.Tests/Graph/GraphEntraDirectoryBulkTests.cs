using System.Net;
using System.Text.Json.Nodes;
using Entra.Actions.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.Tests.Graph;

/// <summary>
/// The bulk seam over the real Graph transport and pipeline, against a stub at the wire: what each <c>$batch</c> carries
/// (step URLs are sent as they are, unescaped) and how each step's answer becomes per-item results.
/// </summary>
public sealed class GraphEntraDirectoryBulkTests : IDisposable
{
    private const string GroupId = "02bd9fd6-8f93-4758-87c3-1fb73740a315";
    private readonly GraphTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private IEntraBulkDirectory Bulk => _host.Services.GetRequiredService<IEntraBulkDirectory>();

    private static string Id(int n) => $"00000000-0000-4000-8000-{n:x12}";

    private static string UserJson(string id) => $$"""{"id":"{{id}}","displayName":"User {{id[^4..]}}","userPrincipalName":"u{{id[^4..]}}@contoso.com"}""";

    private static HttpResponseMessage BatchAnswer(RecordedRequest request, Func<JsonObject, JsonObject> answer)
    {
        var steps = JsonNode.Parse(request.Body!)!["requests"]!.AsArray();
        var responses = new JsonArray([.. steps.Select(step => (JsonNode)answer(step!.AsObject()))]);
        return StubGraphHandler.Create(HttpStatusCode.OK, new JsonObject { ["responses"] = responses }.ToJsonString());
    }

    private static JsonObject StepAnswer(JsonObject step, int status, string? body = null, JsonObject? headers = null)
    {
        var answer = new JsonObject { ["id"] = step["id"]!.GetValue<string>(), ["status"] = status, ["headers"] = headers ?? new JsonObject { ["Content-Type"] = "application/json" } };
        if (body is not null)
        {
            answer["body"] = JsonNode.Parse(body);
        }

        return answer;
    }

    private static List<string> FilterIds(JsonObject step)
    {
        var url = step["url"]!.GetValue<string>();
        var open = url.IndexOf("in (", StringComparison.Ordinal) + 4;
        return [.. url[open..url.IndexOf(')', open)].Split(',').Select(v => v.Trim('\''))];
    }

    [Fact]
    public async Task FindUsersByObjectIdsAsync_SixteenIds_OneBatchOfTwoFilterStepsAndOneResultPerIdInOrder()
    {
        var ids = Enumerable.Range(1, 16).Select(Id).ToList();
        var missing = ids[3];
        _host.Handler.Respond(request => BatchAnswer(request, step =>
        {
            var found = FilterIds(step).Where(id => id != missing).Select(UserJson);
            return StepAnswer(step, 200, $$"""{"value":[{{string.Join(',', found)}}]}""");
        }));

        var results = await Bulk.FindUsersByObjectIdsAsync(ids);

        results.Should().HaveCount(16);
        results.Select(r => r.Succeeded ? r.Value!.Id : r.Error!.Kind.ToString()).Should().Equal(ids.Select(id => id == missing ? "NotFound" : id));
        results[3].Error!.Message.Should().Be($"User '{missing}' was not found.");
        results[0].Value!.UserPrincipalName.Should().Be("u0001@contoso.com");
        var request = _host.Handler.Requests.Should().ContainSingle().Subject;
        request.WirePath.Should().Be("/v1.0/$batch");
        var steps = JsonNode.Parse(request.Body!)!["requests"]!.AsArray().Select(s => s!.AsObject()).ToList();
        steps.Select(s => s["method"]!.GetValue<string>()).Should().Equal("GET", "GET");
        steps[0]["url"]!.GetValue<string>().Should().Be(
            $"/users?$filter=id in ({string.Join(',', ids.Take(15).Select(id => $"'{id}'"))})&$select=id,displayName,givenName,surname,mail,userPrincipalName,jobTitle",
            "15 ids per step is Graph's limit of child clauses");
        FilterIds(steps[1]).Should().Equal(ids[15]);
    }

    [Fact]
    public async Task FindUsersByObjectIdsAsync_ThrottledAndFailedSteps_EachIdCarriesItsStepsError()
    {
        var ids = Enumerable.Range(1, 45).Select(Id).ToList();
        _host.Handler.Respond(request => BatchAnswer(request, step => step["id"]!.GetValue<string>() switch
        {
            "1" => StepAnswer(step, 429, """{"error":{"code":"TooManyRequests","message":"Please retry again later."}}""",
                new JsonObject { ["Retry-After"] = "2.5", ["Content-Type"] = "application/json" }),
            "2" => StepAnswer(step, 403, """{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}"""),
            _ => StepAnswer(step, 200, $$"""{"value":[{{string.Join(',', FilterIds(step).Select(UserJson))}}]}"""),
        }));

        var results = await Bulk.FindUsersByObjectIdsAsync(ids);

        results.Take(15).Should().OnlyContain(r => r.Succeeded);
        results.Skip(15).Take(15).Should().OnlyContain(r => r.Error!.Kind == EntraErrorKind.Throttled && r.Error.RetryAfter == TimeSpan.FromSeconds(2.5));
        results.Skip(30).Should().OnlyContain(r => r.Error!.Kind == EntraErrorKind.Forbidden && r.Error.StatusCode == 403);
        _host.Handler.Requests.Should().ContainSingle("throttled steps are the caller's to resend");
    }

    [Theory]
    [InlineData("') or id ne ('")]
    [InlineData("adele@contoso.com")]
    [InlineData("{00000000-0000-4000-8000-000000000001}")]
    public async Task FindUsersByObjectIdsAsync_AnIdThatIsNotAGuid_EveryItemInvalidAndNothingSent(string bad)
    {
        var results = await Bulk.FindUsersByObjectIdsAsync([Id(1), bad]);

        results.Should().HaveCount(2).And.OnlyContain(r => r.Error!.Kind == EntraErrorKind.InvalidInput);
        _host.Handler.Requests.Should().BeEmpty("only validated GUIDs may reach a filter in an unescaped step URL");
    }

    [Fact]
    public async Task FindUsersByObjectIdsAsync_NoIdsOrMoreThanThreeHundred_InvalidAndNothingSent()
    {
        var none = await Bulk.FindUsersByObjectIdsAsync([]);
        var tooMany = await Bulk.FindUsersByObjectIdsAsync([.. Enumerable.Range(1, 301).Select(Id)]);

        none.Should().BeEmpty();
        tooMany.Should().HaveCount(301).And.OnlyContain(r => r.Error!.Kind == EntraErrorKind.InvalidInput && r.Error.Message.Contains("1 to 300"));
        _host.Handler.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task FindUsersByObjectIdsAsync_SameIdTwiceInAnyCase_InvalidAndNothingSent()
    {
        var results = await Bulk.FindUsersByObjectIdsAsync([Id(10), Id(10).ToUpperInvariant()]);

        results.Should().OnlyContain(r => r.Error!.Kind == EntraErrorKind.InvalidInput);
        _host.Handler.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task FindUsersByUserPrincipalNamesAsync_QuoteDoubledInTheLiteralAndAnswersMatchedWhateverTheirCase()
    {
        string[] names = ["o'brien@contoso.com", "Adele@Contoso.com", "gone@contoso.com"];
        _host.Handler.Respond(request => BatchAnswer(request, step => StepAnswer(step, 200, """
            {"value":[{"id":"00000000-0000-4000-8000-000000000001","userPrincipalName":"O'Brien@contoso.com"},
                      {"id":"00000000-0000-4000-8000-000000000002","userPrincipalName":"adele@contoso.com"}]}
            """)));

        var results = await Bulk.FindUsersByUserPrincipalNamesAsync(names);

        results.Select(r => r.Succeeded ? r.Value!.Id : r.Error!.Kind.ToString()).Should().Equal(Id(1), Id(2), "NotFound");
        var step = JsonNode.Parse(_host.Handler.Requests.Single().Body!)!["requests"]![0]!;
        step["url"]!.GetValue<string>().Should().StartWith("/users?$filter=userPrincipalName in ('o''brien@contoso.com','Adele@Contoso.com','gone@contoso.com')&");
    }

    [Theory]
    [InlineData("jane.doe_fabrikam.com#EXT#@contoso.onmicrosoft.com")]
    [InlineData("00000000-0000-4000-8000-000000000001")]
    [InlineData("a'),id ne ('@contoso.com")]
    [InlineData("x@y")]
    public async Task FindUsersByUserPrincipalNamesAsync_ANameThatCannotTravelInAFilter_EveryItemInvalidAndNothingSent(string bad)
    {
        var results = await Bulk.FindUsersByUserPrincipalNamesAsync(["adele@contoso.com", bad]);

        results.Should().HaveCount(2).And.OnlyContain(r => r.Error!.Kind == EntraErrorKind.InvalidInput);
        _host.Handler.Requests.Should().BeEmpty();
    }

    [Theory]
    [InlineData("adele@contoso.com", true)]
    [InlineData("o'brien!^~_-.x@sub.contoso.com", true)]
    [InlineData("guest#EXT#@contoso.onmicrosoft.com", false)]
    [InlineData("a&b@contoso.com", false)]
    [InlineData("a b@contoso.com", false)]
    [InlineData("a%27@contoso.com", false)]
    [InlineData("a@b@contoso.com", false)]
    [InlineData("@contoso.com", false)]
    [InlineData("adele@", false)]
    public void IsFilterSafeUserPrincipalName_OnlyTheFilterAlphabetAroundOneAt(string name, bool safe) =>
        IEntraBulkDirectory.IsFilterSafeUserPrincipalName(name).Should().Be(safe);

    [Fact]
    public async Task AddGroupMembersInBatchAsync_ThreeChunks_OnePatchStepPerChunkAndOneResultPerChunk()
    {
        IReadOnlyList<IReadOnlyList<string>> chunks = [[Id(1), Id(2)], [Id(3), Id(4)], [Id(5)]];
        const string alreadyExists = """{"error":{"code":"Request_BadRequest","message":"One or more added object references already exist for the following modified properties: 'members'."}}""";
        _host.Handler.Respond(request => BatchAnswer(request, step => step["id"]!.GetValue<string>() switch
        {
            "0" => StepAnswer(step, 204),
            _ => StepAnswer(step, 400, alreadyExists),
        }));

        var results = await Bulk.AddGroupMembersInBatchAsync(GroupId, chunks);

        results[0].Value.Should().Be(MembershipOutcome.Added);
        results[1].Error!.StatusCode.Should().Be(400, "a chunk of two fails whole");
        results[2].Value.Should().Be(MembershipOutcome.AlreadyMember, "a lone member already there is a success, as for a single write");
        var steps = JsonNode.Parse(_host.Handler.Requests.Single().Body!)!["requests"]!.AsArray().Select(s => s!.AsObject()).ToList();
        steps.Should().HaveCount(3);
        steps.Should().OnlyContain(s => s["method"]!.GetValue<string>() == "PATCH" && s["url"]!.GetValue<string>() == $"/groups/{GroupId}");
        var binds = steps[0]["body"]!["members@odata.bind"]!.AsArray().Select(b => b!.GetValue<string>());
        binds.Should().Equal($"https://graph.microsoft.com/v1.0/directoryObjects/{Id(1)}", $"https://graph.microsoft.com/v1.0/directoryObjects/{Id(2)}");
    }

    [Fact]
    public async Task AddGroupMembersInBatchAsync_SameMemberInTwoChunks_InvalidAndNothingSent()
    {
        var results = await Bulk.AddGroupMembersInBatchAsync(GroupId, [[Id(1), Id(2)], [Id(2).ToUpperInvariant()]]);

        results.Should().HaveCount(2).And.OnlyContain(r => r.Error!.Kind == EntraErrorKind.InvalidInput);
        results[0].Error!.Message.Should().Contain("two chunks");
        _host.Handler.Requests.Should().BeEmpty("two steps binding one member would race");
    }

    [Fact]
    public async Task AddGroupMembersInBatchAsync_TooManyChunksOrMembersOrABadId_InvalidAndNothingSent()
    {
        var tooManyChunks = await Bulk.AddGroupMembersInBatchAsync(GroupId, [.. Enumerable.Range(1, 21).Select(i => (IReadOnlyList<string>)[Id(i)])]);
        var tooManyMembers = await Bulk.AddGroupMembersInBatchAsync(GroupId, [[.. Enumerable.Range(1, 21).Select(Id)]]);
        var badMember = await Bulk.AddGroupMembersInBatchAsync(GroupId, [[Id(1)], ["../users/x"]]);
        var badGroup = await Bulk.AddGroupMembersInBatchAsync("../users", [[Id(1)]]);

        new[] { tooManyChunks, tooManyMembers, badMember, badGroup }.SelectMany(r => r).Should().OnlyContain(r => r.Error!.Kind == EntraErrorKind.InvalidInput);
        _host.Handler.Requests.Should().BeEmpty();
    }
}
