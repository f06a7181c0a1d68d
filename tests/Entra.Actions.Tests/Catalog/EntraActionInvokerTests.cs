using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Entra.Actions.Tests.Catalog;

public class EntraActionInvokerTests
{
    private readonly CatalogSamples.Fixture _fixture = new();

    [Fact]
    public async Task InvokeAsync_LookupUser_PassesInputsAndReturnsTheUserAsCamelCaseOutputs()
    {
        _fixture.Actions.Setup(a => a.LookupUserAsync(TestData.Upn, It.Is<IEnumerable<string>?>(p => p!.SequenceEqual(new[] { "department", "accountEnabled" })), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(CatalogSamples.FullUser()));

        var result = await _fixture.Invoker.InvokeAsync(CatalogSamples.LookupUser, new JsonObject
        {
            ["userId"] = TestData.Upn,
            ["additionalProperties"] = new JsonArray("department", "accountEnabled"),
        });

        result.Succeeded.Should().BeTrue(result.ToString());
        result.ActionId.Should().Be(CatalogSamples.LookupUser);
        result.Error.Should().BeNull();
        result.Outputs.GetRawText().Should().Be(
            """{"id":"87d349ed-44d7-43e1-9a83-5f2406dee5bd","displayName":"Adele Vance","givenName":"Adele","surname":"Vance","mail":"AdeleV@contoso.com","userPrincipalName":"AdeleV@contoso.com","jobTitle":"Retail Manager","additionalProperties":{"department":"Retail","accountEnabled":true,"employeeHireDate":null}}""");
    }

    [Fact]
    public async Task InvokeAsync_LookupUserWithNullExtraProperties_CallsWithoutExtras()
    {
        _fixture.Actions.Setup(a => a.LookupUserAsync(TestData.UserId, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(CatalogSamples.SparseUser()));

        var result = await _fixture.Invoker.InvokeAsync(CatalogSamples.LookupUser, new JsonObject { ["userId"] = TestData.UserId, ["additionalProperties"] = null });

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Outputs.GetProperty("id").GetString().Should().Be(TestData.UserId);
    }

    [Fact]
    public async Task InvokeAsync_LookupGroup_ReturnsKindIsDynamicAndGraphNames()
    {
        _fixture.Actions.Setup(a => a.LookupGroupAsync(TestData.GroupId, It.Is<IEnumerable<string>?>(p => p!.Single() == "classification"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(CatalogSamples.FullGroup()));

        var result = await _fixture.Invoker.InvokeAsync(CatalogSamples.LookupGroup, new JsonObject
        {
            ["groupId"] = TestData.GroupId,
            ["additionalProperties"] = new JsonArray("classification"),
        });

        result.Succeeded.Should().BeTrue(result.ToString());
        var outputs = CatalogSamples.OutputsOf(result);
        outputs["kind"]!.GetValue<string>().Should().Be("Microsoft365");
        outputs["isDynamic"]!.GetValue<bool>().Should().BeTrue();
        outputs["groupTypes"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("Unified", "DynamicMembership");
        outputs["createdDateTime"]!.GetValue<string>().Should().Be("2024-05-06T07:08:09+00:00");
        outputs["onPremisesSyncEnabled"].Should().BeNull();
        outputs["mailNickname"]!.GetValue<string>().Should().Be("retail");
        outputs["additionalProperties"]!["classification"]!.GetValue<string>().Should().Be("High");
    }

    [Theory]
    [InlineData(MembershipOutcome.Added, true)]
    [InlineData(MembershipOutcome.AlreadyMember, false)]
    public async Task InvokeAsync_AddUserToGroup_ReturnsSuccessOutcomeAndChanged(MembershipOutcome outcome, bool changed)
    {
        _fixture.Actions.Setup(a => a.AddUserToGroupAsync(TestData.Upn, TestData.GroupId, It.Is<EntraWriteOptions>(o => !o.DryRun), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(CatalogSamples.Change(outcome)));

        var result = await _fixture.Invoker.InvokeAsync(CatalogSamples.AddUserToGroup, CatalogSamples.Inputs(CatalogSamples.AddUserToGroup));

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Outputs.GetRawText().Should().Be(
            $$"""{"memberId":"{{TestData.UserId}}","groupId":"{{TestData.GroupId}}","outcome":"{{outcome}}","isDryRun":false,"changed":{{(changed ? "true" : "false")}}}""");
    }

    [Theory]
    [InlineData(MembershipOutcome.Removed, true)]
    [InlineData(MembershipOutcome.NotAMember, false)]
    public async Task InvokeAsync_RemoveMemberFromGroup_ReturnsSuccessOutcomeAndChanged(MembershipOutcome outcome, bool changed)
    {
        _fixture.Actions.Setup(a => a.RemoveMemberFromGroupAsync(TestData.UserId, TestData.GroupId, It.Is<EntraWriteOptions>(o => !o.DryRun), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(CatalogSamples.Change(outcome)));

        var result = await _fixture.Invoker.InvokeAsync(CatalogSamples.RemoveMemberFromGroup, CatalogSamples.Inputs(CatalogSamples.RemoveMemberFromGroup));

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Outputs.TryGetProperty("success", out _).Should().BeFalse("the invocation result's Succeeded says it");
        result.Outputs.GetProperty("outcome").GetString().Should().Be(outcome.ToString());
        result.Outputs.GetProperty("changed").GetBoolean().Should().Be(changed);
        result.Outputs.GetProperty("memberId").GetString().Should().Be(TestData.UserId);
    }

    [Theory]
    [MemberData(nameof(CatalogSamples.SingleActionFailures), MemberType = typeof(CatalogSamples))]
    public async Task InvokeAsync_SingleActionFails_ReturnsTheSameErrorAndNoOutputs(string id, EntraErrorKind kind)
    {
        var error = CatalogSamples.Error(kind);
        _fixture.SetUpFailure(id, error);

        var result = await _fixture.Invoker.InvokeAsync(id, CatalogSamples.Inputs(id));

        result.Succeeded.Should().BeFalse();
        result.ActionId.Should().Be(id);
        result.Error.Should().Be(error);
        result.Outputs.EnumerateObject().Should().BeEmpty();
        var json = result.ToJsonObject();
        json["success"]!.GetValue<bool>().Should().BeFalse();
        json["error"]!["kind"]!.GetValue<string>().Should().Be(kind.ToString());
        json["error"]!["message"]!.GetValue<string>().Should().Be(error.Message);
        json["error"]!["requestId"]?.GetValue<string>().Should().Be(error.RequestId);
        json["error"]!["statusCode"]?.GetValue<int>().Should().Be(error.StatusCode);
        json["error"]!["graphErrorCode"]?.GetValue<string>().Should().Be(error.GraphErrorCode);
    }

    [Fact]
    public async Task InvokeAsync_BulkAdd_PassesEveryIdAndReturnsOneItemPerInput()
    {
        IEnumerable<string>? passed = null;
        _fixture.Bulk.Setup(b => b.AddUsersToGroupAsync(TestData.GroupId, It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .Callback<string, IEnumerable<string>, CancellationToken>((_, ids, _) => passed = ids)
            .ReturnsAsync(CatalogSamples.BulkChanges(MembershipOutcome.Added));

        var result = await _fixture.Invoker.InvokeAsync(CatalogSamples.BulkAdd, CatalogSamples.Inputs(CatalogSamples.BulkAdd));

        result.Succeeded.Should().BeTrue(result.ToString());
        passed.Should().Equal(TestData.UserId, TestData.Upn, "..");
        var outputs = CatalogSamples.OutputsOf(result);
        outputs["succeededCount"]!.GetValue<int>().Should().Be(2);
        outputs["failedCount"]!.GetValue<int>().Should().Be(1);
        outputs["allSucceeded"]!.GetValue<bool>().Should().BeFalse();
        var items = outputs["items"]!.AsArray();
        items.Should().HaveCount(3);
        items[0]!.ToJsonString().Should().Be(
            $$"""{"input":"{{TestData.UserId}}","success":true,"isDuplicate":false,"value":{"memberId":"{{TestData.UserId}}","groupId":"{{TestData.GroupId}}","outcome":"Added","isDryRun":false,"changed":true},"error":null}""");
        items[1]!["isDuplicate"]!.GetValue<bool>().Should().BeTrue();
        items[2]!["success"]!.GetValue<bool>().Should().BeFalse();
        items[2]!["value"].Should().BeNull();
        items[2]!["error"]!["kind"]!.GetValue<string>().Should().Be("InvalidInput");
    }

    [Fact]
    public async Task InvokeAsync_BulkAddWithInvalidGroupId_FailsNamingGroupIdWithoutRunning()
    {
        var inputs = CatalogSamples.Inputs(CatalogSamples.BulkAdd);
        inputs["groupId"] = "not-a-guid";

        var result = await _fixture.Invoker.InvokeAsync(CatalogSamples.BulkAdd, inputs);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.Message.Should().Contain("'groupId'").And.Contain("'not-a-guid'");
        _fixture.Bulk.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData(EntraErrorKind.NotFound, "Group '{0}' was not found.")]
    [InlineData(EntraErrorKind.Forbidden, "Group '{0}' could not be read: the connection lacks permission; it needs GroupMember.Read.All.")]
    [InlineData(EntraErrorKind.UnsupportedGroup, "Group '{0}' has dynamic membership: members cannot be added or removed directly.")]
    public async Task InvokeAsync_BulkAddWhereTheGroupFailedEveryItem_FailsWithTheGroupError(EntraErrorKind kind, string format)
    {
        var groupError = new EntraActionError(kind, string.Format(System.Globalization.CultureInfo.InvariantCulture, format, TestData.GroupId)) { StatusCode = 404 };
        var failed = EntraActionResult.Failure<MembershipChange>(groupError);
        _fixture.Bulk.Setup(b => b.AddUsersToGroupAsync(TestData.GroupId, It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new BulkResult<MembershipChange>(
            [
                new BulkItem<MembershipChange>(TestData.UserId, failed),
                new BulkItem<MembershipChange>(TestData.Upn, failed, isDuplicate: true),
                new BulkItem<MembershipChange>("..", EntraActionResult.Failure<MembershipChange>(CatalogSamples.Error(EntraErrorKind.InvalidInput))),
            ],
            callError: groupError));

        var result = await _fixture.Invoker.InvokeAsync(CatalogSamples.BulkAdd, CatalogSamples.Inputs(CatalogSamples.BulkAdd));

        result.Succeeded.Should().BeFalse();
        result.Error.Should().Be(groupError);
    }

    [Fact]
    public async Task InvokeAsync_BulkAddWhereEveryItemFailedWithAGroupMessageButNoCallError_KeepsThePerItemShape()
    {
        // A group that vanished mid-call fails the items it reached, each on its own: that is not a call-level failure.
        var vanished = EntraActionResult.Failure<MembershipChange>(new EntraActionError(EntraErrorKind.NotFound, $"Group '{TestData.GroupId}' was not found."));
        _fixture.Bulk.Setup(b => b.AddUsersToGroupAsync(TestData.GroupId, It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new BulkResult<MembershipChange>([new BulkItem<MembershipChange>(TestData.UserId, vanished)]));

        var result = await _fixture.Invoker.InvokeAsync(CatalogSamples.BulkAdd, CatalogSamples.Inputs(CatalogSamples.BulkAdd));

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Outputs.GetProperty("failedCount").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task InvokeAsync_BulkAddWhereEveryItemFailedForItsOwnReason_KeepsThePerItemShape()
    {
        _fixture.Bulk.Setup(b => b.AddUsersToGroupAsync(TestData.GroupId, It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new BulkResult<MembershipChange>(
            [
                new BulkItem<MembershipChange>(TestData.UserId, EntraActionResult.Failure<MembershipChange>(new EntraActionError(
                    EntraErrorKind.Forbidden, $"Adding user '{TestData.UserId}' to group '{TestData.GroupId}' was refused."))),
                new BulkItem<MembershipChange>(TestData.Upn, EntraActionResult.Failure<MembershipChange>(new EntraActionError(
                    EntraErrorKind.NotFound, $"User '{TestData.Upn}' was not found."))),
            ]));

        var result = await _fixture.Invoker.InvokeAsync(CatalogSamples.BulkAdd, CatalogSamples.Inputs(CatalogSamples.BulkAdd));

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Outputs.GetProperty("failedCount").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task InvokeAsync_BulkRemove_ReturnsItemOutcomes()
    {
        _fixture.Bulk.Setup(b => b.RemoveMembersFromGroupAsync(TestData.GroupId, It.Is<IEnumerable<string>>(ids => ids.SequenceEqual(new[] { TestData.UserId, ".." })), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CatalogSamples.BulkChanges(MembershipOutcome.NotAMember));

        var result = await _fixture.Invoker.InvokeAsync(CatalogSamples.BulkRemove, CatalogSamples.Inputs(CatalogSamples.BulkRemove));

        result.Succeeded.Should().BeTrue(result.ToString());
        CatalogSamples.OutputsOf(result)["items"]![0]!["value"]!["outcome"]!.GetValue<string>().Should().Be("NotAMember");
        CatalogSamples.OutputsOf(result)["items"]![0]!["value"]!["changed"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task InvokeAsync_BulkLookup_ReturnsUsersAndThrottledItemWithRetryAfter()
    {
        _fixture.Bulk.Setup(b => b.LookupUsersAsync(It.Is<IEnumerable<string>>(ids => ids.Count() == 3), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CatalogSamples.BulkUsers());

        var result = await _fixture.Invoker.InvokeAsync(CatalogSamples.BulkLookup, CatalogSamples.Inputs(CatalogSamples.BulkLookup));

        result.Succeeded.Should().BeTrue(result.ToString());
        var items = CatalogSamples.OutputsOf(result)["items"]!.AsArray();
        items[0]!["value"]!["userPrincipalName"]!.GetValue<string>().Should().Be(TestData.Upn);
        items[1]!["value"]!["jobTitle"].Should().BeNull();
        var error = items[2]!["error"]!.AsObject();
        error.Select(p => p.Key).Should().Equal("kind", "message", "graphErrorCode", "statusCode", "requestId", "retryAfterSeconds");
        error["kind"]!.GetValue<string>().Should().Be("Throttled");
        error["statusCode"]!.GetValue<int>().Should().Be(405);
        error["requestId"]!.GetValue<string>().Should().Be(TestData.RequestId);
        error["retryAfterSeconds"]!.GetValue<double>().Should().Be(2.128);
    }

    [Fact]
    public async Task InvokeAsync_EmptyBulkList_RunsWithNoItems()
    {
        _fixture.Bulk.Setup(b => b.LookupUsersAsync(It.Is<IEnumerable<string>>(ids => !ids.Any()), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new BulkResult<EntraUser>([]));

        var result = await _fixture.Invoker.InvokeAsync(CatalogSamples.BulkLookup, new JsonObject { ["userIds"] = new JsonArray() });

        result.Succeeded.Should().BeTrue(result.ToString());
        CatalogSamples.OutputsOf(result)["items"]!.AsArray().Should().BeEmpty();
        result.Outputs.GetProperty("allSucceeded").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task InvokeAsync_TypedActionThrows_ReturnsServiceErrorInsteadOfThrowing()
    {
        _fixture.Actions.Setup(a => a.AddUserToGroupAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<EntraWriteOptions>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("host bug with a secret-looking message"));

        var result = await _fixture.Invoker.InvokeAsync(CatalogSamples.AddUserToGroup, CatalogSamples.Inputs(CatalogSamples.AddUserToGroup));

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Error.Message.Should().Contain("InvalidOperationException").And.NotContain("secret");
    }

    [Fact]
    public async Task InvokeAsync_TypedActionReturnsNull_ReturnsServiceError()
    {
        _fixture.Actions.Setup(a => a.LookupGroupAsync(It.IsAny<string>(), It.IsAny<IEnumerable<string>?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((EntraActionResult<EntraGroup>)null!);

        var result = await _fixture.Invoker.InvokeAsync(CatalogSamples.LookupGroup, CatalogSamples.Inputs(CatalogSamples.LookupGroup));

        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
    }

    [Fact]
    public async Task InvokeAsync_CallerCancels_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        _fixture.Actions.Setup(a => a.LookupUserAsync(It.IsAny<string>(), It.IsAny<IEnumerable<string>?>(), It.IsAny<CancellationToken>()))
            .Returns<string, IEnumerable<string>?, CancellationToken>((_, _, ct) =>
            {
                cts.Cancel();
                ct.ThrowIfCancellationRequested();
                return Task.FromResult(EntraActionResult.Success(CatalogSamples.SparseUser()));
            });

        var invoke = () => _fixture.Invoker.InvokeAsync(CatalogSamples.LookupUser, CatalogSamples.Inputs(CatalogSamples.LookupUser), cts.Token);

        await invoke.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task InvokeAsync_AlreadyCancelled_ThrowsBeforeCallingTheAction()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var invoke = () => _fixture.Invoker.InvokeAsync(CatalogSamples.LookupUser, CatalogSamples.Inputs(CatalogSamples.LookupUser), cts.Token);

        await invoke.Should().ThrowAsync<OperationCanceledException>();
        _fixture.Actions.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task InvokeAsync_BulkCancelledByCaller_PropagatesThePartialResult()
    {
        using var cts = new CancellationTokenSource();
        _fixture.Bulk.Setup(b => b.LookupUsersAsync(It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .Returns<IEnumerable<string>, CancellationToken>((_, ct) =>
            {
                cts.Cancel();
                throw new BulkOperationCanceledException<EntraUser>(CatalogSamples.BulkUsers(), ct);
            });

        var invoke = () => _fixture.Invoker.InvokeAsync(CatalogSamples.BulkLookup, CatalogSamples.Inputs(CatalogSamples.BulkLookup), cts.Token);

        (await invoke.Should().ThrowAsync<BulkOperationCanceledException<EntraUser>>()).Which.PartialResult.Items.Should().HaveCount(3);
    }

    [Fact]
    public async Task InvokeAsync_CancellationTheCallerDidNotAskFor_ReturnsServiceError()
    {
        _fixture.Actions.Setup(a => a.LookupUserAsync(It.IsAny<string>(), It.IsAny<IEnumerable<string>?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TaskCanceledException("a host directory's own timeout"));

        var result = await _fixture.Invoker.InvokeAsync(CatalogSamples.LookupUser, CatalogSamples.Inputs(CatalogSamples.LookupUser), CancellationToken.None);

        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
    }

    [Fact]
    public async Task InvokeAsync_NullArguments_Throw()
    {
        var nullId = () => _fixture.Invoker.InvokeAsync(null!, []);
        var nullInputs = () => _fixture.Invoker.InvokeAsync(CatalogSamples.LookupUser, null!);

        await nullId.Should().ThrowAsync<ArgumentNullException>();
        await nullInputs.Should().ThrowAsync<ArgumentNullException>();
    }

    [Fact]
    public async Task InvokeAsync_ActionMissingFromTheHostsCatalog_IsUnknown()
    {
        var hostCatalog = new Mock<IEntraActionCatalog>();
        var lookup = _fixture.Catalog.Find(CatalogSamples.LookupUser)!;
        hostCatalog.Setup(c => c.Find(It.IsAny<string>())).Returns((string id) => id == lookup.Id ? lookup : null);
        hostCatalog.Setup(c => c.Actions).Returns([lookup]);
        var invoker = new EntraActionInvoker(hostCatalog.Object, _fixture.Actions.Object, _fixture.Bulk.Object, NullLogger<EntraActionInvoker>.Instance);

        var result = await invoker.InvokeAsync(CatalogSamples.BulkAdd, CatalogSamples.Inputs(CatalogSamples.BulkAdd));

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.Message.Should().Contain("Unknown action 'entra.bulk_add_users_to_group'").And.Contain("Known actions: entra.lookup_user.");
        _fixture.Bulk.VerifyNoOtherCalls();
    }

    [Fact]
    public void Constructor_NullDependencies_Throw()
    {
        var logger = NullLogger<EntraActionInvoker>.Instance;
        var actions = _fixture.Actions.Object;
        var bulk = _fixture.Bulk.Object;

        ((Action)(() => _ = new EntraActionInvoker(null!, actions, bulk, logger))).Should().Throw<ArgumentNullException>();
        ((Action)(() => _ = new EntraActionInvoker(_fixture.Catalog, null!, bulk, logger))).Should().Throw<ArgumentNullException>();
        ((Action)(() => _ = new EntraActionInvoker(_fixture.Catalog, actions, null!, logger))).Should().Throw<ArgumentNullException>();
        ((Action)(() => _ = new EntraActionInvoker(_fixture.Catalog, actions, bulk, null!))).Should().Throw<ArgumentNullException>();
    }
}
