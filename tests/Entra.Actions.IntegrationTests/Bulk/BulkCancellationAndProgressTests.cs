using Entra.Actions.IntegrationTests.Support;

namespace Entra.Actions.IntegrationTests.Bulk;

public abstract class BulkCancellationAndProgressTests : BulkEmulatorTestBase
{
    [Fact]
    public async Task AddUsersToGroupAsync_CancelledFromProgressAfterFortyItems_PartialResultMatchesTheDirectoryExactly()
    {
        var ids = SeedUsers(100);
        using var cts = new CancellationTokenSource();
        var progress = new RecordingProgress(p =>
        {
            if (p.Completed == 40)
            {
                cts.Cancel();
            }
        });
        var bulk = Bulk();

        var act = () => bulk.AddUsersToGroupAsync(Group, ids, new BulkOptions { MaxConcurrency = 1, Progress = progress }, cts.Token);

        var exception = (await act.Should().ThrowAsync<BulkOperationCanceledException<MembershipChange>>()).Which;
        exception.Should().BeAssignableTo<OperationCanceledException>();
        var items = exception.PartialResult.Items;
        items.Select(i => i.Input).Should().Equal(ids);
        items.Take(40).Should().OnlyContain(i => i.Result.Succeeded && i.Result.Value!.Outcome == MembershipOutcome.Added);
        items.Skip(40).Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.Cancelled);
        Members().Should().BeEquivalentTo(ids.Take(40), "the directory agrees with every item claimed done, and nothing else was written");
        Requests().Count(r => r.Method == "PATCH").Should().Be(2);
    }

    [Fact]
    public async Task AddUsersToGroupAsync_CancelledWithConcurrentChunks_EveryClaimedItemIsInTheDirectory()
    {
        var ids = SeedUsers(400);
        using var cts = new CancellationTokenSource();
        var progress = new RecordingProgress(p =>
        {
            if (p.Completed >= 100)
            {
                cts.Cancel();
            }
        });
        var bulk = Bulk();

        var act = () => bulk.AddUsersToGroupAsync(Group, ids, new BulkOptions { MaxConcurrency = 4, Progress = progress }, cts.Token);

        var items = (await act.Should().ThrowAsync<BulkOperationCanceledException<MembershipChange>>()).Which.PartialResult.Items;
        var members = Members();
        var claimed = items.Where(i => i.Result.Succeeded).Select(i => i.Input).ToList();
        claimed.Should().HaveCountGreaterThanOrEqualTo(100);
        items.Should().OnlyContain(i => i.Result.Succeeded || i.Result.Error!.Kind == EntraErrorKind.Cancelled);
        members.Should().Contain(claimed, "every item claimed Added is a member");
        members.Except(claimed).Should().BeSubsetOf(items.Where(i => !i.Result.Succeeded).Select(i => i.Input), "anything else written was in flight and is reported Cancelled");
        (members.Count - claimed.Count).Should().BeLessThanOrEqualTo(4 * 20, "at most the chunks in flight");
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
        var ids = SeedUsers(100);
        using var cts = new CancellationTokenSource();
        var progress = new RecordingProgress(p =>
        {
            if (p.Completed == 20)
            {
                cts.Cancel();
            }
        });

        var act = () => Bulk().LookupUsersAsync(ids, new BulkOptions { MaxConcurrency = 1, Progress = progress }, cts.Token);

        var items = (await act.Should().ThrowAsync<BulkOperationCanceledException<EntraUser>>()).Which.PartialResult.Items;
        items.Take(20).Select(i => i.Result.Value!.Id).Should().Equal(ids.Take(20));
        items.Skip(20).Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.Cancelled);
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
        reports.Select(r => r.Completed).Should().Equal(Enumerable.Range(1, 232), "one report per distinct item, in order");
        reports.Should().OnlyContain(r => r.Succeeded + r.Failed == r.Completed && r.Failed >= 0);
        reports[^1].Should().Be(new BulkProgress(232, 232, 230, 2));
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
