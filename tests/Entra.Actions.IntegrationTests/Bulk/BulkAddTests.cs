using Entra.Actions.IntegrationTests.Support;

namespace Entra.Actions.IntegrationTests.Bulk;

public abstract class BulkAddTests : BulkEmulatorTestBase
{
    // Reads: ids in $batch requests of up to 20 filter steps of 15. Writes: chunks of 20; with more than one chunk the first
    // goes alone (the probe), then the rest 20 chunks per $batch, a group holding a single chunk going as a lone PATCH.
    [Theory]
    [InlineData(19, new[] { 2 }, 1)]
    [InlineData(20, new[] { 2 }, 1)]
    [InlineData(21, new[] { 2 }, 2)]
    [InlineData(41, new[] { 3 }, 1, 2)]
    [InlineData(421, new[] { 20, 9 }, 2, 20)]
    [InlineData(1000, new[] { 20, 20, 20, 7 }, 1, 20, 20, 9)]
    public async Task AddUsersToGroupAsync_NewUsers_GroupReadFilterReadsOf300PerBatchThenProbeAndTwentyChunksPerBatch(
        int count, int[] readStepsPerBatch, int lonePatches, params int[] writeStepsPerBatch)
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
        requests.Should().HaveCount(1 + readStepsPerBatch.Length + lonePatches + writeStepsPerBatch.Length, string.Join("\n", requests.Take(12).Select(Describe)));
        requests.Count(r => r.Method == "GET" && r.RawPath == $"/v1.0/groups/{Group}").Should().Be(1);
        Batches("GET", before).Select(b => BatchStepMethods(b).Count).Should().BeEquivalentTo(readStepsPerBatch);
        FilterReads(before).Should().HaveCount(readStepsPerBatch.Sum());
        ShouldHaveReadByFilter(before).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(ids, "every user is verified once, 15 per step");
        var patches = requests.Where(r => r.Method == "PATCH").ToList();
        patches.Should().HaveCount(lonePatches).And.OnlyContain(p => p.StatusCode == 204 && p.RawPath == $"/v1.0/groups/{Group}");
        Batches("PATCH", before).Select(b => BatchStepMethods(b).Count).Should().BeEquivalentTo(writeStepsPerBatch);
        var binds = Binds(before);
        binds.Should().HaveCount(Chunks(count), "one atomic write per chunk of 20").And.OnlyContain(b => b.StatusCode == 204 && b.RawPath == $"/v1.0/groups/{Group}");
        binds.Select(b => BoundIds(b).Count).Should().OnlyContain(n => n <= 20);
        ShouldHaveBoundEachIdAtMostOnce(before).Should().BeEquivalentTo(ids);
        Steps(before).Should().HaveCount(readStepsPerBatch.Sum() + writeStepsPerBatch.Sum());
        if (count > 20)
        {
            var probe = requests.FindIndex(r => r.Method == "PATCH");
            BoundIds(requests[probe]).Should().Equal(ids.Take(20), "the first chunk is sent alone, as the probe");
            requests.Take(probe).Should().NotContain(r => r.RawPath == "/v1.0/$batch" && BatchStepMethods(r).Contains("PATCH"), "nothing is written before the probe");
        }
    }

    [Theory]
    [InlineData(21, 2)]
    [InlineData(1000, 1, 20, 20, 9)]
    public async Task AddUsersToGroupAsync_WithGetByIds_ReadsUsersInOneRequestPerThousand(int count, int lonePatches, params int[] writeStepsPerBatch)
    {
        var ids = SeedUsers(count);
        var bulk = Bulk(WithDirectoryRead);
        var before = Emulator.Journal.Count;

        var result = await bulk.AddUsersToGroupAsync(Group, ids, new BulkOptions { UseGetByIds = true });

        result.AllSucceeded.Should().BeTrue();
        Members().Should().BeEquivalentTo(ids);
        var requests = Requests(before);
        requests.Should().HaveCount(1 + 1 + lonePatches + writeStepsPerBatch.Length);
        requests.Should().ContainSingle(r => r.RawPath == "/v1.0/directoryObjects/getByIds");
        requests.Count(r => r.Method == "PATCH").Should().Be(lonePatches);
        Batches("PATCH", before).Select(b => BatchStepMethods(b).Count).Should().BeEquivalentTo(writeStepsPerBatch);
        Steps(before).Should().HaveCount(writeStepsPerBatch.Sum()).And.NotContain(s => s.Method != "PATCH" || s.StatusCode != 204, "no user is read in a $batch");
        Binds(before).Should().HaveCount(Chunks(count));
        ShouldHaveBoundEachIdAtMostOnce(before).Should().BeEquivalentTo(ids);
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
        Requests(before).Select(Describe).Should().Equal(
            ["GET /groups/{group} 200", "$batch 1 GET", "$batch 1 GET", "PATCH /groups/{group} 204"],
            "group read, one $batch filtering the object ids, one filtering the userPrincipalNames, one bind");
        FilterReads(before).Should().ContainSingle("five object ids fit one step");
        ShouldHaveReadByFilter(before).Should().BeEquivalentTo([ids[0], ids[1], DemoTenant.HrTaskforceGroupId, missing, ids[2]], "each object id is read once, whatever its spelling");
        UpnFilterReads(before).Should().ContainSingle().Which.Should().Match<JournalEntry>(s => s.StatusCode == 200);
        FilteredUpns(UpnFilterReads(before)[0]).Should().BeEquivalentTo([upn, DemoTenant.AdeleVanceUpn], "each name is read once, whatever its case");
        Steps(before).Should().HaveCount(2);
        Steps(before).Select(s => s.RawPath + "?" + s.Query).Should().NotContain(p => p.Contains("..") || p.Contains("a/b"), "invalid items are never sent");
        Binds(before).SelectMany(BoundIds).Should().NotContain(DemoTenant.HrTaskforceGroupId, "a group's id is never bound, not even in a refused write");
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
        var requests = Requests(before).Select(Describe).ToList();
        var writeSteps = Steps(before).Where(s => s.Method == "PATCH").ToList();
        switch (prefetch)
        {
            case MemberPrefetch.Never:
                // No member read: the three chunks hold members, fail whole and are split in halves, breadth-first, every
                // half of a round in the next round's $batch, until each member is alone (400 read as AlreadyMember).
                requests.Should().Equal(
                    "GET /groups/{group} 200", "$batch 3 GET", "$batch 3 PATCH", "$batch 6 PATCH", "$batch 8 PATCH", "$batch 8 PATCH", "$batch 6 PATCH", "$batch 2 PATCH");
                writeSteps.Should().HaveCount(33);
                writeSteps.Count(s => s.StatusCode == 400).Should().Be(19, "3 + 4 + 4 + 3 + 1 refused chunks, and the 4 members alone");
                writeSteps.Where(s => s.StatusCode == 400 && BoundIds(s).Count == 1).SelectMany(BoundIds).Should().BeEquivalentTo(existing);
                break;
            case MemberPrefetch.Auto:
                // The probe fails on its two members; the members are read once; then nothing else is refused.
                requests.Should().Equal(
                    "GET /groups/{group} 200", "$batch 3 GET", "PATCH /groups/{group} 400", "GET /groups/{group}/members 200", "PATCH /groups/{group} 204", "$batch 2 PATCH");
                BoundIds(Requests(before)[2]).Should().Equal(ids.Take(20));
                BoundIds(Requests(before)[4]).Should().Equal(ids.Take(20).Except(existing));
                writeSteps.Should().HaveCount(2).And.OnlyContain(s => s.StatusCode == 204);
                break;
            case MemberPrefetch.Always:
                requests.Should().Equal("GET /groups/{group} 200", "$batch 3 GET", "GET /groups/{group}/members 200", "$batch 3 PATCH");
                writeSteps.Should().HaveCount(3).And.OnlyContain(s => s.StatusCode == 204, "no member is ever bound");
                break;
        }
    }

    [Fact]
    public async Task AddUsersToGroupAsync_TenPercentAlreadyMembersScattered_ExactOutcomesInEightRequests()
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
        var requests = Requests(before).Select(Describe).ToList();
        requests.Should().HaveCount(8, string.Join("\n", requests));
        requests.Take(5).Should().Equal(
            "GET /groups/{group} 200", "POST /directoryObjects/getByIds 200", "PATCH /groups/{group} 400", "GET /groups/{group}/members 200", "PATCH /groups/{group} 204");
        requests.Skip(5).Should().BeEquivalentTo("$batch 20 PATCH", "$batch 20 PATCH", "$batch 9 PATCH");
        Binds(before).Where(b => b.StatusCode != 204).Should().ContainSingle("only the probe is refused: the members are known before the rest is sent");
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
        // The lone chunk fails 404; the group is re-read once; then halves, breadth-first, until ids[11] is alone.
        Requests(before).Select(Describe).Should().Equal(
            "GET /groups/{group} 200", "$batch 2 GET", "PATCH /groups/{group} 404", "GET /groups/{group} 200", "$batch 2 PATCH", "$batch 2 PATCH", "$batch 2 PATCH", "$batch 2 PATCH");
        Binds(before).Where(b => b.StatusCode == 404).Select(b => BoundIds(b).Count).Should().Equal([20, 10, 5, 2, 1], "each refused write halves around ids[11]");
        ShouldHaveBoundEachIdAtMostOnce(before).Should().BeEquivalentTo(ids.Except([ids[11]]));
        ShouldHaveReadByFilter(before).Should().Contain(notAUser, "the group id is read as a user and not found, so it is never bound");
        Binds(before).SelectMany(BoundIds).Should().NotContain(notAUser);
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
    public async Task AddUsersToGroupAsync_ThrottledBatchWriteStep_OnlyThatChunkResentAloneAfterRetryAfterAndEachItemAddedOnce()
    {
        var ids = SeedUsers(60);

        // Rules apply in order: the first PATCH (the probe) passes; the next, step 0 of the $batch (ids 20..39), is throttled.
        var probe = Emulator.Faults.AddLatency(TimeSpan.Zero, 1, "PATCH", $"/groups/{Group}");
        var throttle = Emulator.Faults.FailNext(1, 429, "PATCH", $"/groups/{Group}", retryAfter: "0.3");
        var bulk = Bulk();
        var before = Emulator.Journal.Count;

        var result = await bulk.AddUsersToGroupAsync(Group, ids);

        (probe.Hits, throttle.Hits).Should().Be((1, 1));
        result.AllSucceeded.Should().BeTrue(string.Join("; ", result.Items.Where(i => !i.Result.Succeeded).Take(3)));
        result.Items.Select(i => i.Result.Value!.Outcome).Should().AllBeEquivalentTo(MembershipOutcome.Added);
        Members().Should().BeEquivalentTo(ids);
        var requests = Requests(before);
        requests.Select(Describe).Should().Equal(
            "GET /groups/{group} 200", "$batch 4 GET", "PATCH /groups/{group} 204", "$batch 2 PATCH", "PATCH /groups/{group} 204");
        var writeSteps = Steps(before).Where(s => s.Method == "PATCH").ToList();
        writeSteps.Select(s => s.StatusCode).Should().Equal(429, 204);
        BoundIds(writeSteps[0]).Should().Equal(ids.Skip(20).Take(20));
        BoundIds(requests[4]).Should().Equal(ids.Skip(20).Take(20), "only the throttled chunk is resent, and alone it is a plain PATCH");
        (requests[4].Timestamp - requests[3].Timestamp).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.3), "the chunk waits for its Retry-After");
        ShouldHaveBoundEachIdAtMostOnce(before).Should().BeEquivalentTo(ids);
    }

    [Fact]
    public async Task AddUsersToGroupAsync_TwoThrottledBatchWriteSteps_ResentTogetherAfterTheLargestRetryAfterAndEachItemAddedOnce()
    {
        var ids = SeedUsers(100);

        // In order: the probe passes, step 0 (ids 20..39) is throttled, step 1 passes, step 2 (ids 60..79) is throttled, step 3 is not matched.
        Emulator.Faults.AddLatency(TimeSpan.Zero, 1, "PATCH", $"/groups/{Group}");
        Emulator.Faults.FailNext(1, 429, "PATCH", $"/groups/{Group}", retryAfter: "0.1");
        Emulator.Faults.AddLatency(TimeSpan.Zero, 1, "PATCH", $"/groups/{Group}");
        Emulator.Faults.FailNext(1, 429, "PATCH", $"/groups/{Group}", retryAfter: "0.3");
        var bulk = Bulk();
        var before = Emulator.Journal.Count;

        var result = await bulk.AddUsersToGroupAsync(Group, ids);

        result.AllSucceeded.Should().BeTrue(string.Join("; ", result.Items.Where(i => !i.Result.Succeeded).Take(3)));
        result.Items.Select(i => i.Result.Value!.Outcome).Should().AllBeEquivalentTo(MembershipOutcome.Added);
        Members().Should().BeEquivalentTo(ids);
        var requests = Requests(before);
        requests.Select(Describe).Should().Equal(
            "GET /groups/{group} 200", "$batch 7 GET", "PATCH /groups/{group} 204", "$batch 4 PATCH", "$batch 2 PATCH");
        var writeSteps = Steps(before).Where(s => s.Method == "PATCH").ToList();
        writeSteps.Select(s => s.StatusCode).Should().Equal(429, 204, 429, 204, 204, 204);
        List<string> throttled = [.. ids.Skip(20).Take(20), .. ids.Skip(60).Take(20)];
        writeSteps.Where(s => s.StatusCode == 429).SelectMany(BoundIds).Should().Equal(throttled);
        writeSteps.Skip(4).SelectMany(BoundIds).Should().BeEquivalentTo(throttled, "only the throttled chunks are resent");
        (requests[4].Timestamp - requests[3].Timestamp).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.3), "the resend waits for the largest Retry-After");
        ShouldHaveBoundEachIdAtMostOnce(before).Should().BeEquivalentTo(ids);
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
