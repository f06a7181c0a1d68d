using Entra.Actions.Directory.Internal;
using Entra.Actions.Validation.Internal;
using Moq;
using static Entra.Actions.Tests.Bulk.BulkFixture;
using static Entra.Actions.Tests.TestData;

namespace Entra.Actions.Tests.Bulk;

public class EntraBulkActionsAddTests
{
    private static readonly BulkOptions Sequential = new() { MaxConcurrency = 1 };
    private readonly BulkFixture _fx = new();

    private void VerifyNoWrite() =>
        _fx.Bulk.Verify(b => b.AddGroupMembersAsync(It.IsAny<ObjectId>(), It.IsAny<IReadOnlyList<ObjectId>>(), It.IsAny<CancellationToken>()), Times.Never);

    [Theory]
    [InlineData(1, new[] { 1 }, new int[0])]
    [InlineData(19, new[] { 19 }, new int[0])]
    [InlineData(20, new[] { 20 }, new int[0])]
    [InlineData(21, new[] { 20, 1 }, new int[0])]
    [InlineData(41, new[] { 20, 20, 1 }, new[] { 2 })]
    [InlineData(420, null, new[] { 20 })]
    [InlineData(421, null, new[] { 20 })] // the probe, 20 chunks in a $batch, a lone chunk
    [InlineData(441, null, new[] { 20, 2 })]
    public async Task AddUsersToGroupAsync_ChunkBoundary_BindsChunksOfTwentyAndTwentyChunksPerBatch(int count, int[]? expectedSizes, int[] expectedBatches)
    {
        var ids = Ids(count);

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, ids, Sequential);

        result.AllSucceeded.Should().BeTrue();
        result.Items.Select(i => i.Result.Value!.Outcome).Should().AllBeEquivalentTo(MembershipOutcome.Added);
        _fx.CallsTo("Add").Select(c => c.Ids.Count).Should().Equal(expectedSizes ?? [.. ids.Chunk(20).Select(c => c.Length)]);
        _fx.CallsTo("Add").SelectMany(c => c.Ids).Should().Equal(ids, "each id is bound once, in input order");
        _fx.CallsTo("AddBatch").Select(c => c.Ids.Count).Should().Equal(expectedBatches, "the first chunk probes alone; the rest go 20 writes per $batch, a lone chunk as a plain PATCH");
        _fx.CallsTo("FindUsers").SelectMany(c => c.Ids).Should().Equal(ids, "users are read before they are bound");
        _fx.CallsTo("FindUsers").Select(c => c.Ids.Count).Should().Equal(ids.Chunk(300).Select(c => c.Length), "300 per $batch");
        _fx.Members.Should().BeEquivalentTo(ids);
    }

    [Fact]
    public async Task AddUsersToGroupAsync_GroupDeletedAfterTheGuard_FailsEveryItemWithoutSplitting()
    {
        var ids = Ids(60);
        _fx.Directory.SetupSequence(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(SecurityGroup()))
            .ReturnsAsync(EntraActionResult.Failure<EntraGroup>(NotFound()));
        _fx.Add = _ => EntraActionResult.Failure<MembershipOutcome>(NotFound());

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, ids, Sequential);

        result.Items.Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.NotFound && i.Result.Error.Message == $"Group '{GroupId}' was not found.");
        _fx.CallsTo("Add").Should().HaveCount(3, "one write per chunk of 20; a vanished group is not bisected into one write per user");
        result.CallError!.Message.Should().Be($"Group '{GroupId}' was not found.", "nothing succeeded: the whole call failed for the group");
        _fx.CallsTo("AddBatch").Should().ContainSingle("after the probe, the other two chunks share one $batch");
        _fx.Directory.Verify(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task AddUsersToGroupAsync_GroupDeletedAfterSomeWritesLanded_NoCallErrorEachItemKeepsItsOutcome()
    {
        var ids = Ids(60);
        _fx.Directory.SetupSequence(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(SecurityGroup()))
            .ReturnsAsync(EntraActionResult.Failure<EntraGroup>(NotFound()));
        _fx.Add = chunk => chunk[0] == ids[0] ? _fx.Model(chunk) : EntraActionResult.Failure<MembershipOutcome>(NotFound());

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, ids, Sequential);

        result.Items.Take(20).Should().OnlyContain(i => i.Result.Value!.Outcome == MembershipOutcome.Added);
        result.Items.Skip(20).Should().OnlyContain(i => i.Result.Error!.Message == $"Group '{GroupId}' was not found.");
        result.CallError.Should().BeNull("the probe's users were added: the items tell the story");
    }

    [Fact]
    public async Task AddUsersToGroupAsync_VerifyUsersOff_BindsObjectIdsWithoutReadingThem()
    {
        var ids = Ids(41);

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, ids, Sequential with { VerifyUsers = false });

        result.AllSucceeded.Should().BeTrue();
        _fx.Calls.Should().NotContain(c => c.Method == "FindUsers" || c.Method == "FindUpns" || c.Method == "GetUser", "the caller vouched that every object id is a user");
        _fx.CallsTo("Add").Select(c => c.Ids.Count).Should().Equal(20, 20, 1);
        _fx.Members.Should().BeEquivalentTo(ids);
    }

    [Fact]
    public async Task AddUsersToGroupAsync_BatchWritesOff_EachChunkIsItsOwnPatchAndOutcomesAreTheSame()
    {
        var ids = Ids(61);
        _fx.Members.Add(ids[30]);

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, ids, Sequential with { BatchWrites = false });

        result.Items.Select(i => i.Result.Value!.Outcome).Should().Equal(ids.Select((_, i) => i == 30 ? MembershipOutcome.AlreadyMember : MembershipOutcome.Added));
        _fx.CallsTo("AddBatch").Should().BeEmpty();
        _fx.CallsTo("Add").Select(c => c.Ids.Count).Should().Equal([20, 20, 19, 20, 1], "no probe: the refused chunk teaches the members and is resent without them");
        _fx.ShouldHaveBoundEachIdAtMostOnce().Should().HaveCount(60);
    }

    [Fact]
    public async Task AddUsersToGroupAsync_VerifyUsersOn_ReadsEveryUserBeforeBinding()
    {
        var ids = Ids(3);

        await _fx.Create().AddUsersToGroupAsync(GroupId, ids, Sequential);

        _fx.CallsTo("FindUsers").SelectMany(c => c.Ids).Should().Equal(ids);
        _fx.Calls.Select(c => c.Method).Should().Equal("FindUsers", "Add");
        BulkOptions.Default.VerifyUsers.Should().BeTrue("verification is the safe default");
    }

    [Fact]
    public async Task AddUsersToGroupAsync_OneThousandUsersConcurrently_BindsFiftyChunksOfTwentyEachIdOnce()
    {
        var ids = Ids(1000);

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, ids, new BulkOptions { MaxConcurrency = 8 });

        result.AllSucceeded.Should().BeTrue();
        result.CallError.Should().BeNull();
        result.SucceededCount.Should().Be(1000);
        var adds = _fx.CallsTo("Add");
        adds.Should().HaveCount(50).And.OnlyContain(c => c.Ids.Count == 20);
        adds.SelectMany(c => c.Ids).Should().BeEquivalentTo(ids).And.OnlyHaveUniqueItems();
        _fx.CallsTo("FindUsers").Select(c => c.Ids.Count).Should().BeEquivalentTo([300, 300, 300, 100]);
        _fx.CallsTo("AddBatch").Select(c => c.Ids.Count).Should().BeEquivalentTo([20, 20, 9], "after the probe, 49 chunks in three $batch requests");
        _fx.Calls.Count(c => c.Method != "Add").Should().Be(4 + 3, "with the group read, 1,000 users take 1 + 4 + 1 + 3 round trips");
        _fx.CallsTo("GetMembers").Should().BeEmpty("no chunk failed, so Auto never reads the members");
        _fx.Directory.Verify(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task AddUsersToGroupAsync_ConcurrentChunksFinishOutOfOrder_ItemsStayInInputOrder()
    {
        var ids = Ids(95);
        var inputs = ids.Select((id, i) => i % 3 == 0 ? id.ToUpperInvariant() : id).ToList();
        var random = new Random(42);
        _fx.Add = chunk =>
        {
            Thread.Sleep(random.Next(0, 5)); // chunks finish in a different order than they started
            lock (_fx.Members)
            {
                _fx.Members.UnionWith(chunk);
            }

            return EntraActionResult.Success(MembershipOutcome.Added);
        };

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, inputs, new BulkOptions { MaxConcurrency = 16 });

        result.Items.Select(i => i.Input).Should().Equal(inputs);
        result.Items.Select(i => i.Result.Value!.MemberId).Should().Equal(ids, "each item carries its own (normalized) id");
        result.Items.Should().OnlyContain(i => i.Result.Value!.GroupId == GroupId && !i.IsDuplicate);
    }

    [Fact]
    public async Task AddUsersToGroupAsync_InvalidItems_FailAloneAsInvalidInputAndAreNeverSent()
    {
        string?[] hostile = [null, string.Empty, " ", ".", "..", "../groups", "a/b@c.com", "$x@y.com", "x@", "{" + Id(1) + "}", "a\u0000@b.com"];
        var inputs = new List<string> { Id(0) };
        inputs.AddRange(hostile.Select(h => h!));
        inputs.Add(Id(2));

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, inputs, Sequential);

        result.Items.Should().HaveCount(inputs.Count);
        result.Items[0].Result.Value!.Outcome.Should().Be(MembershipOutcome.Added);
        result.Items[^1].Result.Value!.Outcome.Should().Be(MembershipOutcome.Added);
        foreach (var item in result.Items.Skip(1).Take(hostile.Length))
        {
            item.Result.Succeeded.Should().BeFalse(item.ToString());
            item.Result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
            item.Result.Error.StatusCode.Should().BeNull("nothing was sent for it");
        }

        result.SucceededCount.Should().Be(2);
        _fx.Calls.SelectMany(c => c.Ids).Should().BeSubsetOf([Id(0), Id(2)], "invalid items never reach a seam");
        _fx.CallsTo("Add").Should().ContainSingle().Which.Ids.Should().Equal(Id(0), Id(2));
    }

    [Fact]
    public async Task AddUsersToGroupAsync_Duplicates_ReportedOnceEachAndSentOnce()
    {
        _fx.Upns[Upn] = Id(2);
        string[] inputs = [Id(1), Id(1), Id(1).ToUpperInvariant(), Upn, Id(2), Upn.ToLowerInvariant(), Id(3)];

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, inputs, Sequential);

        result.Items.Select(i => i.Input).Should().Equal(inputs);
        result.Items.Select(i => i.IsDuplicate).Should().Equal(false, true, true, false, true, true, false);
        result.Items.Should().OnlyContain(i => i.Result.Succeeded && i.Result.Value!.Outcome == MembershipOutcome.Added);
        result.Items.Select(i => i.Result.Value!.MemberId).Should().Equal(Id(1), Id(1), Id(1), Id(2), Id(2), Id(2), Id(3));
        _fx.CallsTo("Add").Should().ContainSingle().Which.Ids.Should().Equal(Id(1), Id(2), Id(3));
        _fx.CallsTo("FindUsers").SelectMany(c => c.Ids).Should().Equal([Id(1), Id(2), Id(3)], "spellings of one input are read once");
        _fx.CallsTo("FindUpns").SelectMany(c => c.Ids).Should().Equal(Upn);
    }

    [Fact]
    public async Task AddUsersToGroupAsync_DuplicateOfAFailedItem_RepeatsTheFailure()
    {
        _fx.Missing.Add(Id(1));

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, [Id(1), Id(2), Id(1).ToUpperInvariant()], Sequential);

        result.Items[0].Result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Items[2].IsDuplicate.Should().BeTrue();
        result.Items[2].Result.Should().BeSameAs(result.Items[0].Result);
        result.Items[1].Result.Value!.Outcome.Should().Be(MembershipOutcome.Added);
        result.FailedCount.Should().Be(2);
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("not-a-guid")]
    [InlineData(Upn)]
    public async Task AddUsersToGroupAsync_InvalidGroupId_EveryItemFailsInvalidInputWithNoRequest(string groupId)
    {
        var result = await _fx.Create().AddUsersToGroupAsync(groupId, [Id(1), "..", Id(2)]);

        result.Items.Should().HaveCount(3).And.OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.InvalidInput);
        result.Items[0].Result.Error!.Message.Should().Contain("Group ID");
        result.CallError.Should().BeSameAs(result.Items[0].Result.Error);
        _fx.Calls.Should().BeEmpty();
        _fx.Directory.VerifyNoOtherCalls();
        _fx.Bulk.VerifyNoOtherCalls();
    }

    [Theory]
    [MemberData(nameof(DirectoryErrors), MemberType = typeof(TestData))]
    public async Task AddUsersToGroupAsync_GroupReadFails_EveryValidItemFailsWithThatKindAndNothingIsWritten(EntraErrorKind kind, int status, string code)
    {
        _fx.Directory.Setup(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Failure<EntraGroup>(GraphError(kind, status, code)));

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, [Id(1), "..", Id(2)]);

        result.Items[1].Result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput, "an invalid item keeps its own failure");
        foreach (var item in new[] { result.Items[0], result.Items[2] })
        {
            item.Result.Error!.Kind.Should().Be(kind);
            item.Result.Error.StatusCode.Should().Be(status);
            item.Result.Error.Message.Should().Contain($"Group '{GroupId}'");
        }

        _fx.Calls.Should().BeEmpty("no user is read and nothing is written once the group fails");
        result.CallError.Should().BeSameAs(result.Items[0].Result.Error, "the whole call failed for the group");
        _fx.Directory.Verify(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData("dynamic", "dynamic membership")]
    [InlineData("mailsecurity", "mail-enabled security")]
    [InlineData("distribution", "distribution list")]
    [InlineData("synced", "on-premises")]
    [InlineData("roleassignable", "role-assignable")]
    [InlineData("unknown", "no documented group kind")]
    public async Task AddUsersToGroupAsync_RefusedGroupKind_EveryItemFailsUnsupportedGroupWithNoWrite(string kind, string reason)
    {
        _fx.Directory.SetupGroup(Group(kind));

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, Ids(25));

        result.Items.Should().HaveCount(25).And.OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.UnsupportedGroup);
        result.Items[0].Result.Error!.Message.Should().Contain(reason);
        result.CallError!.Kind.Should().Be(EntraErrorKind.UnsupportedGroup);
        _fx.Calls.Should().BeEmpty();
        VerifyNoWrite();
    }

    [Fact]
    public async Task AddUsersToGroupAsync_RoleAssignableGroupAllowed_Adds()
    {
        _fx.Directory.SetupGroup(Group("roleassignable"));
        _fx.Options.AllowRoleAssignableGroups = true;

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, Ids(3));

        result.AllSucceeded.Should().BeTrue();
        _fx.CallsTo("Add").Should().ContainSingle();
    }

    [Fact]
    public async Task AddUsersToGroupAsync_IdsThatAreNotUsers_FailNotFoundAndAreNeverBound()
    {
        // A group's or device's id read as a user answers 404: it must not be bound through /directoryObjects.
        _fx.Missing.UnionWith([Id(1), Id(4), "ghost@contoso.com"]);

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, [Id(0), Id(1), Id(2), "ghost@contoso.com", Id(4), Id(5)], Sequential);

        result.Items.Select(i => i.Result.Succeeded).Should().Equal(true, false, true, false, false, true);
        result.Items[1].Result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Items[1].Result.Error!.Message.Should().Be($"User '{Id(1)}' was not found.");
        result.Items[3].Result.Error!.Message.Should().Be("User 'ghost@contoso.com' was not found.");
        _fx.CallsTo("Add").Should().ContainSingle().Which.Ids.Should().Equal(Id(0), Id(2), Id(5));
    }

    [Fact]
    public async Task AddUsersToGroupAsync_UpnsAndGuestUpns_ResolvedAndBoundByObjectId()
    {
        _fx.Upns[Upn] = Id(7);
        _fx.Upns[GuestUpn] = Id(8);

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, [Upn, GuestUpn, Id(9)], Sequential);

        result.Items.Select(i => i.Result.Value!.MemberId).Should().Equal(Id(7), Id(8), Id(9));
        _fx.CallsTo("GetUser").Should().ContainSingle().Which.Ids.Should().Equal(GuestUpn);
        _fx.CallsTo("FindUpns").SelectMany(c => c.Ids).Should().Equal([Upn], "'#' cannot travel in a $batch step URL, so the guest is read on its own");
        _fx.CallsTo("Add").Should().ContainSingle().Which.Ids.Should().Equal(Id(7), Id(8), Id(9));
    }

    [Fact]
    public async Task AddUsersToGroupAsync_AlreadyMemberChunkWithoutPrefetch_SplitsToExactOutcomesWithNoIdWrittenTwice()
    {
        var ids = Ids(8);
        _fx.Members.Add(ids[5]);

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, ids, Sequential with { MemberPrefetch = MemberPrefetch.Never });

        result.AllSucceeded.Should().BeTrue();
        result.Items.Select(i => i.Result.Value!.Outcome).Should().Equal(
            MembershipOutcome.Added, MembershipOutcome.Added, MembershipOutcome.Added, MembershipOutcome.Added,
            MembershipOutcome.Added, MembershipOutcome.AlreadyMember, MembershipOutcome.Added, MembershipOutcome.Added);
        _fx.CallsTo("Add").Select(c => string.Join(",", c.Ids.Select(id => ids.IndexOf(id)))).Should().Equal(
            "0,1,2,3,4,5,6,7", "0,1,2,3", "4,5,6,7", "4,5", "6,7", "4", "5");
        _fx.ShouldHaveBoundEachIdAtMostOnce().Should().BeEquivalentTo(ids.Where((_, i) => i != 5), "the member already there is never bound");
        _fx.CallsTo("GetMembers").Should().BeEmpty();
    }

    [Fact]
    public async Task AddUsersToGroupAsync_AlreadyMemberChunkWithAutoPrefetch_ReadsMembersOnceAndRebindsTheRest()
    {
        var ids = Ids(8);
        _fx.Members.UnionWith([ids[2], ids[5]]);

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, ids, Sequential);

        result.Items.Select(i => i.Result.Value!.Outcome).Should().Equal(
            MembershipOutcome.Added, MembershipOutcome.Added, MembershipOutcome.AlreadyMember, MembershipOutcome.Added,
            MembershipOutcome.Added, MembershipOutcome.AlreadyMember, MembershipOutcome.Added, MembershipOutcome.Added);
        _fx.Calls.Where(c => c.Method is "Add" or "GetMembers").Select(c => c.ToString()).Should().Equal(
            $"Add[{string.Join(",", ids)}]",
            "GetMembers[1]",
            $"Add[{string.Join(",", ids.Where((_, i) => i is not 2 and not 5))}]");
        _fx.ShouldHaveBoundEachIdAtMostOnce();
    }

    [Fact]
    public async Task AddUsersToGroupAsync_TenPercentScatteredMembersWithAutoPrefetch_PrefetchesOnceAndStaysNearTheMinimum()
    {
        var ids = Ids(1000);
        var existing = ids.Where((_, i) => i % 10 == 3).ToHashSet();
        _fx.Members.UnionWith(existing);

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, ids, new BulkOptions { MaxConcurrency = 4 });

        result.AllSucceeded.Should().BeTrue();
        result.Items.Should().OnlyContain(i => i.Result.Value!.Outcome == (existing.Contains(i.Input) ? MembershipOutcome.AlreadyMember : MembershipOutcome.Added));
        _fx.CallsTo("GetMembers").Should().ContainSingle().Which.Ids.Should().Equal(new[] { "12" }, "50 chunks: a quarter of them in pages");
        _fx.CallsTo("Add").Should().HaveCount(51, "only the probe fails; once the members are known no chunk holds one");
        _fx.Calls.Count(c => c.Method != "Add").Should().BeLessThanOrEqualTo(1 + 4 + 1 + 3 + 1, "with the group read: reads, probe, its resend, three $batch requests");
        _fx.ShouldHaveBoundEachIdAtMostOnce().Should().BeEquivalentTo(ids.Except(existing));
    }

    [Fact]
    public async Task AddUsersToGroupAsync_AlwaysPrefetch_ReadsMembersFirstAndNeverBindsAMember()
    {
        var ids = Ids(45);
        _fx.Members.UnionWith([ids[0], ids[21], ids[44]]);

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, ids, Sequential with { MemberPrefetch = MemberPrefetch.Always });

        result.AllSucceeded.Should().BeTrue();
        result.Items.Count(i => i.Result.Value!.Outcome == MembershipOutcome.AlreadyMember).Should().Be(3);
        var calls = _fx.Calls.Where(c => c.Method is "Add" or "GetMembers").ToList();
        calls[0].ToString().Should().Be($"GetMembers[{int.MaxValue}]");
        calls.Skip(1).Should().OnlyContain(c => c.Method == "Add" && c.Succeeded == true);
        calls.Skip(1).Select(c => c.Ids.Count).Should().Equal(19, 19, 4);
        _fx.ShouldHaveBoundEachIdAtMostOnce().Should().NotContain([ids[0], ids[21], ids[44]]);
    }

    [Fact]
    public async Task AddUsersToGroupAsync_AutoPrefetchReadFails_FallsBackToSplittingWithExactOutcomes()
    {
        var ids = Ids(4);
        _fx.Members.Add(ids[1]);
        _fx.MemberRead = EntraActionResult.Failure<GroupMemberIds>(GraphError(EntraErrorKind.Forbidden, 403, "Authorization_RequestDenied"));

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, ids, Sequential);

        result.Items.Select(i => i.Result.Value!.Outcome).Should().Equal(
            MembershipOutcome.Added, MembershipOutcome.AlreadyMember, MembershipOutcome.Added, MembershipOutcome.Added);
        _fx.Calls.Where(c => c.Method is "Add" or "GetMembers").Select(c => c.Method == "Add" ? string.Join(",", c.Ids.Select(id => ids.IndexOf(id))) : c.Method)
            .Should().Equal("0,1,2,3", "GetMembers", "0,1", "2,3", "0", "1");
        _fx.ShouldHaveBoundEachIdAtMostOnce();
    }

    [Fact]
    public async Task AddUsersToGroupAsync_UserMissingAtWriteTime_ThatItemNotFoundOthersAdded()
    {
        var ids = Ids(6);
        _fx.VanishBeforeWrite.Add(ids[4]);

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, ids, Sequential with { MemberPrefetch = MemberPrefetch.Never });

        result.Items.Select(i => i.Result.Succeeded).Should().Equal(true, true, true, true, false, true);
        result.Items[4].Result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Items[4].Result.Error!.Message.Should().Be($"User '{ids[4]}' was not found.");
        result.Items.Where(i => i.Result.Succeeded).Should().OnlyContain(i => i.Result.Value!.Outcome == MembershipOutcome.Added);
        _fx.CallsTo("Add").Select(c => string.Join(",", c.Ids.Select(id => ids.IndexOf(id)))).Should().Equal("0,1,2,3,4,5", "0,1,2", "3,4,5", "3", "4,5", "4", "5");
        _fx.CallsTo("AddBatch").Should().HaveCount(3, "each round of halves shares one $batch");
        _fx.ShouldHaveBoundEachIdAtMostOnce().Should().BeEquivalentTo(ids.Except([ids[4]]));
        _fx.CallsTo("GetMembers").Should().BeEmpty("a 404 is no reason to read the members");
    }

    [Theory]
    [InlineData(EntraErrorKind.Forbidden, 403, "Authorization_RequestDenied")]
    [InlineData(EntraErrorKind.Throttled, 429, "TooManyRequests")] // a lone PATCH: the pipeline already retried it
    [InlineData(EntraErrorKind.ServiceError, 503, "serviceNotAvailable")]
    [InlineData(EntraErrorKind.ServiceError, 500, "generalException")]
    [InlineData(EntraErrorKind.InvalidInput, 400, "Request_BadRequest")]
    [InlineData(EntraErrorKind.NotFound, 404, "Request_UnsupportedQuery")]
    public async Task AddUsersToGroupAsync_ChunkFailsForNoItemInParticular_WholeChunkFailsWithThatKindWithoutSplitting(EntraErrorKind kind, int status, string code)
    {
        var ids = Ids(21);
        var failing = ids.Take(20).ToHashSet();
        _fx.Add = chunk => chunk.Any(failing.Contains)
            ? EntraActionResult.Failure<MembershipOutcome>(GraphError(kind, status, code))
            : EntraActionResult.Success(MembershipOutcome.Added);

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, ids, Sequential);

        result.Items.Take(20).Should().OnlyContain(i => i.Result.Error!.Kind == kind && i.Result.Error.StatusCode == status && i.Result.Error.RequestId == RequestId);
        result.Items[20].Result.Value!.Outcome.Should().Be(MembershipOutcome.Added, "other chunks are unaffected");
        _fx.CallsTo("Add").Select(c => c.Ids.Count).Should().Equal(20, 1);
        _fx.CallsTo("GetMembers").Should().BeEmpty();
    }

    [Fact]
    public async Task AddUsersToGroupAsync_ThrottledBatchSteps_OnlyThoseChunksResentAfterTheLargestRetryAfter()
    {
        var ids = Ids(100); // the probe alone, then four chunks in one $batch
        var sent = new List<(DateTimeOffset At, int First)>();
        var throttledOnce = new HashSet<string>();
        _fx.AddStep = chunk =>
        {
            lock (sent)
            {
                sent.Add((_fx.Time.GetUtcNow(), ids.IndexOf(chunk[0])));
            }

            // The chunks starting at 40 and 80 are throttled once, with different Retry-After values.
            return (chunk[0] == ids[40] || chunk[0] == ids[80]) && throttledOnce.Add(chunk[0])
                ? EntraActionResult.Failure<MembershipOutcome>(Throttled(chunk[0] == ids[40] ? 1 : 3))
                : _fx.Model(chunk);
        };

        var result = await _fx.WithTimeAdvancingAsync(_fx.Create().AddUsersToGroupAsync(GroupId, ids, Sequential));

        result.AllSucceeded.Should().BeTrue();
        result.Items.Should().OnlyContain(i => i.Result.Value!.Outcome == MembershipOutcome.Added, "a resent chunk that was not applied is simply added");
        _fx.CallsTo("AddBatch").Select(c => c.Ids.Count).Should().Equal([4, 2], "only the two throttled chunks are resent, together");
        sent.Select(s => s.First).Should().Equal(20, 40, 60, 80, 40, 80);
        (sent[4].At - sent[0].At).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(3), "the resend waits for the largest Retry-After");
        _fx.ShouldHaveBoundEachIdAtMostOnce().Should().BeEquivalentTo(ids);
    }

    [Fact]
    public async Task AddUsersToGroupAsync_ThrottledStepAppliedAnyway_ResendIsReportedAlreadyMemberAndNothingIsWrittenTwice()
    {
        // Graph may apply a write it answered 429: the resend then fails "already exist" whole.
        var ids = Ids(60);
        _fx.ThrottleOnceButApply(chunk => chunk[0] == ids[20]);

        var result = await _fx.WithTimeAdvancingAsync(_fx.Create().AddUsersToGroupAsync(GroupId, ids, Sequential));

        result.AllSucceeded.Should().BeTrue();
        result.Items.Skip(20).Take(20).Should().OnlyContain(i => i.Result.Value!.Outcome == MembershipOutcome.AlreadyMember);
        result.Items.Take(20).Concat(result.Items.Skip(40)).Should().OnlyContain(i => i.Result.Value!.Outcome == MembershipOutcome.Added);
        _fx.Members.Should().BeEquivalentTo(ids);
        _fx.CallsTo("GetMembers").Should().ContainSingle("the resend's refusal teaches the members");
    }

    [Theory]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(424)]
    public async Task AddUsersToGroupAsync_UnavailableBatchStep_ResentAloneLikeTheSingleActionsRetry(int status)
    {
        var ids = Ids(60);
        var failedOnce = false;
        _fx.AddStep = chunk =>
        {
            if (chunk[0] == ids[40] && !failedOnce)
            {
                failedOnce = true;
                return EntraActionResult.Failure<MembershipOutcome>(GraphError(EntraErrorKind.ServiceError, status, "serviceNotAvailable"));
            }

            return _fx.Model(chunk);
        };

        var result = await _fx.WithTimeAdvancingAsync(_fx.Create().AddUsersToGroupAsync(GroupId, ids, Sequential));

        result.AllSucceeded.Should().BeTrue();
        _fx.CallsTo("Add").Select(c => ids.IndexOf(c.Ids[0])).Should().Equal(0, 20, 40, 40);
        _fx.ShouldHaveBoundEachIdAtMostOnce().Should().BeEquivalentTo(ids);
    }

    [Fact]
    public async Task AddUsersToGroupAsync_ThrottledWriteAppliedWhileMembersWereKnown_ResendsRefusalIsReadAsAddedWithoutSplitting()
    {
        // The probe teaches the (complete) member list; then the chunk 20-39 is answered 429 but applied.
        var ids = Ids(60);
        _fx.Members.Add(ids[0]);
        _fx.ThrottleOnceButApply(chunk => chunk[0] == ids[20]);

        var result = await _fx.WithTimeAdvancingAsync(_fx.Create().AddUsersToGroupAsync(GroupId, ids, Sequential));

        result.Items[0].Result.Value!.Outcome.Should().Be(MembershipOutcome.AlreadyMember);
        result.Items.Skip(1).Should().OnlyContain(i => i.Result.Value!.Outcome == MembershipOutcome.Added, "the throttled write was this call's own");
        _fx.CallsTo("Add").Select(c => ids.IndexOf(c.Ids[0])).Should().Equal([0, 1, 20, 40, 20], "the refused resend is not split into more writes");
        _fx.CallsTo("GetMembers").Should().HaveCount(2, "once for the probe, once afresh after the applied 429");
    }

    [Fact]
    public async Task AddUsersToGroupAsync_CancelledWhileReadingMembersAfterARefusal_StepsGraphAlreadyAnsweredKeepTheirResults()
    {
        using var cts = new CancellationTokenSource();
        var ids = Ids(60);
        _fx.Members.Add(ids[25]); // the probe (0-19) succeeds; in the next $batch, 20-39 is refused whole and 40-59 is added
        _fx.Bulk.Setup(b => b.GetGroupMemberIdsAsync(BulkFixture.GroupOid, It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .Returns((ObjectId _, int _, CancellationToken _) =>
            {
                cts.Cancel();
                return Task.FromCanceled<EntraActionResult<GroupMemberIds>>(cts.Token);
            });

        var act = () => _fx.Create().AddUsersToGroupAsync(GroupId, ids, Sequential, cts.Token);

        var items = (await act.Should().ThrowAsync<BulkOperationCanceledException<MembershipChange>>()).Which.PartialResult.Items;
        items.Take(20).Concat(items.Skip(40)).Should().OnlyContain(i => i.Result.Value!.Outcome == MembershipOutcome.Added, "Graph answered those writes before the cancellation");
        items.Skip(20).Take(20).Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.Cancelled);
    }

    [Fact]
    public async Task AddUsersToGroupAsync_ThrottleBudgetIsPerChunk_AChunkThrottledForTheFirstTimeLaterIsStillResent()
    {
        var ids = Ids(60);
        _fx.Members.Add(ids[25]); // 20-39 is refused and split; its half 20-29 is then throttled for the first time
        var throttledOnce = new HashSet<string>();
        _fx.AddStep = chunk => (chunk[0] == ids[0] || chunk[0] == ids[20] && chunk.Count == 10) && throttledOnce.Add(chunk[0])
            ? EntraActionResult.Failure<MembershipOutcome>(Throttled(1))
            : _fx.Model(chunk);

        var result = await _fx.WithTimeAdvancingAsync(_fx.Create().AddUsersToGroupAsync(
            GroupId, ids, Sequential with { MemberPrefetch = MemberPrefetch.Never, MaxStepRetries = 1 }));

        result.AllSucceeded.Should().BeTrue("each chunk has its own budget of one resend");
        result.Items[25].Result.Value!.Outcome.Should().Be(MembershipOutcome.AlreadyMember);
        throttledOnce.Should().HaveCount(2);
        _fx.ShouldHaveBoundEachIdAtMostOnce().Should().BeEquivalentTo(ids.Where((_, i) => i != 25));
    }

    [Fact]
    public async Task AddUsersToGroupAsync_RetryAfterBeyondMaxRetryDuration_GivenUpAndTheConnectionPausedNoLongerThanMaxRetryDuration()
    {
        var ids = Ids(60);
        _fx.AddStep = chunk => chunk[0] == ids[40] ? EntraActionResult.Failure<MembershipOutcome>(Throttled(3600)) : _fx.Model(chunk);
        var start = _fx.Time.GetUtcNow();

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, ids, Sequential);

        result.Items.Skip(40).Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.Throttled, "an hour's wait exceeds MaxRetryDuration");
        _fx.Gate.ResumeAt.Should().BeAfter(start, "the quota is spent: the connection's other work waits too")
            .And.BeOnOrBefore(start + _fx.Options.MaxRetryDuration, "but never longer than MaxRetryDuration, as the HTTP pipeline does");
    }

    [Fact]
    public async Task AddUsersToGroupAsync_ChunkThrottledYetAppliedInTheRoundOfAMemberRead_StillReportedAdded()
    {
        // Round 1: Y (20-39) answered 429 but applied; X (40-59) answered 429, not applied. Round 2: Y's resend is refused (its
        // users are there), which re-reads the members; X's resend is answered 429 again, this time applied. Round 3 must see
        // from that read that X's write landed: Added, not "already a member".
        var ids = Ids(60);
        _fx.Members.Add(ids[0]); // the probe is refused, so the members are fully known before Y and X are first sent
        var sends = new Dictionary<string, int>();
        _fx.AddStep = chunk =>
        {
            var n = sends[chunk[0]] = sends.GetValueOrDefault(chunk[0]) + 1;
            if ((chunk[0] == ids[20] && n == 1) || (chunk[0] == ids[40] && n == 2))
            {
                _fx.Model(chunk).Succeeded.Should().BeTrue();
                return EntraActionResult.Failure<MembershipOutcome>(Throttled(1));
            }

            return chunk[0] == ids[40] && n == 1 ? EntraActionResult.Failure<MembershipOutcome>(Throttled(1)) : _fx.Model(chunk);
        };

        var result = await _fx.WithTimeAdvancingAsync(_fx.Create().AddUsersToGroupAsync(GroupId, ids, Sequential));

        result.Items.Skip(1).Should().OnlyContain(i => i.Result.Value!.Outcome == MembershipOutcome.Added, "both throttled writes were this call's own");
        sends[ids[40]].Should().Be(2, "X is not written a third time once the member read shows it");
        _fx.CallsTo("GetMembers").Should().HaveCount(2, "once for the probe, once afresh after Y's resend was refused");
    }

    [Fact]
    public async Task AddUsersToGroupAsync_ThrottledYetAppliedUnderPrefetchNever_NoMemberReadTheChunkIsSplitAndNothingWrittenTwice()
    {
        var ids = Ids(40);
        _fx.ThrottleOnceButApply(chunk => chunk[0] == ids[20]);

        var result = await _fx.WithTimeAdvancingAsync(_fx.Create().AddUsersToGroupAsync(GroupId, ids, Sequential with { MemberPrefetch = MemberPrefetch.Never }));

        result.AllSucceeded.Should().BeTrue();
        result.Items.Skip(20).Should().OnlyContain(i => i.Result.Value!.Outcome == MembershipOutcome.AlreadyMember, "without a member read, the split finds them there");
        _fx.CallsTo("GetMembers").Should().BeEmpty("Never means never");
        _fx.ShouldHaveBoundEachIdAtMostOnce().Should().BeEquivalentTo(ids.Take(20), "the throttled write applied the rest; nothing is bound twice");
    }

    [Fact]
    public async Task AddUsersToGroupAsync_LoneUserThrottledYetApplied_ReportedAdded()
    {
        var ids = Ids(41); // the probe (refused: 0 is a member), then 20-39 and the lone 40 in one $batch
        _fx.Members.Add(ids[0]);
        _fx.ThrottleOnceButApply(chunk => chunk.Count == 1);

        var result = await _fx.WithTimeAdvancingAsync(_fx.Create().AddUsersToGroupAsync(GroupId, ids, Sequential));

        result.Items[40].Result.Value!.Outcome.Should().Be(MembershipOutcome.Added, "the members were known without it, so the throttled write landed");
        _fx.CallsTo("Add").Count(c => c.Ids.Count == 1).Should().Be(2, "the lone user's write was throttled once, then answered 'already there'");
    }

    [Fact]
    public async Task AddUsersToGroupAsync_GroupReReadThrottledAfterA404_ItemsFailButNoCallError()
    {
        _fx.Directory.SetupSequence(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(SecurityGroup()))
            .ReturnsAsync(EntraActionResult.Failure<EntraGroup>(Throttled(5)));
        _fx.Add = _ => EntraActionResult.Failure<MembershipOutcome>(NotFound());

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, Ids(5), Sequential);

        result.Items.Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.Throttled);
        result.CallError.Should().BeNull("the group was not found gone, only unreadable for now");
    }

    [Fact]
    public async Task AddUsersToGroupAsync_StepThrottledPastMaxStepRetries_ThoseItemsFailThrottledOthersAdded()
    {
        var ids = Ids(60);
        _fx.AddStep = chunk => chunk[0] == ids[40] ? EntraActionResult.Failure<MembershipOutcome>(Throttled(2)) : _fx.Model(chunk);

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, ids, Sequential with { MaxStepRetries = 0 });

        result.Items.Take(40).Should().OnlyContain(i => i.Result.Value!.Outcome == MembershipOutcome.Added);
        result.Items.Skip(40).Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.Throttled && i.Result.Error.RetryAfter == TimeSpan.FromSeconds(2));
        _fx.CallsTo("AddBatch").Should().ContainSingle("no resend is allowed");
    }

    [Fact]
    public async Task AddUsersToGroupAsync_Forbidden_MessageNamesUserGroupAndWritePermission()
    {
        _fx.Add = _ => EntraActionResult.Failure<MembershipOutcome>(GraphError(EntraErrorKind.Forbidden, 403, "Authorization_RequestDenied"));

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, [Id(1)]);

        result.Items[0].Result.Error!.Message.Should().Contain($"Adding user '{Id(1)}' to group '{GroupId}' was refused").And.Contain("GroupMember.ReadWrite.All");
    }

    [Fact]
    public async Task AddUsersToGroupAsync_EmptyInput_ReturnsNoItemsAndSendsNothing()
    {
        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, []);

        result.Items.Should().BeEmpty();
        result.AllSucceeded.Should().BeTrue();
        _fx.Calls.Should().BeEmpty();
        _fx.Directory.VerifyNoOtherCalls();
    }
    [Fact]
    public async Task AddUsersToGroupAsync_EveryWriteUnauthorized_CallErrorIsUnauthorized()
    {
        _fx.Add = _ => EntraActionResult.Failure<MembershipOutcome>(GraphError(EntraErrorKind.Unauthorized, 401, "InvalidAuthenticationToken"));

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, Ids(45), Sequential);

        result.Items.Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.Unauthorized);
        result.CallError!.Kind.Should().Be(EntraErrorKind.Unauthorized, "the call failed as a whole: it could not authenticate");
    }
}
