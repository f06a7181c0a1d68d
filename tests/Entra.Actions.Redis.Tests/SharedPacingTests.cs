using Entra.Actions.Redis.Tests.Support;

namespace Entra.Actions.Redis.Tests;

/// <summary>
/// The write pace one node learns from Graph's 429s paces another node of the same application and tenant that was never
/// throttled itself.
/// </summary>
public sealed class SharedPacingTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private readonly string _prefix = $"pace-{Guid.NewGuid():N}:";

    [Fact]
    public async Task RemoveMembers_OtherNodeLearnedThePace_WritesArePacedWithoutA429()
    {
        var spread = await RunAsync(redis.ConnectionString);

        var pace = await RedisProbe.HashAsync(redis, $"{_prefix}{DemoTenant.TenantId}:{DemoTenant.ApplicationId}:writes");
        pace.Should().ContainKey("rate", "node A measured how fast the writes went through once throttled");
        spread.Should().BeGreaterThan(TimeSpan.FromSeconds(1.2), "node B's second round of 20 writes waits for its slot at about 10 writes/s");
    }

    [Fact]
    public async Task RemoveMembers_OtherNodeLearnedThePaceWithoutAStore_WritesAreNotPaced()
    {
        var spread = await RunAsync(redis: null);

        spread.Should().BeLessThan(TimeSpan.FromSeconds(1), "without a store node B knows of no throttling");
    }

    /// <summary>
    /// Node A removes 20 members; Graph throttles all 20 steps with Retry-After 2, so A measures about 20 writes in 2 s once
    /// the bucket ran dry. Node B then removes 40 members (two rounds of 20, sent together unless paced); returns the time
    /// between B's first and last write.
    /// </summary>
    private async Task<TimeSpan> RunAsync(string? redis)
    {
        var emulator = new GraphEmulator();
        emulator.Options.Throttling.Enabled = false;
        var forA = Seed.Users(emulator, 20, members: true);
        var forB = Seed.Users(emulator, 40, members: true);
        await using var a = await Node.StartAsync(emulator, redis, _prefix);
        await using var b = await Node.StartAsync(emulator, redis, _prefix);
        (await b.Actions.LookupUserAsync(DemoTenant.MeganBowenId)).Succeeded.Should().BeTrue("node B's token names its budget");
        emulator.Faults.FailNext(20, 429, "DELETE", "/groups/*/members/*/$ref", retryAfter: "2");

        var onA = await a.Bulk.RemoveMembersFromGroupAsync(Seed.Group, forA);
        onA.AllSucceeded.Should().BeTrue(onA.ToString());
        emulator.Journal.Entries.Count(e => e.StatusCode == 429).Should().Be(20);
        var before = emulator.Journal.Count;

        var onB = await b.Bulk.RemoveMembersFromGroupAsync(Seed.Group, forB);

        onB.AllSucceeded.Should().BeTrue(onB.ToString());
        var writes = emulator.Journal.Entries.Skip(before).Where(e => e.Method == "DELETE").ToList();
        writes.Should().HaveCount(40).And.OnlyContain(e => e.StatusCode == 204, "node B itself is never throttled");
        forB.Should().OnlyContain(id => !emulator.Directory.IsMember(Guid.Parse(Seed.Group), Guid.Parse(id)));
        if (redis is not null)
        {
            a.ShouldHaveUsedTheStoreThroughout();
            b.ShouldHaveUsedTheStoreThroughout();
        }

        return writes.Max(e => e.Timestamp) - writes.Min(e => e.Timestamp);
    }
}
