using System.Diagnostics;
using Entra.Actions.Redis.Internal;
using Entra.Actions.Redis.Tests.Support;
using StackExchange.Redis;

namespace Entra.Actions.Redis.Tests;

/// <summary>
/// Redis going away (in the middle of bulk runs on two nodes, or never there at all) costs no action: each node throttles
/// on its own, warns once per outage, counts every local answer, and shares again once Redis is back.
/// </summary>
public sealed class StoreOutageTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const int Unavailable = 8000;
    private const int Restored = 8001;
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);
    private readonly string _prefix = $"outage-{Guid.NewGuid():N}:";

    [Fact]
    public async Task AddUsersToGroup_RedisStoppedMidRunThenRestarted_NothingLostWarnedOncePerNodeAndSharedAgain()
    {
        var emulator = new GraphEmulator();
        emulator.Options.Throttling.Enabled = false;
        emulator.Faults.AddRoundTripLatency(TimeSpan.FromMilliseconds(200));
        var toAdd = Seed.Users(emulator, 150);
        var toRemove = Seed.Users(emulator, 150, members: true);
        await using var a = await Node.StartAsync(emulator, redis.ConnectionString, _prefix, store: Outage);
        await using var b = await Node.StartAsync(emulator, redis.ConnectionString, _prefix, store: Outage);
        using var fallbacks = new FallbackCounter();
        var options = new BulkOptions { MaxConcurrency = 1 };

        // Node A adds (user reads, then member writes), node B removes (one write step per member): about 13 and 9 round trips each.
        var adding = a.Bulk.AddUsersToGroupAsync(Seed.Group, toAdd, options);
        var removing = b.Bulk.RemoveMembersFromGroupAsync(Seed.Group, toRemove, options);
        await WaitUntilAsync(() => emulator.Journal.Count >= 8, "the runs are under way");
        await redis.StopAsync();
        var sentAtStop = emulator.Journal.Count;
        var results = await Task.WhenAll(adding, removing);

        emulator.Journal.Count.Should().BeGreaterThan(sentAtStop + 4, "Redis stopped in the middle of the runs");
        results.Should().OnlyContain(r => r.AllSucceeded);
        var group = Guid.Parse(Seed.Group);
        toAdd.Should().OnlyContain(id => emulator.Directory.IsMember(group, Guid.Parse(id)), "no add is lost");
        toRemove.Should().OnlyContain(id => !emulator.Directory.IsMember(group, Guid.Parse(id)), "no removal is lost");
        a.Logs.Count(Unavailable).Should().Be(1);
        b.Logs.Count(Unavailable).Should().Be(1);
        fallbacks.Total.Should().BeGreaterThan(0);

        await redis.StartAsync();
        await WaitUntilAsync(async () => await RestoredAsync(a) && await RestoredAsync(b), "the store answers again after a retry interval", TimeSpan.FromSeconds(30));
        a.Logs.Count(Unavailable).Should().Be(1, "the outage was warned once");
        emulator.Faults.Clear(); // the first matching rule applies: the round-trip latency would hide the 429
        emulator.Faults.FailNext(1, 429, "GET", "/users/*", retryAfter: "2");
        var throttled = a.Actions.LookupUserAsync(DemoTenant.MeganBowenId);
        await RedisProbe.WaitForKeyAsync(redis, $"{_prefix}{DemoTenant.TenantId}:{DemoTenant.ApplicationId}:pause", TimeSpan.FromSeconds(10));
        (await throttled).Succeeded.Should().BeTrue("the pause is shared again, and the lookup retried after it");
    }

    [Fact]
    public async Task LookupUser_NothingListening_SucceedsWithEveryStoreCallBounded()
    {
        var emulator = new GraphEmulator();
        emulator.Options.Throttling.Enabled = false;
        var nowhere = $"127.0.0.1:{FreePort.Next()}";
        var timeout = TimeSpan.FromMilliseconds(300);
        await using var node = await Node.StartAsync(emulator, nowhere, _prefix, store: o =>
        {
            o.OperationTimeout = timeout;
            o.RetryInterval = TimeSpan.FromMilliseconds(400);
        },
            connect: false);
        using var fallbacks = new FallbackCounter();

        var slowest = TimeSpan.Zero;
        for (var i = 0; i < 6; i++)
        {
            var started = DateTime.UtcNow;
            var result = await node.Actions.LookupUserAsync(DemoTenant.AdeleVanceId);
            var took = DateTime.UtcNow - started;
            slowest = took > slowest ? took : slowest;
            result.Succeeded.Should().BeTrue(result.ToString());
            await Task.Delay(150);
        }

        // Each lookup asks the store at most a couple of times (the pause before sending); none waits past the timeout.
        slowest.Should().BeLessThan((timeout * 2) + TimeSpan.FromSeconds(1.5));
        node.Logs.Count(Unavailable).Should().Be(1, "one warning for the whole outage");
        node.Logs.Count(Restored).Should().Be(0);
        fallbacks.Total.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task PauseAsync_WhileRedisIsDown_FailsAtOnceAndIsNeverReplayedAfterRecovery()
    {
        using var store = new RedisThrottleStore(new EntraRedisThrottlingOptions { ConnectionString = redis.ConnectionString, KeyPrefix = _prefix });
        var scope = new EntraThrottleScope("tenant-1", "app-1");
        (await store.GetPauseAsync(scope)).Should().Be(TimeSpan.Zero, "connected");
        await redis.StopAsync();

        var watch = Stopwatch.StartNew();
        var pause = async () => await store.PauseAsync(scope, TimeSpan.FromMinutes(5));
        await pause.Should().ThrowAsync<RedisConnectionException>();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "a command is not queued while Redis is unreachable");

        await redis.StartAsync();
        var reconnected = await AnswersAgainAsync(store, scope);
        reconnected.Should().Be(TimeSpan.Zero, "a pause asked for during the outage must not hold every node after it");
    }

    [Fact]
    public async Task GetPauseAsync_NothingListening_ThrowsWithoutWaitingPastTheConnectAttempt()
    {
        using var store = new RedisThrottleStore(new EntraRedisThrottlingOptions { ConnectionString = $"127.0.0.1:{FreePort.Next()},connectTimeout=1000", KeyPrefix = _prefix });
        var scope = new EntraThrottleScope("tenant-1", "app-1");

        var watch = Stopwatch.StartNew();
        var first = async () => await store.GetPauseAsync(scope);
        await first.Should().ThrowAsync<RedisConnectionException>();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "the first call waits for one connect attempt at most");

        watch.Restart();
        var second = async () => await store.GetPauseAsync(scope);
        await second.Should().ThrowAsync<RedisConnectionException>();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1), "later calls fail at once");
    }

    private static async Task<TimeSpan> AnswersAgainAsync(RedisThrottleStore store, EntraThrottleScope scope)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return await store.GetPauseAsync(scope);
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private static void Outage(EntraThrottleStoreOptions options)
    {
        options.OperationTimeout = RetryInterval;
        options.RetryInterval = RetryInterval;
    }

    private static async Task<bool> RestoredAsync(Node node)
    {
        (await node.Actions.LookupUserAsync(DemoTenant.MeganBowenId)).Succeeded.Should().BeTrue("actions work throughout");
        return node.Logs.Count(Restored) == 1;
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what, TimeSpan.FromSeconds(15));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, what);
            await Task.Delay(100);
        }
    }
}
