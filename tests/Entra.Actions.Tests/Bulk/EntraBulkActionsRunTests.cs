using Entra.Actions.Directory.Internal;
using Entra.Actions.Validation.Internal;
using Moq;
using static Entra.Actions.Tests.Bulk.BulkFixture;
using static Entra.Actions.Tests.TestData;

namespace Entra.Actions.Tests.Bulk;

/// <summary>What every bulk call shares: progress, cancellation with a partial result, and argument checks.</summary>
public class EntraBulkActionsRunTests
{
    private readonly BulkFixture _fx = new();

    private static void ShouldBeConsistent(IReadOnlyList<BulkProgress> reports, int total, int succeeded)
    {
        reports.Should().NotBeEmpty();
        reports.Select(r => r.Completed).Should().Equal(Enumerable.Range(1, total), "each report is one more item finished, duplicates included");
        reports.Should().OnlyContain(r => r.Succeeded + r.Failed == r.Completed && r.Succeeded >= 0 && r.Failed >= 0 && r.Total == total);
        reports.Select(r => r.Succeeded).Should().BeInAscendingOrder();
        reports.Select(r => r.Failed).Should().BeInAscendingOrder();
        reports[^1].Should().Be(new BulkProgress(total, total, succeeded, total - succeeded));
    }

    [Fact]
    public async Task AddUsersToGroupAsync_Progress_MonotonicAndFinalCountsMatchDistinctItems()
    {
        var ids = Ids(45);
        _fx.Members.Add(ids[7]);
        _fx.Missing.Add(ids[30]);
        List<string> inputs = [.. ids, "..", ids[0], ids[1].ToUpperInvariant()];
        var progress = new RecordingProgress();

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, inputs, new BulkOptions { MaxConcurrency = 1, Progress = progress });

        ShouldBeConsistent(progress.Reports, total: 48, succeeded: 46);
        result.SucceededCount.Should().Be(46, "two duplicates repeat successes");
        result.FailedCount.Should().Be(2);
    }

    [Fact]
    public async Task LookupUsersAsync_FiveInputsOneDuplicate_TotalIsFiveInEveryReportAndTheLastCompletesAll()
    {
        _fx.Missing.Add(Id(4));
        string[] inputs = [Id(1), Id(2), Id(3), Id(1).ToUpperInvariant(), Id(4)];
        var progress = new RecordingProgress();

        var result = await _fx.Create().LookupUsersAsync(inputs, new BulkOptions { MaxConcurrency = 1, Progress = progress });

        progress.Reports.Should().OnlyContain(r => r.Total == 5, "Total is how many items the call has, from the first report on");
        progress.Reports[^1].Should().Be(new BulkProgress(5, 5, 4, 1), "the duplicate completes with its first occurrence's success");
        result.Items[3].IsDuplicate.Should().BeTrue();
    }

    [Fact]
    public async Task AddUsersToGroupAsync_DuplicateOfAFailedItem_CountsAsFailedWhenThatItemCompletes()
    {
        _fx.Missing.Add(Id(2));
        var progress = new RecordingProgress();

        await _fx.Create().AddUsersToGroupAsync(GroupId, [Id(1), Id(2), Id(2).ToUpperInvariant()], new BulkOptions { Progress = progress });

        progress.Reports.Should().OnlyContain(r => r.Total == 3);
        progress.Reports[^1].Should().Be(new BulkProgress(3, 3, 1, 2));
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_ProgressWithConcurrentChunks_MonotonicAndConsistent()
    {
        var ids = Ids(1000);
        _fx.Members.UnionWith(ids.Take(900));
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var progress = new RecordingProgress();

            await _fx.Create().RemoveMembersFromGroupAsync(GroupId, ids, new BulkOptions { MaxConcurrency = 16, Progress = progress });

            ShouldBeConsistent(progress.Reports, total: 1000, succeeded: 1000);
        }
    }

    [Fact]
    public async Task LookupUsersAsync_ProgressWithConcurrentChunks_MonotonicAndConsistent()
    {
        var ids = Ids(1000);
        _fx.Missing.UnionWith(ids.Where((_, i) => i % 3 == 0));
        _fx.FindUsers = chunk =>
        {
            Thread.Yield();
            return [.. chunk.Select(id => _fx.Missing.Contains(id) ? EntraActionResult.Failure<EntraUser>(NotFound()) : EntraActionResult.Success(User(id)))];
        };

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var progress = new RecordingProgress();

            var result = await _fx.Create().LookupUsersAsync(ids, new BulkOptions { MaxConcurrency = 16, Progress = progress });

            ShouldBeConsistent(progress.Reports, total: 1000, succeeded: result.SucceededCount);
            result.SucceededCount.Should().Be(666);
        }
    }

    [Fact]
    public async Task LookupUsersAsync_Progress_ReportedAfterEachRoundTripNotAtTheEnd()
    {
        var progress = new RecordingProgress();
        var completedBeforeEachRead = new List<int>();
        _fx.FindUsers = chunk =>
        {
            completedBeforeEachRead.Add(progress.Reports.Count == 0 ? 0 : progress.Reports[^1].Completed);
            return [.. chunk.Select(id => EntraActionResult.Success(User(id)))];
        };

        await _fx.Create().LookupUsersAsync(Ids(700), new BulkOptions { MaxConcurrency = 1, Progress = progress });

        completedBeforeEachRead.Should().Equal(0, 300, 600);
        ShouldBeConsistent(progress.Reports, total: 700, succeeded: 700);
    }

    [Fact]
    public async Task AddUsersToGroupAsync_CancelledDuringAWrite_PartialResultClaimsOnlyCompletedWrites()
    {
        using var cts = new CancellationTokenSource();
        var ids = Ids(100);
        var writes = 0;
        _fx.Add = chunk =>
        {
            if (Interlocked.Increment(ref writes) == 3)
            {
                cts.Cancel();
                cts.Token.ThrowIfCancellationRequested(); // the write in flight is abandoned, as HttpClient does
            }

            _fx.Members.UnionWith(chunk);
            return EntraActionResult.Success(MembershipOutcome.Added);
        };

        var act = () => _fx.Create().AddUsersToGroupAsync(GroupId, [.. ids, ".."], new BulkOptions { MaxConcurrency = 1 }, cts.Token);

        var thrown = await act.Should().ThrowAsync<BulkOperationCanceledException<MembershipChange>>();
        var exception = thrown.Which;
        exception.Should().BeAssignableTo<OperationCanceledException>();
        exception.CancellationToken.Should().Be(cts.Token);
        var items = exception.PartialResult.Items;
        items.Should().HaveCount(101);
        items.Take(20).Should().OnlyContain(i => i.Result.Succeeded && i.Result.Value!.Outcome == MembershipOutcome.Added, "the probe chunk answered");
        items.Skip(20).Take(80).Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.Cancelled, "the $batch in flight was abandoned");
        items[100].Result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput, "items finished before the cancellation keep their results");
        exception.PartialResult.SucceededCount.Should().Be(20);
        _fx.Members.Should().Contain(items.Where(i => i.Result.Succeeded).Select(i => i.Input), "what is claimed done was done");
        items.Skip(20).Take(80).Should().OnlyContain(i => i.Result.Error!.Message.Contains("Graph may have applied it"), "an abandoned write may have landed");
        _fx.CallsTo("Add").Should().HaveCount(3);
        _fx.CallsTo("AddBatch").Should().ContainSingle();
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_CancelledFromProgressCallback_ClaimsExactlyTheFinishedItems()
    {
        using var cts = new CancellationTokenSource();
        var ids = Ids(100);
        _fx.Members.UnionWith(ids);
        var progress = new RecordingProgress(p =>
        {
            if (p.Completed == 30)
            {
                cts.Cancel();
            }
        });

        var act = () => _fx.Create().RemoveMembersFromGroupAsync(GroupId, ids, new BulkOptions { MaxConcurrency = 1, Progress = progress }, cts.Token);

        var exception = (await act.Should().ThrowAsync<BulkOperationCanceledException<MembershipChange>>()).Which;
        var items = exception.PartialResult.Items;
        var done = items.Where(i => i.Result.Succeeded).Select(i => i.Input).ToList();
        done.Should().Equal(ids.Take(40), "the chunk in which the cancellation came finishes with its results; no later chunk is sent");
        items.Skip(40).Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.Cancelled);
        _fx.Members.Should().BeEquivalentTo(ids.Skip(40), "nothing claimed Cancelled was removed");
        _fx.CallsTo("Remove").Should().HaveCount(2);
        progress.Reports[^1].Completed.Should().Be(40);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task AddUsersToGroupAsync_CancelledAndSeamIgnoresTheToken_NoFurtherChunkIsSent(int maxConcurrency)
    {
        // A seam (or an HTTP handler under it) need not check the token: the engine itself stops sending once cancelled.
        using var cts = new CancellationTokenSource();
        var ids = Ids(4000); // the probe, then 199 chunks in ten $batch requests: far more than the workers
        var writes = new List<IReadOnlyList<string>>();
        _fx.Bulk.Setup(b => b.AddGroupMembersInBatchAsync(BulkFixture.GroupOid, It.IsAny<IReadOnlyList<IReadOnlyList<ObjectId>>>(), It.IsAny<CancellationToken>()))
            .Returns((ObjectId _, IReadOnlyList<IReadOnlyList<ObjectId>> chunks, CancellationToken _) =>
            {
                lock (writes)
                {
                    writes.Add([.. chunks.SelectMany(c => c).Select(id => id.Value)]);
                }

                return Task.FromResult<IReadOnlyList<MemberAddAnswer>>([.. chunks.Select(_ => MemberAddAnswer.Added)]);
            });
        _fx.Bulk.Setup(b => b.AddGroupMembersAsync(BulkFixture.GroupOid, It.IsAny<IReadOnlyList<ObjectId>>(), It.IsAny<CancellationToken>()))
            .Returns((ObjectId _, IReadOnlyList<ObjectId> chunk, CancellationToken _) =>
            {
                lock (writes)
                {
                    writes.Add(Values(chunk));
                }

                return Task.FromResult(MemberAddAnswer.Added);
            });
        var progress = new RecordingProgress(p =>
        {
            if (p.Completed >= 420)
            {
                cts.Cancel();
            }
        });

        var act = () => _fx.Create().AddUsersToGroupAsync(GroupId, ids, new BulkOptions { MaxConcurrency = maxConcurrency, Progress = progress }, cts.Token);

        var items = (await act.Should().ThrowAsync<BulkOperationCanceledException<MembershipChange>>()).Which.PartialResult.Items;
        var written = writes.SelectMany(w => w).ToHashSet();
        items.Where(i => i.Result.Succeeded).Select(i => i.Input).Should().BeEquivalentTo(written, "exactly what was written is claimed");
        items.Where(i => !i.Result.Succeeded).Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.Cancelled);
        writes.Should().HaveCountLessThanOrEqualTo(1 + maxConcurrency, "no round trip starts after the cancellation");
        written.Should().HaveCountLessThan(4000);
    }

    [Fact]
    public async Task LookupUsersAsync_CancelledWithConcurrentChunks_FinishedItemsKeepResultsOthersCancelled()
    {
        using var cts = new CancellationTokenSource();
        var ids = Ids(2100);
        var reads = 0;
        _fx.FindUsers = chunk =>
        {
            if (Interlocked.Increment(ref reads) == 5)
            {
                cts.Cancel();
            }

            cts.Token.ThrowIfCancellationRequested();
            return [.. chunk.Select(id => EntraActionResult.Success(User(id)))];
        };

        var act = () => _fx.Create().LookupUsersAsync(ids, new BulkOptions { MaxConcurrency = 4 }, cts.Token);

        var exception = (await act.Should().ThrowAsync<BulkOperationCanceledException<EntraUser>>()).Which;
        var items = exception.PartialResult.Items;
        items.Should().HaveCount(2100);
        items.Should().OnlyContain(i => (i.Result.Succeeded && i.Result.Value!.Id == i.Input) || i.Result.Error!.Kind == EntraErrorKind.Cancelled);
        items.Count(i => i.Result.Succeeded).Should().Be(1200, "exactly the four reads (300 ids each) answered before the cancellation");
        exception.Message.Should().Contain("1200 items had succeeded").And.Contain("900 were not finished");
    }

    [Fact]
    public async Task AddUsersToGroupAsync_AlreadyCancelled_ThrowsWithEveryValidItemCancelledAndNoWrite()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        _fx.Directory.Setup(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()))
            .Returns((string _, IReadOnlyCollection<string> _, CancellationToken ct) => Task.FromCanceled<EntraActionResult<EntraGroup>>(ct));

        var act = () => _fx.Create().AddUsersToGroupAsync(GroupId, [Id(1), "x@", Id(2)], cts.Token);

        var exception = (await act.Should().ThrowAsync<BulkOperationCanceledException<MembershipChange>>()).Which;
        exception.PartialResult.Items.Select(i => i.Result.Error!.Kind).Should().Equal(EntraErrorKind.Cancelled, EntraErrorKind.InvalidInput, EntraErrorKind.Cancelled);
        _fx.Calls.Should().BeEmpty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(17)]
    [InlineData(int.MaxValue)]
    public async Task BulkCalls_MaxConcurrencyOutOfRange_ThrowArgumentOutOfRangeWithoutARequest(int maxConcurrency)
    {
        var options = new BulkOptions { MaxConcurrency = maxConcurrency };
        var bulk = _fx.Create();

        await FluentActions.Invoking(() => bulk.AddUsersToGroupAsync(GroupId, [Id(1)], options)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Invoking(() => bulk.RemoveMembersFromGroupAsync(GroupId, [Id(1)], options)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Invoking(() => bulk.LookupUsersAsync([Id(1)], options)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        _fx.Directory.VerifyNoOtherCalls();
        _fx.Bulk.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    public async Task BulkCalls_MaxConcurrencyAtTheLimits_Run(int maxConcurrency)
    {
        var result = await _fx.Create().LookupUsersAsync(Ids(41), new BulkOptions { MaxConcurrency = maxConcurrency });

        result.AllSucceeded.Should().BeTrue();
        result.Items.Should().HaveCount(41);
    }

    [Fact]
    public async Task BulkCalls_NullArguments_ThrowArgumentNull()
    {
        var bulk = _fx.Create();

        await FluentActions.Invoking(() => bulk.AddUsersToGroupAsync(GroupId, null!)).Should().ThrowAsync<ArgumentNullException>();
        await FluentActions.Invoking(() => bulk.RemoveMembersFromGroupAsync(GroupId, [Id(1)], null!)).Should().ThrowAsync<ArgumentNullException>();
        await FluentActions.Invoking(() => bulk.LookupUsersAsync(null!)).Should().ThrowAsync<ArgumentNullException>();
    }
}
