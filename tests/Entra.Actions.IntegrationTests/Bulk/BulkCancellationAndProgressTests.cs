using Entra.Actions.IntegrationTests.Support;

namespace Entra.Actions.IntegrationTests.Bulk;

public abstract class BulkCancellationAndProgressTests : BulkEmulatorTestBase
{
    // 500 users, one round trip at a time: the probe (20), then a $batch of 20 chunks (400), then one of 4 chunks (80).
    [Theory]
    [InlineData(20, 20, 0)]
    [InlineData(40, 420, 1)]
    public async Task AddUsersToGroupAsync_CancelledFromProgress_PartialResultMatchesTheDirectoryExactly(int cancelAt, int added, int writeBatches)
    {
        var ids = SeedUsers(500);
        using var cts = new CancellationTokenSource();
        var progress = new RecordingProgress(p =>
        {
            if (p.Completed == cancelAt)
            {
                cts.Cancel();
            }
        });
        var bulk = Bulk();
        var before = Emulator.Journal.Count;

        var act = () => bulk.AddUsersToGroupAsync(Group, ids, new BulkOptions { MaxConcurrency = 1, Progress = progress }, cts.Token);

        var exception = (await act.Should().ThrowAsync<BulkOperationCanceledException<MembershipChange>>()).Which;
        exception.Should().BeAssignableTo<OperationCanceledException>();
        var items = exception.PartialResult.Items;
        items.Select(i => i.Input).Should().Equal(ids);
        items.Take(added).Should().OnlyContain(i => i.Result.Succeeded && i.Result.Value!.Outcome == MembershipOutcome.Added, "the round trip that answered keeps all its results");
        items.Skip(added).Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.Cancelled);
        Members().Should().BeEquivalentTo(ids.Take(added), "the directory agrees with every item claimed done, and nothing else was written");
        Requests(before).Count(r => r.Method == "PATCH").Should().Be(1, "the probe");
        Batches("PATCH", before).Select(b => BatchStepMethods(b).Count).Should().Equal(Enumerable.Repeat(20, writeBatches), "no round trip starts after cancellation");
        ShouldHaveBoundEachIdAtMostOnce(before).Should().BeEquivalentTo(ids.Take(added));
    }

    [Fact]
    public async Task AddUsersToGroupAsync_CancelledWithConcurrentBatches_EveryClaimedItemIsInTheDirectory()
    {
        // 2,000 users: the probe (20), then 99 chunks in five $batches (20, 20, 20, 20, 19 chunks), four in flight at once.
        var ids = SeedUsers(2000);
        using var cts = new CancellationTokenSource();
        var progress = new RecordingProgress(p =>
        {
            if (p.Completed >= 100)
            {
                cts.Cancel();
            }
        });
        var bulk = Bulk();
        var before = Emulator.Journal.Count;

        var act = () => bulk.AddUsersToGroupAsync(Group, ids, new BulkOptions { MaxConcurrency = 4, Progress = progress }, cts.Token);

        var items = (await act.Should().ThrowAsync<BulkOperationCanceledException<MembershipChange>>()).Which.PartialResult.Items;
        var members = Members();
        var claimed = items.Where(i => i.Result.Succeeded).Select(i => i.Input).ToList();
        var cancelled = items.Where(i => !i.Result.Succeeded).ToList();
        items.Where(i => i.Result.Succeeded).Should().OnlyContain(i => i.Result.Value!.Outcome == MembershipOutcome.Added);
        cancelled.Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.Cancelled && i.Result.Error.Message.Contains("Graph may have applied it", StringComparison.Ordinal));
        claimed.Should().Contain(ids.Take(20), "the probe answered before any $batch was sent");
        claimed.Should().HaveCountGreaterThanOrEqualTo(420);
        ((claimed.Count - 20) % 400).Should().Be(0, "a $batch that answered keeps all 20 of its chunks");
        members.Should().Contain(claimed, "every item claimed Added is a member");
        var unclaimed = members.Except(claimed).ToList();
        unclaimed.Should().BeSubsetOf(cancelled.Select(i => i.Input), "anything else written was in flight and is reported Cancelled");
        (unclaimed.Count % 20).Should().Be(0, "each chunk is written whole or not at all");
        unclaimed.Count.Should().BeLessThanOrEqualTo(3 * 400, "at most the other $batches in flight");
        Batches("PATCH", before).Should().HaveCountLessThanOrEqualTo(4, "the fifth $batch never starts");
        Binds(before).SelectMany(BoundIds).Should().NotIntersectWith(ids.Skip(20 + (4 * 400)), "the fifth $batch's users are never sent");
        ShouldHaveBoundEachIdAtMostOnce(before);
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_CancelledFromProgress_PartialResultMatchesTheDirectoryExactly()
    {
        var ids = SeedUsers(100);
        AddMembers(ids);
        using var cts = new CancellationTokenSource();
        var progress = new RecordingProgress(p =>
        {
            if (p.Completed == 25)
            {
                cts.Cancel();
            }
        });
        var bulk = Bulk();

        var act = () => bulk.RemoveMembersFromGroupAsync(Group, ids, new BulkOptions { MaxConcurrency = 1, Progress = progress }, cts.Token);

        var items = (await act.Should().ThrowAsync<BulkOperationCanceledException<MembershipChange>>()).Which.PartialResult.Items;
        items.Take(40).Should().OnlyContain(i => i.Result.Value!.Outcome == MembershipOutcome.Removed, "the $batch that answered keeps its results");
        items.Skip(40).Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.Cancelled);
        Members().Should().BeEquivalentTo(ids.Skip(40));
    }

    [Fact]
    public async Task LookupUsersAsync_CancelledFromProgress_ReportsTheUsersAlreadyRead()
    {
        var ids = SeedUsers(1000);
        using var cts = new CancellationTokenSource();
        var progress = new RecordingProgress(p =>
        {
            if (p.Completed == 20)
            {
                cts.Cancel();
            }
        });
        var before = Emulator.Journal.Count;

        var act = () => Bulk().LookupUsersAsync(ids, new BulkOptions { MaxConcurrency = 1, Progress = progress }, cts.Token);

        var items = (await act.Should().ThrowAsync<BulkOperationCanceledException<EntraUser>>()).Which.PartialResult.Items;
        items.Take(300).Select(i => i.Result.Value!.Id).Should().Equal(ids.Take(300), "the $batch that answered keeps its 300 users");
        items.Skip(300).Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.Cancelled);
        Requests(before).Select(Describe).Should().Equal(["$batch 20 GET"], "no round trip starts after cancellation");
    }

    [Fact]
    public async Task AddUsersToGroupAsync_Progress_MonotonicConsistentAndFinalCountsMatch()
    {
        var ids = SeedUsers(230);
        AddMembers(ids.Where((_, i) => i % 17 == 0));
        List<string> inputs = [.. ids, "..", ids[5].ToUpperInvariant(), Guid.NewGuid().ToString()];
        var progress = new RecordingProgress();

        var result = await Bulk().AddUsersToGroupAsync(Group, inputs, new BulkOptions { MaxConcurrency = 8, Progress = progress });

        var reports = progress.Reports;
        reports.Select(r => r.Completed).Should().Equal(Enumerable.Range(1, 233), "one report per item, the duplicate with its first occurrence");
        reports.Should().OnlyContain(r => r.Succeeded + r.Failed == r.Completed && r.Failed >= 0 && r.Total == 233);
        reports[^1].Should().Be(new BulkProgress(233, 233, 231, 2));
        result.SucceededCount.Should().Be(231);
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_Progress_MonotonicConsistentAndFinalCountsMatch()
    {
        var ids = SeedUsers(300);
        AddMembers(ids.Take(250));
        var progress = new RecordingProgress();

        await Bulk().RemoveMembersFromGroupAsync(Group, ids, new BulkOptions { MaxConcurrency = 16, Progress = progress });

        progress.Reports.Select(r => r.Completed).Should().Equal(Enumerable.Range(1, 300));
        progress.Reports.Select(r => r.Succeeded).Should().Equal(Enumerable.Range(1, 300));
        progress.Reports[^1].Should().Be(new BulkProgress(300, 300, 300, 0));
    }

    public sealed class InProcess : BulkCancellationAndProgressTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    public sealed class Kestrel : BulkCancellationAndProgressTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }
}
