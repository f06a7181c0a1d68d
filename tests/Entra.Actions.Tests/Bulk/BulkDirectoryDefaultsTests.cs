using static Entra.Actions.Tests.Bulk.BulkFixture;
using static Entra.Actions.Tests.TestData;

namespace Entra.Actions.Tests.Bulk;

/// <summary>
/// The default implementations of the seam members added after the first release: an implementation written before them
/// still works, through the members it has.
/// </summary>
public class BulkDirectoryDefaultsTests
{
    [Fact]
    public async Task AddGroupMembersInBatchAsync_Default_SendsEachChunkThroughAddGroupMembersInOrder()
    {
        IEntraBulkDirectory seam = new OlderSeam();

        var results = await seam.AddGroupMembersInBatchAsync(GroupId, [[Id(1), Id(2)], [Id(3)]]);

        results.Select(r => r.Value).Should().Equal(MembershipOutcome.Added, MembershipOutcome.Added);
        ((OlderSeam)seam).Calls.Should().Equal($"Add[{Id(1)},{Id(2)}]", $"Add[{Id(3)}]");
    }

    [Fact]
    public async Task FindUsersByObjectIdsAsync_Default_ReadsTwentyAtATimeThroughGetUsersWithOneResultPerId()
    {
        IEntraBulkDirectory seam = new OlderSeam();
        var ids = Ids(45);

        var results = await seam.FindUsersByObjectIdsAsync(ids);

        results.Select(r => r.Value!.Id).Should().Equal(ids);
        ((OlderSeam)seam).Calls.Select(c => c.Split(',').Length).Should().Equal(20, 20, 5);
    }

    [Fact]
    public async Task FindUsersByUserPrincipalNamesAsync_Default_ReadsTwentyAtATimeThroughGetUsers()
    {
        IEntraBulkDirectory seam = new OlderSeam();
        var names = Enumerable.Range(0, 21).Select(i => $"user{i}@contoso.com").ToList();

        var results = await seam.FindUsersByUserPrincipalNamesAsync(names);

        results.Should().HaveCount(21).And.OnlyContain(r => r.Succeeded);
        ((OlderSeam)seam).Calls.Select(c => c.Split(',').Length).Should().Equal(20, 1);
    }

    /// <summary>A seam implemented before the batched members existed.</summary>
    private sealed class OlderSeam : IEntraBulkDirectory
    {
        public List<string> Calls { get; } = [];

        public Task<EntraActionResult<MembershipOutcome>> AddGroupMembersAsync(string groupId, IReadOnlyList<string> memberIds, CancellationToken cancellationToken = default)
        {
            Calls.Add($"Add[{string.Join(",", memberIds)}]");
            return Task.FromResult(EntraActionResult.Success(MembershipOutcome.Added));
        }

        public Task<IReadOnlyList<EntraActionResult<EntraUser>>> GetUsersAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken = default)
        {
            Calls.Add(string.Join(",", userIds));
            return Task.FromResult<IReadOnlyList<EntraActionResult<EntraUser>>>([.. userIds.Select(id => EntraActionResult.Success(User(id)))]);
        }

        public Task<EntraActionResult<GroupMemberIds>> GetGroupMemberIdsAsync(string groupId, int maxPages, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<EntraActionResult<MembershipOutcome>>> RemoveGroupMembersAsync(string groupId, IReadOnlyList<string> memberIds, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<EntraActionResult<IReadOnlyList<EntraUser>>> GetUsersByObjectIdsAsync(IReadOnlyList<string> objectIds, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
