using System.Text.Json.Nodes;
using Entra.Actions.Emulator.Tests.Support;

namespace Entra.Actions.Emulator.Tests.Hosting;

/// <summary>
/// Truly parallel writes: every request starts on its own thread-pool task and is held by an injected latency, so requests
/// overlap inside the pipeline. POST $ref and PATCH members@odata.bind are mixed; nothing may be lost or duplicated.
/// </summary>
public class ConcurrencyTests
{
    private const int RefRequests = 150;
    private const int BindRequests = 50;
    private const int UsersPerBind = 3;

    [Fact]
    public async Task Writes_200ParallelRequestsInProcess_AllAppliedNothingLost()
    {
        var emulator = Emulators.Demo();
        var api = new Api(emulator.CreateHandler(), EmulatorTokens.CreateApplication(Api.ReadWrite));

        await RunAsync(emulator, api);
    }

    [Fact]
    public async Task Writes_200ParallelRequestsOverKestrel_AllAppliedNothingLost()
    {
        await using var server = await EmulatorServer.StartAsync(Emulators.Demo());
        var api = new Api(new SocketsHttpHandler(), EmulatorTokens.CreateApplication(Api.ReadWrite), server.BaseUrl.GetLeftPart(UriPartial.Authority) + "/");

        await RunAsync(server.Emulator, api);
    }

    private static async Task RunAsync(GraphEmulator emulator, Api api)
    {
        var group = Guid.Parse(DemoTenant.ProjectFalconGroupId);
        var refUsers = Seed(emulator, RefRequests);
        var bindUsers = Seed(emulator, BindRequests * UsersPerBind);
        emulator.Faults.AddLatency(TimeSpan.FromMilliseconds(5));
        var inFlight = 0;
        var maxInFlight = 0;

        async Task<Reply> Tracked(Func<Task<Reply>> send)
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            try
            {
                return await send();
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }

        var tasks = new List<Task<Reply>>();
        for (var i = 0; i < RefRequests; i++)
        {
            var user = refUsers[i];
            tasks.Add(Task.Run(() => Tracked(() => api.PostAsync($"v1.0/groups/{group}/members/$ref", new Dictionary<string, string> { ["@odata.id"] = Emulators.Ref(user.ToString()) }))));
        }

        for (var i = 0; i < BindRequests; i++)
        {
            var chunk = bindUsers.Skip(i * UsersPerBind).Take(UsersPerBind).Select(u => (JsonNode)Emulators.Ref(u.ToString()));
            var body = new JsonObject { ["members@odata.bind"] = new JsonArray([.. chunk]) }.ToJsonString();
            tasks.Add(Task.Run(() => Tracked(() => api.PatchAsync($"v1.0/groups/{group}", body))));
        }

        var replies = await Task.WhenAll(tasks);

        replies.Should().HaveCount(200).And.OnlyContain(r => r.Status == 204);
        maxInFlight.Should().BeGreaterThan(1, "the requests must overlap");
        var members = emulator.Directory.GetMemberIds(group);
        members.Should().HaveCount(RefRequests + (BindRequests * UsersPerBind)).And.OnlyHaveUniqueItems();
        members.Should().BeEquivalentTo(refUsers.Concat(bindUsers));
        emulator.Journal.Count.Should().Be(200);
        emulator.Journal.Entries.Should().OnlyContain(e => e.StatusCode == 204);
    }

    private static List<Guid> Seed(GraphEmulator emulator, int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
        {
            emulator.Directory.AddUser(new EmulatedUser { Id = id, DisplayName = "P", UserPrincipalName = $"p{id:N}@contoso.com" });
        }

        return ids;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
