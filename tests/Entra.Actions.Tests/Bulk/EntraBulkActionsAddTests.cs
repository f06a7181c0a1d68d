using Moq;
using static Entra.Actions.Tests.Bulk.BulkFixture;
using static Entra.Actions.Tests.TestData;

namespace Entra.Actions.Tests.Bulk;

public class EntraBulkActionsAddTests
{
    private static readonly BulkOptions Sequential = new() { MaxConcurrency = 1 };
    private readonly BulkFixture _fx = new();

    private void VerifyNoWrite() =>
        _fx.Bulk.Verify(b => b.AddGroupMembersAsync(It.IsAny<string>(), It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()), Times.Never);

    [Theory]
    [InlineData(1, new[] { 1 })]
    [InlineData(19, new[] { 19 })]
    [InlineData(20, new[] { 20 })]
    [InlineData(21, new[] { 20, 1 })]
    [InlineData(40, new[] { 20, 20 })]
    [InlineData(41, new[] { 20, 20, 1 })]
    public async Task AddUsersToGroupAsync_ChunkBoundary_BindsInChunksOfAtMostTwentyInInputOrder(int count, int[] expectedSizes)
    {
        var ids = Ids(count);

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, ids, Sequential);

        result.AllSucceeded.Should().BeTrue();
        result.Items.Select(i => i.Result.Value!.Outcome).Should().AllBeEquivalentTo(MembershipOutcome.Added);
        _fx.CallsTo("Add").Select(c => c.Ids.Count).Should().Equal(expectedSizes);
        _fx.CallsTo("Add").SelectMany(c => c.Ids).Should().Equal(ids, "each id is bound once, in input order");
        _fx.CallsTo("GetUsers").Select(c => c.Ids.Count).Should().Equal(expectedSizes, "users are read 20 per $batch before they are bound");
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
        _fx.Directory.Verify(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task AddUsersToGroupAsync_VerifyUsersOff_BindsObjectIdsWithoutReadingThem()
    {
        var ids = Ids(41);

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, ids, Sequential with { VerifyUsers = false });

        result.AllSucceeded.Should().BeTrue();
        _fx.CallsTo("GetUsers").Should().BeEmpty("the caller vouched that every object id is a user");
        _fx.CallsTo("Add").Select(c => c.Ids.Count).Should().Equal(20, 20, 1);
        _fx.Members.Should().BeEquivalentTo(ids);
    }

    [Fact]
    public async Task AddUsersToGroupAsync_VerifyUsersOn_ReadsEveryUserBeforeBinding()
    {
        var ids = Ids(3);

        await _fx.Create().AddUsersToGroupAsync(GroupId, ids, Sequential);

        _fx.CallsTo("GetUsers").SelectMany(c => c.Ids).Should().Equal(ids);
        BulkOptions.Default.VerifyUsers.Should().BeTrue("verification is the safe default");
    }

    [Fact]
    public async Task AddUsersToGroupAsync_OneThousandUsersConcurrently_BindsFiftyChunksOfTwentyEachIdOnce()
    {
        var ids = Ids(1000);

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, ids, new BulkOptions { MaxConcurrency = 8 });

        result.AllSucceeded.Should().BeTrue();
        result.SucceededCount.Should().Be(1000);
        var adds = _fx.CallsTo("Add");
        adds.Should().HaveCount(50).And.OnlyContain(c => c.Ids.Count == 20);
        adds.SelectMany(c => c.Ids).Should().BeEquivalentTo(ids).And.OnlyHaveUniqueItems();
        _fx.CallsTo("GetUsers").Should().HaveCount(50).And.OnlyContain(c => c.Ids.Count == 20);
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
        _fx.CallsTo("GetUsers").SelectMany(c => c.Ids).Should().Equal([Id(1), Upn, Id(2), Id(3)], "spellings of one input are read once");
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
        _fx.CallsTo("GetUsers").SelectMany(c => c.Ids).Should().NotContain(GuestUpn, "'#' cannot travel in a $batch step URL");
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
            "0,1,2,3,4,5,6,7", "0,1,2,3", "4,5,6,7", "4,5", "4", "5", "6,7");
        _fx.ShouldHaveBoundEachIdAtMostOnce().Should().BeEquivalentTo(ids);
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
        _fx.CallsTo("Add").Should().HaveCountLessThanOrEqualTo(50 + 4, "only the chunks in flight before the members were known fail once");
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
            .Should().Equal("0,1,2,3", "GetMembers", "0,1", "0", "1", "2,3");
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
        _fx.ShouldHaveBoundEachIdAtMostOnce().Should().BeEquivalentTo(ids.Except([ids[4]]));
        _fx.CallsTo("GetMembers").Should().BeEmpty("a 404 is no reason to read the members");
    }

    [Theory]
    [InlineData(EntraErrorKind.Forbidden, 403, "Authorization_RequestDenied")]
    [InlineData(EntraErrorKind.Throttled, 429, "TooManyRequests")]
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
}
