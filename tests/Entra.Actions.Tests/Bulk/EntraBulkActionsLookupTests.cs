using Moq;
using static Entra.Actions.Tests.Bulk.BulkFixture;
using static Entra.Actions.Tests.TestData;

namespace Entra.Actions.Tests.Bulk;

public class EntraBulkActionsLookupTests
{
    private static readonly BulkOptions Sequential = new() { MaxConcurrency = 1 };
    private readonly BulkFixture _fx = new();

    [Theory]
    [InlineData(15, new[] { 15 })]
    [InlineData(16, new[] { 16 })]
    [InlineData(300, new[] { 300 })]
    [InlineData(301, new[] { 300, 1 })]
    [InlineData(1000, new[] { 300, 300, 300, 100 })]
    public async Task LookupUsersAsync_ObjectIdChunkBoundary_ReadsThreeHundredPerBatch(int count, int[] expectedSizes)
    {
        var ids = Ids(count);

        var result = await _fx.Create().LookupUsersAsync(ids, Sequential);

        result.AllSucceeded.Should().BeTrue();
        result.Items.Select(i => i.Result.Value!.Id).Should().Equal(ids);
        _fx.CallsTo("FindUsers").Select(c => c.Ids.Count).Should().Equal(expectedSizes);
        _fx.CallsTo("FindUsers").SelectMany(c => c.Ids).Should().Equal(ids);
        _fx.Calls.Should().OnlyContain(c => c.Method == "FindUsers");
    }

    [Theory]
    [InlineData(15, new[] { 15 })]
    [InlineData(16, new[] { 16 })]
    [InlineData(300, new[] { 300 })]
    [InlineData(301, new[] { 300, 1 })]
    public async Task LookupUsersAsync_UpnChunkBoundary_ReadsThreeHundredPerBatch(int count, int[] expectedSizes)
    {
        var upns = Enumerable.Range(0, count).Select(i => $"user{i}@contoso.com").ToList();
        for (var i = 0; i < count; i++)
        {
            _fx.Upns[upns[i]] = Id(i);
        }

        var result = await _fx.Create().LookupUsersAsync(upns, Sequential);

        result.AllSucceeded.Should().BeTrue();
        result.Items.Select(i => i.Result.Value!.Id).Should().Equal(Ids(count));
        _fx.CallsTo("FindUpns").Select(c => c.Ids.Count).Should().Equal(expectedSizes);
        _fx.CallsTo("FindUpns").SelectMany(c => c.Ids).Should().Equal(upns);
        _fx.Calls.Should().OnlyContain(c => c.Method == "FindUpns");
    }

    [Fact]
    public async Task LookupUsersAsync_MixedGuidsUpnsAndGuests_GuestsAloneThroughGetUserAndNeverInABatch()
    {
        _fx.Upns[Upn] = Id(2);
        _fx.Upns[GuestUpn] = Id(3);
        const string otherGuest = "bob_fabrikam.com#EXT#@contoso.onmicrosoft.com";
        _fx.Upns[otherGuest] = Id(4);
        string[] inputs = [Id(1), GuestUpn, Upn, otherGuest, Id(5)];

        var result = await _fx.Create().LookupUsersAsync(inputs, Sequential);

        result.Items.Select(i => i.Input).Should().Equal(inputs);
        result.Items.Select(i => i.Result.Value!.Id).Should().Equal(Id(1), Id(3), Id(2), Id(4), Id(5));
        _fx.CallsTo("FindUsers").Should().ContainSingle().Which.Ids.Should().Equal(Id(1), Id(5));
        _fx.CallsTo("FindUpns").Should().ContainSingle().Which.Ids.Should().Equal(Upn);
        _fx.CallsTo("GetUser").Select(c => c.Ids.Single()).Should().Equal(GuestUpn, otherGuest);
        _fx.Directory.Verify(d => d.GetUserAsync(GuestUpn, NoProperties(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task LookupUsersAsync_BatchStepFailures_ReportedPerItem()
    {
        _fx.FindUsers = ids =>
        [
            EntraActionResult.Success(User(ids[0])),
            EntraActionResult.Failure<EntraUser>(NotFound()),
            EntraActionResult.Failure<EntraUser>(GraphError(EntraErrorKind.Forbidden, 403, "Authorization_RequestDenied")),
            EntraActionResult.Failure<EntraUser>(GraphError(EntraErrorKind.ServiceError, 500, "generalException")),
        ];
        var ids = Ids(4);

        var result = await _fx.Create().LookupUsersAsync(ids);

        result.Items[0].Result.Value!.Id.Should().Be(ids[0]);
        result.Items[1].Result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Items[1].Result.Error!.Message.Should().Be($"User '{ids[1]}' was not found.");
        result.Items[2].Result.Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        result.Items[2].Result.Error!.Message.Should().Contain("User.Read.All");
        result.Items[3].Result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Items[3].Result.Error!.RequestId.Should().Be(RequestId);
        result.SucceededCount.Should().Be(1);
        _fx.CallsTo("FindUsers").Should().ContainSingle("failed steps other than 429 are not resent");
    }

    [Fact]
    public async Task LookupUsersAsync_ThrottledReadSteps_OnlyThoseResent()
    {
        var ids = Ids(4);
        var round = 0;
        _fx.FindUsers = chunk => Interlocked.Increment(ref round) == 1
            ? [.. chunk.Select((id, i) => i == 2 ? EntraActionResult.Failure<EntraUser>(Throttled(1)) : EntraActionResult.Success(User(id)))]
            : [.. chunk.Select(id => EntraActionResult.Success(User(id)))];

        var result = await _fx.WithTimeAdvancingAsync(_fx.Create().LookupUsersAsync(ids, Sequential));

        result.AllSucceeded.Should().BeTrue();
        _fx.CallsTo("FindUsers").Select(c => c.Ids).Should().BeEquivalentTo(new IReadOnlyList<string>[] { ids, [ids[2]] }, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task LookupUsersAsync_UseGetByIds_ObjectIdsThroughGetByIdsMissingAreNotFoundUpnsThroughFilterReads()
    {
        var ids = Ids(1001);
        _fx.Missing.UnionWith([ids[10], ids[1000]]);
        _fx.Upns[Upn] = Id(5000);
        List<string> inputs = [.. ids, Upn, GuestUpn];
        _fx.Upns[GuestUpn] = Id(5001);

        var result = await _fx.Create().LookupUsersAsync(inputs, Sequential with { UseGetByIds = true });

        _fx.CallsTo("GetByIds").Select(c => c.Ids.Count).Should().Equal(1000, 1);
        _fx.CallsTo("FindUsers").Should().BeEmpty();
        _fx.CallsTo("FindUpns").Should().ContainSingle().Which.Ids.Should().Equal(Upn);
        _fx.CallsTo("GetUser").Should().ContainSingle().Which.Ids.Should().Equal(GuestUpn);
        result.Items.Select(i => i.Input).Should().Equal(inputs);
        result.Items[10].Result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Items[10].Result.Error!.Message.Should().Be($"User '{ids[10]}' was not found.");
        result.Items[1000].Result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Items[999].Result.Value!.Id.Should().Be(ids[999]);
        result.Items[^2].Result.Value!.Id.Should().Be(Id(5000));
        result.Items[^1].Result.Value!.Id.Should().Be(Id(5001));
        result.FailedCount.Should().Be(2);
    }

    [Fact]
    public async Task LookupUsersAsync_GetByIdsForbidden_ThoseItemsFailForbiddenNamingDirectoryReadAll()
    {
        _fx.GetByIds = _ => EntraActionResult.Failure<IReadOnlyList<EntraUser>>(GraphError(EntraErrorKind.Forbidden, 403, "Authorization_RequestDenied"));
        _fx.Upns[Upn] = Id(9);

        var result = await _fx.Create().LookupUsersAsync([Id(1), Upn, Id(2)], new BulkOptions { UseGetByIds = true });

        result.Items[0].Result.Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        result.Items[0].Result.Error!.Message.Should().Contain("Directory.Read.All");
        result.Items[2].Result.Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        result.Items[1].Result.Value!.Id.Should().Be(Id(9), "userPrincipalNames do not go through getByIds");
    }

    [Fact]
    public async Task LookupUsersAsync_DuplicatesAndInvalid_ReadOnceNeverSendInvalid()
    {
        string[] inputs = [Id(1), "..", Id(1).ToUpperInvariant(), Upn, Upn.ToUpperInvariant(), "", Id(2)];
        _fx.Upns[Upn] = Id(3);

        var result = await _fx.Create().LookupUsersAsync(inputs, Sequential);

        result.Items.Select(i => i.IsDuplicate).Should().Equal(false, false, true, false, true, false, false);
        result.Items[1].Result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Items[5].Result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Items[2].Result.Value!.Id.Should().Be(Id(1));
        result.Items[4].Result.Value!.Id.Should().Be(Id(3));
        _fx.Calls.Select(c => c.ToString()).Should().BeEquivalentTo($"FindUsers[{Id(1)},{Id(2)}]", $"FindUpns[{Upn}]");
    }
    [Fact]
    public async Task LookupUsersAsync_NoTokenForAnyRead_EveryItemUnauthorizedAndTheCallErrorIsThatFailure()
    {
        var noToken = new EntraActionError(EntraErrorKind.Unauthorized, "No access token could be obtained for Graph: the credential failed.");
        _fx.FindUsers = ids => [.. ids.Select(_ => EntraActionResult.Failure<EntraUser>(noToken))];

        var result = await _fx.Create().LookupUsersAsync([Id(1), Upn, Id(2), ".."], Sequential);

        result.Items.Take(3).Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.Unauthorized);
        result.CallError.Should().NotBeNull("the call failed as a whole: it could not authenticate");
        result.CallError!.Kind.Should().Be(EntraErrorKind.Unauthorized);
        result.CallError.Message.Should().Contain(noToken.Message);
    }

    [Fact]
    public async Task LookupUsersAsync_GetByIdsUnauthorized_CallErrorIsUnauthorized()
    {
        _fx.GetByIds = _ => EntraActionResult.Failure<IReadOnlyList<EntraUser>>(GraphError(EntraErrorKind.Unauthorized, 401, "InvalidAuthenticationToken"));

        var result = await _fx.Create().LookupUsersAsync([Id(1), Id(2)], new BulkOptions { UseGetByIds = true });

        result.CallError!.Kind.Should().Be(EntraErrorKind.Unauthorized);
        result.CallError.StatusCode.Should().Be(401);
    }

    [Fact]
    public async Task LookupUsersAsync_SomeUsersReadBeforeA401_NoCallErrorEachItemKeepsItsOutcome()
    {
        _fx.FindUsers = ids => [.. ids.Select(id => id == Id(2)
            ? EntraActionResult.Failure<EntraUser>(GraphError(EntraErrorKind.Unauthorized, 401, "InvalidAuthenticationToken"))
            : EntraActionResult.Success(User(id)))];

        var result = await _fx.Create().LookupUsersAsync([Id(1), Id(2)], Sequential);

        result.CallError.Should().BeNull("one user was read: the items tell the story");
        result.Items[1].Result.Error!.Kind.Should().Be(EntraErrorKind.Unauthorized);
    }
}
