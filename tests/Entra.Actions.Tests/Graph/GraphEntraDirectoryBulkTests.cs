using System.Net;
using System.Text.Json.Nodes;
using Entra.Actions.Directory.Internal;
using Entra.Actions.Tests.TestSupport;
using Entra.Actions.Validation.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.Tests.Graph;

/// <summary>
/// The bulk seam over the real Graph transport and pipeline, against a stub at the wire: what each <c>$batch</c> carries
/// (step URLs are sent as they are, unescaped) and how each step's answer becomes per-item results. The seam takes validated
/// ids only, so hostile raw ids are tried where they enter: through <see cref="IEntraBulkActions"/>, which must send nothing for them.
/// </summary>
public sealed class GraphEntraDirectoryBulkTests : IDisposable
{
    private const string GroupId = "02bd9fd6-8f93-4758-87c3-1fb73740a315";
    private readonly GraphTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private IEntraBulkDirectory Bulk => _host.Services.GetRequiredService<IEntraBulkDirectory>();

    private IEntraBulkActions BulkActions => _host.Services.GetRequiredService<IEntraBulkActions>();

    private static string Id(int n) => $"00000000-0000-4000-8000-{n:x12}";

    private static ObjectId Oid(string value)
    {
        EntraIdValidator.TryValidate(value, "Test ID", out ObjectId id, out _).Should().BeTrue();
        return id;
    }

    private static List<ObjectId> Oids(IEnumerable<string> values) => [.. values.Select(Oid)];

    private static List<ValidatedId> Names(params string[] values) =>
        [.. values.Select(v => EntraIdValidator.TryValidateUserId(v, "Test ID", out var id, out _) ? id : throw new ArgumentException(v))];

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

        var results = await Bulk.FindUsersByObjectIdsAsync(Oids(ids));

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
    public async Task FindUsersByObjectIdsAsync_ExtraProperty_SelectedAfterTheDefaultsAndReturned()
    {
        var id = Id(1);
        _host.Handler.Respond(request => BatchAnswer(request, step =>
            StepAnswer(step, 200, $$"""{"value":[{"id":"{{id}}","userPrincipalName":"guest#EXT#@contoso.com","userType":"Guest"}]}""")));

        var results = await Bulk.FindUsersByObjectIdsAsync(Oids([id]), ["userType"]);

        results.Single().Value!.AdditionalProperties["userType"].GetString().Should().Be("Guest");
        var step = JsonNode.Parse(_host.Handler.Requests.Single().Body!)!["requests"]![0]!;
        step["url"]!.GetValue<string>().Should().EndWith("&$select=id,displayName,givenName,surname,mail,userPrincipalName,jobTitle,userType");
    }

    [Fact]
    public async Task GetUsersByObjectIdsAsync_ExtraProperty_SelectedInTheQueryAndReturned()
    {
        var id = Id(1);
        _host.Handler.Respond(HttpStatusCode.OK, $$"""{"value":[{"@odata.type":"#microsoft.graph.user","id":"{{id}}","userType":"Member"}]}""");

        var result = await Bulk.GetUsersByObjectIdsAsync(Oids([id]), ["userType"]);

        result.Value!.Single().AdditionalProperties["userType"].GetString().Should().Be("Member");
        var request = _host.Handler.Requests.Single();
        request.WirePath.Should().Be("/v1.0/directoryObjects/getByIds");
        Uri.UnescapeDataString(request.Query).Should().Be("?$select=id,displayName,givenName,surname,mail,userPrincipalName,jobTitle,userType");
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

        var results = await Bulk.FindUsersByObjectIdsAsync(Oids(ids));

        results.Take(15).Should().OnlyContain(r => r.Succeeded);
        results.Skip(15).Take(15).Should().OnlyContain(r => r.Error!.Kind == EntraErrorKind.Throttled && r.Error.RetryAfter == TimeSpan.FromSeconds(2.5));
        results.Skip(30).Should().OnlyContain(r => r.Error!.Kind == EntraErrorKind.Forbidden && r.Error.StatusCode == 403);
        _host.Handler.Requests.Should().ContainSingle("throttled steps are the caller's to resend");
    }

    [Theory]
    [InlineData("') or id ne ('")]
    [InlineData("{00000000-0000-4000-8000-000000000001}")]
    [InlineData("a'),id ne ('@contoso.com")]
    [InlineData("x@y")]
    [InlineData("../users/x")]
    public async Task LookupUsersAsync_AnIdThatCannotBeValidated_InvalidInputAndNothingSent(string bad)
    {
        var result = await BulkActions.LookupUsersAsync([bad, bad + " "]);

        result.Items.Should().HaveCount(2).And.OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.InvalidInput);
        _host.Handler.Requests.Should().BeEmpty("only validated ids may reach a filter or a step URL, which travel unescaped");
    }

    [Fact]
    public async Task LookupUsersAsync_SameIdTwiceInAnyCase_OneFilterValueInOneRequest()
    {
        _host.Handler.Respond(request => BatchAnswer(request, step => StepAnswer(step, 200, $$"""{"value":[{{string.Join(',', FilterIds(step).Select(UserJson))}}]}""")));

        var result = await BulkActions.LookupUsersAsync([Id(10), Id(10).ToUpperInvariant()]);

        result.Items.Select(i => i.IsDuplicate).Should().Equal(false, true);
        result.Items.Should().OnlyContain(i => i.Result.Value!.Id == Id(10));
        var request = _host.Handler.Requests.Should().ContainSingle("Graph refuses one id twice in a request").Subject;
        FilterIds(JsonNode.Parse(request.Body!)!["requests"]![0]!.AsObject()).Should().Equal(Id(10));
    }

    [Fact]
    public async Task FindUsersByObjectIdsAsync_NoIdsOrMoreThanThreeHundred_ProgrammingErrorAndNothingSent()
    {
        var none = () => Bulk.FindUsersByObjectIdsAsync([]);
        var tooMany = () => Bulk.FindUsersByObjectIdsAsync(Oids(Enumerable.Range(1, 301).Select(Id)));

        await none.Should().ThrowAsync<ArgumentOutOfRangeException>();
        await tooMany.Should().ThrowAsync<ArgumentOutOfRangeException>();
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

        var results = await Bulk.FindUsersByUserPrincipalNamesAsync(Names(names));

        results.Select(r => r.Succeeded ? r.Value!.Id : r.Error!.Kind.ToString()).Should().Equal(Id(1), Id(2), "NotFound");
        var step = JsonNode.Parse(_host.Handler.Requests.Single().Body!)!["requests"]![0]!;
        step["url"]!.GetValue<string>().Should().StartWith("/users?$filter=userPrincipalName in ('o''brien@contoso.com','Adele@Contoso.com','gone@contoso.com')&");
    }

    [Theory]
    [InlineData("jane.doe_fabrikam.com#EXT#@contoso.onmicrosoft.com")]
    [InlineData("00000000-0000-4000-8000-000000000001")]
    public async Task FindUsersByUserPrincipalNamesAsync_AValidIdOutsideTheFilterAlphabet_ProgrammingErrorAndNothingSent(string id)
    {
        var act = () => Bulk.FindUsersByUserPrincipalNamesAsync(Names("adele@contoso.com", id));

        await act.Should().ThrowAsync<ArgumentException>();
        _host.Handler.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task LookupUsersAsync_AGuestName_ReadOnItsOwnPathNeverInABatch()
    {
        const string guest = "jane.doe_fabrikam.com#EXT#@contoso.onmicrosoft.com";
        _host.Handler.Respond(_ => StubGraphHandler.Create(HttpStatusCode.OK, UserJson(Id(7))));

        var result = await BulkActions.LookupUsersAsync([guest]);

        result.Items.Single().Result.Value!.Id.Should().Be(Id(7));
        _host.Handler.Requests.Should().ContainSingle().Which.WirePath.Should().NotContain("$batch");
    }

    [Fact]
    public async Task AddGroupMembersInBatchAsync_ThreeChunks_OnePatchStepPerChunkAndOneResultPerChunk()
    {
        IReadOnlyList<IReadOnlyList<ObjectId>> chunks = [Oids([Id(1), Id(2)]), Oids([Id(3), Id(4)]), Oids([Id(5)])];
        const string alreadyExists = """{"error":{"code":"Request_BadRequest","message":"One or more added object references already exist for the following modified properties: 'members'."}}""";
        _host.Handler.Respond(request => BatchAnswer(request, step => step["id"]!.GetValue<string>() switch
        {
            "0" => StepAnswer(step, 204),
            _ => StepAnswer(step, 400, alreadyExists),
        }));

        var results = await Bulk.AddGroupMembersInBatchAsync(Oid(GroupId), chunks);

        results[0].Status.Should().Be(MemberAddStatus.Added);
        results[1].Status.Should().Be(MemberAddStatus.MemberAlreadyThere, "a chunk of two fails whole, and the seam says why");
        results[1].Error!.StatusCode.Should().Be(400);
        results[2].Status.Should().Be(MemberAddStatus.AlreadyMember, "a lone member already there is a success, as for a single write");
        var steps = JsonNode.Parse(_host.Handler.Requests.Single().Body!)!["requests"]!.AsArray().Select(s => s!.AsObject()).ToList();
        steps.Should().HaveCount(3);
        steps.Should().OnlyContain(s => s["method"]!.GetValue<string>() == "PATCH" && s["url"]!.GetValue<string>() == $"/groups/{GroupId}");
        var binds = steps[0]["body"]!["members@odata.bind"]!.AsArray().Select(b => b!.GetValue<string>());
        binds.Should().Equal($"https://graph.microsoft.com/v1.0/directoryObjects/{Id(1)}", $"https://graph.microsoft.com/v1.0/directoryObjects/{Id(2)}");
    }

    [Fact]
    public async Task AddGroupMembersInBatchAsync_EachRefusalKind_TheSeamSaysWhichFromGraphsAnswer()
    {
        IReadOnlyList<IReadOnlyList<ObjectId>> chunks = [.. Enumerable.Range(0, 4).Select(i => (IReadOnlyList<ObjectId>)Oids([Id((2 * i) + 1), Id((2 * i) + 2)]))];
        _host.Handler.Respond(request => BatchAnswer(request, step => step["id"]!.GetValue<string>() switch
        {
            "0" => StepAnswer(step, 404, """{"error":{"code":"Request_ResourceNotFound","message":"Resource '00000000-0000-4000-8000-000000000001' does not exist."}}"""),
            "1" => StepAnswer(step, 429, """{"error":{"code":"TooManyRequests","message":"Please retry again later."}}""",
                new JsonObject { ["Retry-After"] = "3", ["Content-Type"] = "application/json" }),
            "2" => StepAnswer(step, 403, """{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}"""),
            _ => StepAnswer(step, 400, """{"error":{"code":"Request_BadRequest","message":"Invalid value specified for property 'members'."}}"""),
        }));

        var results = await Bulk.AddGroupMembersInBatchAsync(Oid(GroupId), chunks);

        results.Select(r => r.Status).Should().Equal(MemberAddStatus.ObjectMissing, MemberAddStatus.Unavailable, MemberAddStatus.Failed, MemberAddStatus.Failed);
        results[1].Error!.RetryAfter.Should().Be(TimeSpan.FromSeconds(3));
        results.Should().OnlyContain(r => !r.Succeeded && r.Error != null);
    }

    [Fact]
    public async Task AddGroupMembersAsync_LoneMemberAlreadyThere_AlreadyMember()
    {
        const string alreadyExists = """{"error":{"code":"Request_BadRequest","message":"One or more added object references already exist for the following modified properties: 'members'."}}""";
        _host.Handler.Respond(HttpStatusCode.BadRequest, alreadyExists).Respond(HttpStatusCode.BadRequest, alreadyExists);

        var lone = await Bulk.AddGroupMembersAsync(Oid(GroupId), Oids([Id(1)]));
        var two = await Bulk.AddGroupMembersAsync(Oid(GroupId), Oids([Id(1), Id(2)]));

        lone.Should().BeSameAs(MemberAddAnswer.AlreadyMember);
        two.Status.Should().Be(MemberAddStatus.MemberAlreadyThere);
        _host.Handler.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task AddGroupMembersInBatchAsync_TooManyChunksOrMembersOrNone_ProgrammingErrorAndNothingSent()
    {
        var group = Oid(GroupId);
        var tooManyChunks = () => Bulk.AddGroupMembersInBatchAsync(group, [.. Enumerable.Range(1, 21).Select(i => (IReadOnlyList<ObjectId>)[Oid(Id(i))])]);
        var tooManyMembers = () => Bulk.AddGroupMembersInBatchAsync(group, [Oids(Enumerable.Range(1, 21).Select(Id))]);
        var emptyChunk = () => Bulk.AddGroupMembersInBatchAsync(group, [Oids([Id(1)]), []]);
        var tooManyRemoves = () => Bulk.RemoveGroupMembersAsync(group, Oids(Enumerable.Range(1, 21).Select(Id)));

        await tooManyChunks.Should().ThrowAsync<ArgumentOutOfRangeException>();
        await tooManyMembers.Should().ThrowAsync<ArgumentOutOfRangeException>();
        await emptyChunk.Should().ThrowAsync<ArgumentOutOfRangeException>();
        await tooManyRemoves.Should().ThrowAsync<ArgumentOutOfRangeException>();
        _host.Handler.Requests.Should().BeEmpty();
    }

    [Theory]
    [InlineData("../users")]
    [InlineData("{02bd9fd6-8f93-4758-87c3-1fb73740a315}")]
    public async Task AddAndRemove_AGroupIdThatCannotBeValidated_InvalidInputAndNothingSent(string badGroup)
    {
        var add = await BulkActions.AddUsersToGroupAsync(badGroup, [Id(1)]);
        var remove = await BulkActions.RemoveMembersFromGroupAsync(badGroup, [Id(1)]);

        new[] { add, remove }.SelectMany(r => r.Items).Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.InvalidInput);
        _host.Handler.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task AddUsersToGroupAsync_OnlyMemberIdsThatCannotBeValidated_InvalidInputAndNothingSent()
    {
        var result = await BulkActions.AddUsersToGroupAsync(GroupId, ["../users/x", "{" + Id(1) + "}", "') or id ne ('"]);

        result.Items.Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.InvalidInput);
        _host.Handler.Requests.Should().BeEmpty();
    }
}
