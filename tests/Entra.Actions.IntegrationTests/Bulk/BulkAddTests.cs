using Entra.Actions.IntegrationTests.Support;

namespace Entra.Actions.IntegrationTests.Bulk;

public abstract class BulkAddTests : BulkEmulatorTestBase
{
    [Theory]
    [InlineData(19)]
    [InlineData(20)]
    [InlineData(21)]
    [InlineData(1000)]
    public async Task AddUsersToGroupAsync_NewUsers_OneGroupReadThenOneBatchReadAndOneBindPerTwenty(int count)
    {
        var ids = SeedUsers(count);
        var bulk = Bulk();
        var before = Emulator.Journal.Count;

        var result = await bulk.AddUsersToGroupAsync(Group, ids);

        result.AllSucceeded.Should().BeTrue(string.Join("; ", result.Items.Where(i => !i.Result.Succeeded).Take(3)));
        result.Items.Select(i => i.Result.Value!.Outcome).Should().AllBeEquivalentTo(MembershipOutcome.Added);
        result.Items.Select(i => i.Result.Value!.MemberId).Should().Equal(ids);
        Members().Should().BeEquivalentTo(ids);
        var requests = Requests(before);
        requests.Should().HaveCount(1 + 2 * Chunks(count), string.Join("\n", requests.Take(10)));
        requests.Count(r => r.Method == "GET" && r.RawPath == $"/v1.0/groups/{Group}").Should().Be(1);
        requests.Count(r => r.Method == "POST" && r.RawPath == "/v1.0/$batch").Should().Be(Chunks(count));
        var patches = requests.Where(r => r.Method == "PATCH").ToList();
        patches.Should().HaveCount(Chunks(count)).And.OnlyContain(p => p.StatusCode == 204 && p.RawPath == $"/v1.0/groups/{Group}");
        patches.Select(p => BoundIds(p).Count).Should().OnlyContain(n => n <= 20);
        ShouldHaveBoundEachIdAtMostOnce(before).Should().BeEquivalentTo(ids);
        Steps(before).Should().HaveCount(count).And.OnlyContain(s => s.Method == "GET" && s.StatusCode == 200);
    }

    [Theory]
    [InlineData(21)]
    [InlineData(1000)]
    public async Task AddUsersToGroupAsync_WithGetByIds_ReadsUsersInOneRequestPerThousand(int count)
    {
        var ids = SeedUsers(count);
        var bulk = Bulk(WithDirectoryRead);
        var before = Emulator.Journal.Count;

        var result = await bulk.AddUsersToGroupAsync(Group, ids, new BulkOptions { UseGetByIds = true });

        result.AllSucceeded.Should().BeTrue();
        Members().Should().BeEquivalentTo(ids);
        var requests = Requests(before);
        requests.Should().HaveCount(1 + 1 + Chunks(count));
        requests.Should().ContainSingle(r => r.RawPath == "/v1.0/directoryObjects/getByIds");
        Steps(before).Should().BeEmpty();
    }

    [Fact]
    public async Task AddUsersToGroupAsync_MixedValidInvalidDuplicateAndNonUsers_EachOutcomeExactAndEachUserBoundOnce()
    {
        var ids = SeedUsers(3);
        var upn = Emulator.Directory.FindUser(ids[1])!.UserPrincipalName;
        var missing = Guid.NewGuid().ToString();
        string[] inputs =
        [
            ids[0], "..", ids[0].ToUpperInvariant(), upn, ids[1], DemoTenant.HrTaskforceGroupId, missing, "a/b@contoso.com", ids[2], upn.ToUpperInvariant(), DemoTenant.AdeleVanceUpn,
        ];
        var bulk = Bulk();
        var before = Emulator.Journal.Count;

        var result = await bulk.AddUsersToGroupAsync(Group, inputs);

        result.Items.Select(i => i.Input).Should().Equal(inputs);
        var kinds = result.Items.Select(i => i.Result.Succeeded ? i.Result.Value!.Outcome.ToString() : i.Result.Error!.Kind.ToString());
        kinds.Should().Equal("Added", "InvalidInput", "Added", "Added", "Added", "NotFound", "NotFound", "InvalidInput", "Added", "Added", "Added");
        result.Items.Select(i => i.IsDuplicate).Should().Equal(false, false, true, false, true, false, false, false, false, true, false);
        result.Items[5].Result.Error!.Message.Should().Contain(DemoTenant.HrTaskforceGroupId, "a group's id is not a user and is never bound");
        Members().Should().BeEquivalentTo([ids[0], ids[1], ids[2], DemoTenant.AdeleVanceId]);
        ShouldHaveBoundEachIdAtMostOnce(before).Should().BeEquivalentTo([ids[0], ids[1], ids[2], DemoTenant.AdeleVanceId]);
        Requests(before).Should().HaveCount(3, "group read, one $batch of user reads, one bind");
        Steps(before).Select(s => s.RawPath).Should().NotContain(p => p.Contains("..") || p.Contains("a/b"), "invalid items are never sent");
    }

    [Theory]
    [InlineData(MemberPrefetch.Never)]
    [InlineData(MemberPrefetch.Auto)]
    [InlineData(MemberPrefetch.Always)]
    public async Task AddUsersToGroupAsync_AlreadyMembersInChunks_ExactOutcomesAndNoIdWrittenTwice(MemberPrefetch prefetch)
    {
        var ids = SeedUsers(45);
        var existing = new[] { ids[3], ids[17], ids[30], ids[44] };
        AddMembers(existing);
        var bulk = Bulk();
        var before = Emulator.Journal.Count;

        var result = await bulk.AddUsersToGroupAsync(Group, ids, new BulkOptions { MemberPrefetch = prefetch, MaxConcurrency = 1 });

        result.AllSucceeded.Should().BeTrue(string.Join("; ", result.Items.Where(i => !i.Result.Succeeded).Take(3)));
        result.Items.Should().OnlyContain(i => i.Result.Value!.Outcome == (existing.Contains(i.Input) ? MembershipOutcome.AlreadyMember : MembershipOutcome.Added));
        Members().Should().BeEquivalentTo(ids);
        ShouldHaveBoundEachIdAtMostOnce(before).Should().BeEquivalentTo(ids.Except(existing));
        var requests = Requests(before);
        var memberReads = requests.Count(r => r.Method == "GET" && r.RawPath == $"/v1.0/groups/{Group}/members");
        var patches = requests.Where(r => r.Method == "PATCH").ToList();
        switch (prefetch)
        {
            case MemberPrefetch.Never:
                memberReads.Should().Be(0);
                patches.Should().Contain(p => p.StatusCode == 400, "chunks with a member fail and are split");
                break;
            case MemberPrefetch.Auto:
                memberReads.Should().Be(1, "the members are read once, on the first failed chunk");
                patches.Should().HaveCount(3 + 1, "only the first chunk fails before the members are known");
                patches[0].StatusCode.Should().Be(400);
                break;
            case MemberPrefetch.Always:
                memberReads.Should().Be(1);
                requests.FindIndex(r => r.RawPath.EndsWith("/members", StringComparison.Ordinal)).Should().BeLessThan(requests.FindIndex(r => r.Method == "PATCH"));
                patches.Should().HaveCount(3).And.OnlyContain(p => p.StatusCode == 204, "no member is ever bound");
                break;
        }
    }

    [Fact]
    public async Task AddUsersToGroupAsync_TenPercentAlreadyMembersScattered_ExactOutcomesWithinSeventyRequests()
    {
        var ids = SeedUsers(1000);
        var existing = ids.Where((_, i) => i % 10 == 3).ToHashSet();
        AddMembers(existing);
        var bulk = Bulk(WithDirectoryRead);
        var before = Emulator.Journal.Count;

        var result = await bulk.AddUsersToGroupAsync(Group, ids, new BulkOptions { UseGetByIds = true });

        result.AllSucceeded.Should().BeTrue();
        result.Items.Should().OnlyContain(i => i.Result.Value!.Outcome == (existing.Contains(i.Input) ? MembershipOutcome.AlreadyMember : MembershipOutcome.Added));
        Members().Should().HaveCount(1000);
        Requests(before).Should().HaveCountLessThanOrEqualTo(70);
        ShouldHaveBoundEachIdAtMostOnce(before).Should().BeEquivalentTo(ids.Except(existing));
    }

    [Fact]
    public async Task AddUsersToGroupAsync_UserDeletedBetweenReadAndBind_ThatItemNotFoundOthersAdded()
    {
        var ids = SeedUsers(20);
        var notAUser = DemoTenant.HrTaskforceGroupId;

        // The non-user fails at resolution, before any bind: its progress report is the moment to delete ids[11].
        var progress = new RecordingProgress(p =>
        {
            if (p.Completed == 1)
            {
                Emulator.Directory.DeleteObject(Guid.Parse(ids[11])).Should().BeTrue();
            }
        });
        var bulk = Bulk();
        var before = Emulator.Journal.Count;

        var result = await bulk.AddUsersToGroupAsync(Group, [notAUser, .. ids], new BulkOptions { Progress = progress, MemberPrefetch = MemberPrefetch.Never });

        result.Items[0].Result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Items[12].Result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Items[12].Result.Error!.Message.Should().Be($"User '{ids[11]}' was not found.");
        result.Items.Where((_, i) => i is not 0 and not 12).Should().OnlyContain(i => i.Result.Value!.Outcome == MembershipOutcome.Added);
        Members().Should().BeEquivalentTo(ids.Except([ids[11]]));
        Requests(before).Where(r => r.Method == "PATCH").Should().Contain(p => p.StatusCode == 404);
        ShouldHaveBoundEachIdAtMostOnce(before).Should().BeEquivalentTo(ids.Except([ids[11]]));
    }

    [Fact]
    public async Task AddUsersToGroupAsync_ThrottledBindThatWasApplied_EveryItemSucceedsAndDirectoryIsExact()
    {
        // Graph applied the first bind but answered 429; the pipeline resends it and learns the members are there.
        var ids = SeedUsers(25);
        var rule = Emulator.Faults.FailNext(1, 429, "PATCH", $"/groups/{Group}", retryAfter: "0.1", applyRequest: true);
        var bulk = Bulk();

        var result = await bulk.AddUsersToGroupAsync(Group, ids, new BulkOptions { MaxConcurrency = 1 });

        rule.Hits.Should().Be(1);
        result.AllSucceeded.Should().BeTrue(string.Join("; ", result.Items.Where(i => !i.Result.Succeeded).Take(3)));
        result.Items.Take(20).Should().OnlyContain(i => i.Result.Value!.Outcome == MembershipOutcome.AlreadyMember);
        result.Items.Skip(20).Should().OnlyContain(i => i.Result.Value!.Outcome == MembershipOutcome.Added);
        Members().Should().BeEquivalentTo(ids);
    }

    [Fact]
    public async Task AddUsersToGroupAsync_RefusedGroup_EveryItemFailsWithNoWrite()
    {
        var ids = SeedUsers(3);
        var before = Emulator.Journal.Count;

        var result = await Bulk().AddUsersToGroupAsync(DemoTenant.DynamicGroupId, ids);

        result.Items.Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.UnsupportedGroup);
        Requests(before).Should().ContainSingle().Which.Method.Should().Be("GET");
    }

    public sealed class InProcess : BulkAddTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    public sealed class Kestrel : BulkAddTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }
}
