using Entra.Actions.IntegrationTests.Support;

namespace Entra.Actions.IntegrationTests.Concurrency;

public abstract class ParallelActionsTests : EmulatorTestBase
{
    private const int Count = 200;
    private const string Group = DemoTenant.ProjectFalconGroupId;

    [Fact]
    public async Task AddUserToGroup_200DistinctUsersInParallel_AllAddedNothingLost()
    {
        var userIds = SeedUsers(Count);

        var results = await Task.WhenAll(userIds.Select(id => Actions.AddUserToGroupAsync(id, Group)));

        results.Should().OnlyContain(r => r.Succeeded && r.Value!.Outcome == MembershipOutcome.Added);
        results.Select(r => r.Value!.MemberId).Should().BeEquivalentTo(userIds);
        var members = Emulator.Directory.GetMemberIds(Guid.Parse(Group));
        members.Should().HaveCount(Count);
        members.Select(m => m.ToString()).Should().BeEquivalentTo(userIds);
        Emulator.Journal.For("POST", $"/groups/{Group}/members/$ref").Should().HaveCount(Count).And.OnlyContain(e => e.StatusCode == 204);
    }

    [Fact]
    public async Task RemoveMemberFromGroup_200MembersInParallel_AllRemoved()
    {
        var userIds = SeedUsers(Count);
        foreach (var id in userIds)
        {
            Emulator.Directory.AddMember(Guid.Parse(Group), Guid.Parse(id));
        }

        var results = await Task.WhenAll(userIds.Select(id => Actions.RemoveMemberFromGroupAsync(id, Group)));

        results.Should().OnlyContain(r => r.Succeeded && r.Value!.Outcome == MembershipOutcome.Removed);
        Emulator.Directory.GetMemberIds(Guid.Parse(Group)).Should().BeEmpty();
        userIds.Should().OnlyContain(id => Emulator.Directory.FindUser(id) != null, "only references were deleted");
    }

    [Fact]
    public async Task MixedActions_200InParallel_AllSucceed()
    {
        var userIds = SeedUsers(Count / 2);

        var adds = userIds.Select(id => Actions.AddUserToGroupAsync(id, Group));
        var userLookups = userIds.Take(Count / 4).Select(id => Actions.LookupUserAsync(id));
        var groupLookups = Enumerable.Range(0, Count / 4).Select(_ => Actions.LookupGroupAsync(DemoTenant.RetailTeamGroupId));
        var addTask = Task.WhenAll(adds);
        var userTask = Task.WhenAll(userLookups);
        var groupTask = Task.WhenAll(groupLookups);
        await Task.WhenAll(addTask, userTask, groupTask);
        var added = await addTask;
        var users = await userTask;
        var groups = await groupTask;

        added.Should().OnlyContain(r => r.Succeeded && r.Value!.Outcome == MembershipOutcome.Added);
        users.Should().OnlyContain(r => r.Succeeded);
        users.Select(r => r.Value!.Id).Should().BeEquivalentTo(userIds.Take(Count / 4));
        groups.Should().OnlyContain(r => r.Succeeded && r.Value!.DisplayName == "Retail Team");
        Emulator.Directory.GetMemberIds(Guid.Parse(Group)).Should().HaveCount(Count / 2);
    }

    private List<string> SeedUsers(int count)
    {
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid();
            Emulator.Directory.AddUser(new EmulatedUser
            {
                Id = id,
                DisplayName = $"Load User {i}",
                UserPrincipalName = $"load{i}@{DemoTenant.Domain}",
            });
            ids.Add(id.ToString());
        }

        return ids;
    }

    public sealed class InProcess : ParallelActionsTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    public sealed class Kestrel : ParallelActionsTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }
}
