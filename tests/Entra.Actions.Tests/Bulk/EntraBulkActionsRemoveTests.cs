using Moq;
using static Entra.Actions.Tests.Bulk.BulkFixture;
using static Entra.Actions.Tests.TestData;

namespace Entra.Actions.Tests.Bulk;

public class EntraBulkActionsRemoveTests
{
    private static readonly BulkOptions Sequential = new() { MaxConcurrency = 1 };
    private readonly BulkFixture _fx = new();

    private static EntraActionResult<MembershipOutcome> Removed => EntraActionResult.Success(MembershipOutcome.Removed);

    private static EntraActionResult<MembershipOutcome> NotAMember => EntraActionResult.Success(MembershipOutcome.NotAMember);

    private static EntraActionResult<MembershipOutcome> Throttled429(double seconds) => EntraActionResult.Failure<MembershipOutcome>(Throttled(seconds));

    /// <summary>Answers each Remove call with the next list from <paramref name="rounds"/>.</summary>
    private void AnswerRemoves(params EntraActionResult<MembershipOutcome>[][] rounds)
    {
        var next = 0;
        _fx.Remove = ids =>
        {
            var answer = rounds[Interlocked.Increment(ref next) - 1];
            answer.Should().HaveCount(ids.Count);
            return answer;
        };
    }

    /// <summary>Waits (in real time) until <paramref name="condition"/> holds.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 5_000 && !condition(); i++)
        {
            await Task.Delay(1);
        }

        condition().Should().BeTrue("the bulk call should have got there");
    }

    [Theory]
    [InlineData(19, new[] { 19 })]
    [InlineData(20, new[] { 20 })]
    [InlineData(21, new[] { 20, 1 })]
    [InlineData(1000, null)]
    public async Task RemoveMembersFromGroupAsync_ChunkBoundary_SendsBatchesOfAtMostTwentySteps(int count, int[]? expectedSizes)
    {
        var ids = Ids(count);
        _fx.Members.UnionWith(ids);

        var result = await _fx.Create().RemoveMembersFromGroupAsync(GroupId, ids, Sequential);

        result.AllSucceeded.Should().BeTrue();
        result.Items.Select(i => i.Result.Value!.Outcome).Should().AllBeEquivalentTo(MembershipOutcome.Removed);
        result.Items.Select(i => i.Result.Value!.MemberId).Should().Equal(ids);
        _fx.CallsTo("Remove").Select(c => c.Ids.Count).Should().Equal(expectedSizes ?? Enumerable.Repeat(20, 50));
        _fx.CallsTo("Remove").SelectMany(c => c.Ids).Should().Equal(ids);
        _fx.Members.Should().BeEmpty();
        _fx.Calls.Should().OnlyContain(c => c.Method == "Remove", "object ids are removed as given, without reading them");
        _fx.Directory.Verify(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_OneThousandConcurrently_RemovesEachOnceInInputOrder()
    {
        var ids = Ids(1000);
        _fx.Members.UnionWith(ids);

        var result = await _fx.Create().RemoveMembersFromGroupAsync(GroupId, ids, new BulkOptions { MaxConcurrency = 16 });

        result.Items.Select(i => i.Input).Should().Equal(ids);
        result.Items.Select(i => i.Result.Value!.MemberId).Should().Equal(ids);
        result.SucceededCount.Should().Be(1000);
        _fx.CallsTo("Remove").Should().HaveCount(50);
        _fx.CallsTo("Remove").SelectMany(c => c.Ids).Should().BeEquivalentTo(ids).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_PerStepAnswers_EachItemGetsItsOwnOutcome()
    {
        var ids = Ids(5);
        AnswerRemoves([
            Removed,
            NotAMember,
            EntraActionResult.Failure<MembershipOutcome>(GraphError(EntraErrorKind.Forbidden, 403, "Authorization_RequestDenied")),
            EntraActionResult.Failure<MembershipOutcome>(GraphError(EntraErrorKind.ServiceError, 500, "generalException")),
            NotAMember,
        ]);

        var result = await _fx.Create().RemoveMembersFromGroupAsync(GroupId, ids);

        result.Items[0].Result.Value!.Outcome.Should().Be(MembershipOutcome.Removed);
        result.Items[1].Result.Value!.Outcome.Should().Be(MembershipOutcome.NotAMember);
        result.Items[2].Result.Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        result.Items[2].Result.Error!.Message.Should().Contain($"Removing member '{ids[2]}' from group '{GroupId}' was refused");
        result.Items[3].Result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Items[3].Result.Error!.StatusCode.Should().Be(500);
        result.Items[4].Result.Value!.Outcome.Should().Be(MembershipOutcome.NotAMember);
        _fx.CallsTo("Remove").Should().ContainSingle("a Forbidden or a 500 step is not retried (only 429, 503 and 504 are)");

        // The guard read, then one re-read that confirms "not a member" for both 404s.
        _fx.Directory.Verify(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_CancelledWhileWaitingToResendThrottledSteps_ReportsTheStepsGraphDid()
    {
        using var cts = new CancellationTokenSource();
        var ids = Ids(20);
        AnswerRemoves([.. Enumerable.Range(0, 19).Select(_ => Removed), Throttled429(30)]);
        var bulk = _fx.Create().RemoveMembersFromGroupAsync(GroupId, ids, Sequential, cts.Token);
        await WaitUntilAsync(() => _fx.CallsTo("Remove").Count == 1);

        await cts.CancelAsync();
        var partial = (await bulk.Invoking(b => b).Should().ThrowAsync<BulkOperationCanceledException<MembershipChange>>()).Which.PartialResult;

        partial.Items.Take(19).Should().OnlyContain(i => i.Result.Value!.Outcome == MembershipOutcome.Removed, "Graph removed them before the wait");
        partial.Items[19].Result.Error!.Kind.Should().Be(EntraErrorKind.Cancelled);
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_NotAMemberButGroupVanished_ThoseItemsNotFoundNamingTheGroup()
    {
        _fx.Directory.SetupSequence(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(SecurityGroup()))
            .ReturnsAsync(EntraActionResult.Failure<EntraGroup>(NotFound()));
        AnswerRemoves([Removed, NotAMember, NotAMember]);

        var result = await _fx.Create().RemoveMembersFromGroupAsync(GroupId, Ids(3));

        result.Items[0].Result.Value!.Outcome.Should().Be(MembershipOutcome.Removed);
        foreach (var item in result.Items.Skip(1))
        {
            item.Result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
            item.Result.Error.Message.Should().Be($"Group '{GroupId}' was not found.");
        }

        result.CallError.Should().BeNull("one member was removed: the items tell the story");
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_GroupVanishedBeforeAnyRemoval_TheWholeCallFailsForTheGroup()
    {
        _fx.Directory.SetupSequence(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(SecurityGroup()))
            .ReturnsAsync(EntraActionResult.Failure<EntraGroup>(NotFound()));
        AnswerRemoves([NotAMember, NotAMember]);

        var result = await _fx.Create().RemoveMembersFromGroupAsync(GroupId, Ids(2));

        result.Items.Should().OnlyContain(i => i.Result.Error!.Message == $"Group '{GroupId}' was not found.");
        result.CallError.Should().Be(result.Items[0].Result.Error);
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_ThrottledSteps_ResentAloneAfterTheLargestRetryAfter()
    {
        var ids = Ids(5);
        AnswerRemoves(
            [Removed, Throttled429(2), Removed, Throttled429(5), NotAMember],
            [Removed, Removed]);
        var start = _fx.Time.GetUtcNow();

        var run = _fx.Create().RemoveMembersFromGroupAsync(GroupId, ids, Sequential);
        await WaitUntilAsync(() => _fx.CallsTo("Remove").Count == 1 && _fx.Gate.ResumeAt > start);

        _fx.Gate.ResumeAt.Should().Be(start + TimeSpan.FromSeconds(5), "the connection pauses for the largest Retry-After among the steps");
        _fx.Time.Advance(TimeSpan.FromSeconds(4.9));
        await Task.Delay(50);
        _fx.CallsTo("Remove").Should().HaveCount(1, "nothing is resent before the Retry-After has passed");
        _fx.Time.Advance(TimeSpan.FromSeconds(0.1));
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        _fx.CallsTo("Remove").Select(c => c.Ids).Should().BeEquivalentTo(new IReadOnlyList<string>[] { ids, [ids[1], ids[3]] }, o => o.WithStrictOrdering());
        result.Items.Select(i => i.Result.Value!.Outcome).Should().Equal(
            MembershipOutcome.Removed, MembershipOutcome.Removed, MembershipOutcome.Removed, MembershipOutcome.Removed, MembershipOutcome.NotAMember);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task RemoveMembersFromGroupAsync_Throttled_OnlyTheWriteQuotasAnswersTeachTheWritePace(bool writeQuota, bool paced)
    {
        var ids = Ids(4);
        var throttled = EntraActionResult.Failure<MembershipOutcome>(Throttled(1) with { WriteQuotaExceeded = writeQuota });
        AnswerRemoves([Removed, throttled, Removed, Removed], [Removed]);

        var result = await _fx.WithTimeAdvancingAsync(_fx.Create().RemoveMembersFromGroupAsync(GroupId, ids, Sequential));

        result.AllSucceeded.Should().BeTrue(result.ToString());
        _fx.CallsTo("Remove").Should().HaveCount(2, "the throttled step was resent once");
        // The measurement starts at the quota's 429 and the resent step's success measures the refill.
        (_fx.Pacer.RatePerSecond is not null).Should().Be(paced, writeQuota
            ? "Graph said the write quota is used up"
            : "a 429 that does not name the write quota (a read limit, a busy service) says nothing about the write bucket");
        _fx.Gate.ResumeAt.Should().BeAfter(DateTimeOffset.MinValue, "either way the connection paused for the Retry-After");
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_ThrottledDeleteThatWasApplied_EndsAsNotAMemberSuccess()
    {
        // Graph applied the first delete but answered 429; the resent step answers 404.
        var ids = Ids(3);
        AnswerRemoves([Removed, Throttled429(1), Removed], [NotAMember]);

        var result = await _fx.WithTimeAdvancingAsync(_fx.Create().RemoveMembersFromGroupAsync(GroupId, ids, Sequential));

        result.AllSucceeded.Should().BeTrue();
        result.Items[1].Result.Value!.Outcome.Should().Be(MembershipOutcome.NotAMember);
        result.Items[1].Result.Value!.MemberId.Should().Be(ids[1]);
        _fx.CallsTo("Remove").Select(c => c.Ids.Count).Should().Equal(3, 1);
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_StepStillThrottledAfterMaxStepRetries_FailsThrottledWithItsRetryAfter()
    {
        var ids = Ids(2);
        AnswerRemoves([Removed, Throttled429(1)], [Throttled429(1)], [Throttled429(3)]);

        var result = await _fx.WithTimeAdvancingAsync(_fx.Create().RemoveMembersFromGroupAsync(GroupId, ids, Sequential with { MaxStepRetries = 2 }));

        result.Items[0].Result.Value!.Outcome.Should().Be(MembershipOutcome.Removed);
        result.Items[1].Result.Error!.Kind.Should().Be(EntraErrorKind.Throttled);
        result.Items[1].Result.Error!.RetryAfter.Should().Be(TimeSpan.FromSeconds(3));
        _fx.CallsTo("Remove").Select(c => c.Ids.Count).Should().Equal(2, 1, 1);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(424)]
    public async Task RemoveMembersFromGroupAsync_UnavailableStep_IsResentAloneLikeTheSingleActionsRetry(int status)
    {
        var ids = Ids(2);
        AnswerRemoves(
            [Removed, EntraActionResult.Failure<MembershipOutcome>(GraphError(EntraErrorKind.ServiceError, status, "serviceNotAvailable"))],
            [Removed]);

        var result = await _fx.WithTimeAdvancingAsync(_fx.Create().RemoveMembersFromGroupAsync(GroupId, ids, Sequential));

        result.AllSucceeded.Should().BeTrue();
        _fx.CallsTo("Remove").Select(c => c.Ids.Count).Should().Equal(2, 1);
        _fx.CallsTo("Remove")[1].Ids.Should().Equal(ids[1]);
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_RetryAfterBeyondMaxRetryDuration_NotResent()
    {
        _fx.Options.MaxRetryDuration = TimeSpan.FromSeconds(10);
        AnswerRemoves([Throttled429(30)]);

        var result = await _fx.Create().RemoveMembersFromGroupAsync(GroupId, [Id(1)]);

        result.Items[0].Result.Error!.Kind.Should().Be(EntraErrorKind.Throttled);
        _fx.CallsTo("Remove").Should().ContainSingle();
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_WholeBatchFailed_EveryItemOfThatChunkFailsWithThatKind()
    {
        var ids = Ids(21);
        _fx.Remove = chunk => chunk.Count == 20
            ? [.. chunk.Select(_ => EntraActionResult.Failure<MembershipOutcome>(GraphError(EntraErrorKind.Unauthorized, 401, "InvalidAuthenticationToken")))]
            : [Removed];

        var result = await _fx.Create().RemoveMembersFromGroupAsync(GroupId, ids, Sequential);

        result.Items.Take(20).Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.Unauthorized);
        result.Items[20].Result.Value!.Outcome.Should().Be(MembershipOutcome.Removed);
        _fx.CallsTo("Remove").Should().HaveCount(2);
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_UpnsResolvedByFilterReadEvenWithGetByIds_DuplicatesAndMissingNeverSent()
    {
        _fx.Upns[Upn] = Id(1);
        _fx.Missing.Add("gone@contoso.com");
        string[] inputs = [Upn, Id(1).ToUpperInvariant(), "gone@contoso.com", "..", Id(2), Id(2)];

        var result = await _fx.Create().RemoveMembersFromGroupAsync(GroupId, inputs, Sequential with { UseGetByIds = true });

        result.Items.Select(i => i.IsDuplicate).Should().Equal(false, true, false, false, false, true);
        result.Items[0].Result.Value!.MemberId.Should().Be(Id(1));
        result.Items[1].Result.Value!.MemberId.Should().Be(Id(1));
        result.Items[2].Result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Items[2].Result.Error!.Message.Should().Be("User 'gone@contoso.com' was not found.");
        result.Items[3].Result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        _fx.CallsTo("FindUpns").Should().ContainSingle().Which.Ids.Should().Equal(Upn, "gone@contoso.com");
        _fx.CallsTo("GetByIds").Should().BeEmpty("object ids are removed as given");
        _fx.CallsTo("Remove").Should().ContainSingle().Which.Ids.Should().Equal(Id(1), Id(2));
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_GroupRefused_EveryItemFailsWithNoWrite()
    {
        _fx.Directory.SetupGroup(Group("dynamic"));

        var result = await _fx.Create().RemoveMembersFromGroupAsync(GroupId, [Id(1), Upn]);

        result.Items.Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.UnsupportedGroup);
        result.CallError!.Kind.Should().Be(EntraErrorKind.UnsupportedGroup);
        _fx.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_InvalidGroupId_EveryItemFailsInvalidInputWithNoRequest()
    {
        var result = await _fx.Create().RemoveMembersFromGroupAsync("..", [Id(1)]);

        result.Items.Should().ContainSingle().Which.Result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        _fx.Directory.VerifyNoOtherCalls();
        _fx.Bulk.VerifyNoOtherCalls();
    }
    [Fact]
    public async Task RemoveMembersFromGroupAsync_EveryStepUnauthorized_CallErrorIsUnauthorized()
    {
        _fx.Remove = chunk => [.. chunk.Select(_ => EntraActionResult.Failure<MembershipOutcome>(GraphError(EntraErrorKind.Unauthorized, 401, "InvalidAuthenticationToken")))];

        var result = await _fx.Create().RemoveMembersFromGroupAsync(GroupId, Ids(21), Sequential);

        result.Items.Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.Unauthorized);
        result.CallError!.Kind.Should().Be(EntraErrorKind.Unauthorized, "the call failed as a whole: it could not authenticate");
    }
}
