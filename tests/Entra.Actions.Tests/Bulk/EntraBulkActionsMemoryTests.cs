using Entra.Actions.Audit.Internal;
using Entra.Actions.Bulk.Internal;
using Entra.Actions.Directory.Internal;
using Entra.Actions.Policy.Internal;
using Entra.Actions.Throttling.Internal;
using Entra.Actions.Validation.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static Entra.Actions.Tests.TestData;

namespace Entra.Actions.Tests.Bulk;

[CollectionDefinition(nameof(AllocationMeasurements), DisableParallelization = true)]
public sealed class AllocationMeasurements;

/// <summary>
/// What the engine itself allocates per item at 100,000 items, over a seam that answers from precomputed results (so that
/// nearly everything measured is the engine's). Runs alone: the measure is the process's allocated bytes.
/// </summary>
[Collection(nameof(AllocationMeasurements))]
public class EntraBulkActionsMemoryTests
{
    private const int Items = 100_000;
    private const long BudgetPerItem = 4 * 1024;

    [Fact]
    public async Task AddUsersToGroupAsync_HundredThousandUsers_AllocatesUnderFourKilobytesPerItem()
    {
        var seam = new CannedSeam(Items);
        var bulk = Create(seam);

        var (result, perItem) = await MeasureAsync(() => bulk.AddUsersToGroupAsync(GroupId, seam.Ids));

        result.SucceededCount.Should().Be(Items);
        perItem.Should().BeLessThan(BudgetPerItem);
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_HundredThousandMembers_AllocatesUnderFourKilobytesPerItem()
    {
        var seam = new CannedSeam(Items);
        var bulk = Create(seam);

        var (result, perItem) = await MeasureAsync(() => bulk.RemoveMembersFromGroupAsync(GroupId, seam.Ids));

        result.SucceededCount.Should().Be(Items);
        perItem.Should().BeLessThan(BudgetPerItem);
    }

    [Fact]
    public async Task LookupUsersAsync_HundredThousandUsers_AllocatesUnderFourKilobytesPerItem()
    {
        var seam = new CannedSeam(Items);
        var bulk = Create(seam);

        var (result, perItem) = await MeasureAsync(() => bulk.LookupUsersAsync(seam.Ids));

        result.SucceededCount.Should().Be(Items);
        perItem.Should().BeLessThan(BudgetPerItem);
    }

    private static async Task<(BulkResult<T> Result, long PerItem)> MeasureAsync<T>(Func<Task<BulkResult<T>>> call)
    {
        await call(); // warm up: JIT and first-use statics are not the engine's per-item cost
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await call();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        return (result, allocated / Items);
    }

    private static EntraBulkActions Create(CannedSeam seam)
    {
        var time = new FakeTimeProvider();
        var directory = TestData.Directory();
        directory.SetupGroup(SecurityGroup());
        var options = Microsoft.Extensions.Options.Options.Create(new EntraActionsOptions { Policy = { MaxBulkItems = Items } });

        // A sink that reads every audit event: the budget holds with the per-item audit trail on.
        return new EntraBulkActions(directory.Object, seam, new ThrottleCoordinator(new ThrottleGate(time), new WritePacer(time), time), options, time,
            new WriteGuard(options, []), new AuditTrail([new CountingSink()], options), NullLogger<EntraBulkActions>.Instance);
    }

    private sealed class CountingSink : IEntraAuditSink
    {
        private long _events;

        public ValueTask WriteAsync(EntraAuditEvent auditEvent, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _events);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Answers every read with a precomputed user, every write with success, and the members read with none.</summary>
    private sealed class CannedSeam : IEntraBulkDirectory
    {
        private static readonly EntraActionResult<MembershipOutcome> Removed = EntraActionResult.Success(MembershipOutcome.Removed);
        private readonly Dictionary<string, EntraActionResult<EntraUser>> _users = new(StringComparer.OrdinalIgnoreCase);

        public CannedSeam(int count)
        {
            Ids = [.. Enumerable.Range(0, count).Select(n => $"00000000-0000-4000-8000-{n:x12}")];
            foreach (var id in Ids)
            {
                _users[id] = EntraActionResult.Success(User(id));
            }
        }

        public string[] Ids { get; }

        public Task<EntraActionResult<GroupMemberIds>> GetGroupMemberIdsAsync(ObjectId group, int maxPages, CancellationToken cancellationToken = default) =>
            Task.FromResult(EntraActionResult.Success(new GroupMemberIds(new HashSet<string>(), IsComplete: true)));

        public Task<MemberAddAnswer> AddGroupMembersAsync(ObjectId group, IReadOnlyList<ObjectId> members, CancellationToken cancellationToken = default) =>
            Task.FromResult(MemberAddAnswer.Added);

        public Task<IReadOnlyList<MemberAddAnswer>> AddGroupMembersInBatchAsync(ObjectId group, IReadOnlyList<IReadOnlyList<ObjectId>> memberChunks, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<MemberAddAnswer>>(Enumerable.Repeat(MemberAddAnswer.Added, memberChunks.Count).ToArray());

        public Task<IReadOnlyList<EntraActionResult<MembershipOutcome>>> RemoveGroupMembersAsync(ObjectId group, IReadOnlyList<ObjectId> members, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<EntraActionResult<MembershipOutcome>>>(Enumerable.Repeat(Removed, members.Count).ToArray());

        public Task<IReadOnlyList<EntraActionResult<EntraUser>>> FindUsersByObjectIdsAsync(IReadOnlyList<ObjectId> ids, IReadOnlyCollection<string>? additionalProperties = null, CancellationToken cancellationToken = default)
        {
            var results = new EntraActionResult<EntraUser>[ids.Count];
            for (var i = 0; i < results.Length; i++)
            {
                results[i] = _users[ids[i].Value];
            }

            return Task.FromResult<IReadOnlyList<EntraActionResult<EntraUser>>>(results);
        }

        public Task<IReadOnlyList<EntraActionResult<EntraUser>>> FindUsersByUserPrincipalNamesAsync(IReadOnlyList<ValidatedId> names, IReadOnlyCollection<string>? additionalProperties = null, CancellationToken cancellationToken = default) =>
            Read(names.Select(n => n.Value).ToArray());

        public Task<EntraActionResult<IReadOnlyList<EntraUser>>> GetUsersByObjectIdsAsync(IReadOnlyList<ObjectId> ids, IReadOnlyCollection<string>? additionalProperties = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("UseGetByIds is not used here.");

        private Task<IReadOnlyList<EntraActionResult<EntraUser>>> Read(string[] ids) =>
            Task.FromResult<IReadOnlyList<EntraActionResult<EntraUser>>>([.. ids.Select(id => _users[id])]);
    }
}
