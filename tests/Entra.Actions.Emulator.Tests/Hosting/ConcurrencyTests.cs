using Entra.Actions.Emulator.Tests.Support;

namespace Entra.Actions.Emulator.Tests.Hosting;

public class ConcurrencyTests
{
    [Fact]
    public async Task AddMemberRef_200ParallelRequests_AllAppliedNothingLost()
    {
        var emulator = new GraphEmulator();
        var group = Guid.Parse(DemoTenant.ProjectFalconGroupId);
        var ids = Enumerable.Range(0, 200).Select(i => Guid.NewGuid()).ToList();
        foreach (var id in ids)
        {
            emulator.Directory.AddUser(new EmulatedUser { Id = id, DisplayName = "P", UserPrincipalName = $"p{id:N}@contoso.com" });
        }

        var api = Api.App(emulator);
        var replies = await Task.WhenAll(ids.Select(id =>
            api.PostAsync($"v1.0/groups/{group}/members/$ref", new Dictionary<string, string> { ["@odata.id"] = Emulators.Ref(id.ToString()) })));

        replies.Should().OnlyContain(r => r.Status == 204);
        emulator.Directory.GetMemberIds(group).Should().BeEquivalentTo(ids);
        emulator.Journal.Count.Should().Be(200);
    }
}
