using Entra.Actions.Redis.Tests.Support;

namespace Entra.Actions.Redis.Tests;

/// <summary>
/// Two nodes (separate service providers sharing only Redis and one emulated tenant): a <c>Retry-After</c> one node gets
/// holds the other node's requests of the same budget, per application and tenant, and per user for delegated tokens.
/// </summary>
public sealed class SharedPauseTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string PauseKeySuffix = DemoTenant.TenantId + ":" + DemoTenant.ApplicationId + ":pause";
    private static readonly string[] DelegatedScopes = ["User.Read.All", "GroupMember.Read.All"];
    private static readonly TimeSpan KeyTimeout = TimeSpan.FromSeconds(10);
    private readonly string _prefix = $"pause-{Guid.NewGuid():N}:";

    [Fact]
    public async Task LookupUser_OtherNodeGot429_WaitsUntilThePauseHasPassed()
    {
        var emulator = NewEmulator();
        await using var a = await Node.StartAsync(emulator, redis.ConnectionString, _prefix);
        await using var b = await Node.StartAsync(emulator, redis.ConnectionString, _prefix);

        var (throttledAt, bArrivedAt) = await ThrottleAThenLookUpOnBAsync(emulator, a, b, _prefix + PauseKeySuffix);

        b.ShouldHaveUsedTheStoreThroughout();
        (bArrivedAt - throttledAt).Should().BeGreaterThan(TimeSpan.FromSeconds(1.5), "node B waits out the 2 s Retry-After node A was given");
    }

    [Fact]
    public async Task LookupUser_OtherNodeGot429WithoutAStore_IsSentAtOnce()
    {
        var emulator = NewEmulator();
        await using var a = await Node.StartAsync(emulator, redis: null, _prefix);
        await using var b = await Node.StartAsync(emulator, redis: null, _prefix);

        var (throttledAt, bArrivedAt) = await ThrottleAThenLookUpOnBAsync(emulator, a, b, pauseKey: null);

        (bArrivedAt - throttledAt).Should().BeLessThan(TimeSpan.FromSeconds(1), "without a store each node only knows its own pause");
    }

    [Fact]
    public async Task LookupUser_DelegatedTokens_PauseHoldsTheSameUserOnOtherNodesButNotOtherUsers()
    {
        var emulator = NewEmulator();
        var adele = EmulatorCredential.ForDelegated(DelegatedScopes, DemoTenant.AdeleVanceId, DemoTenant.AdeleVanceUpn);
        var alex = EmulatorCredential.ForDelegated(DelegatedScopes, DemoTenant.AlexWilberId, "AlexW@contoso.com");
        await using var adeleOnA = await Node.StartAsync(emulator, redis.ConnectionString, _prefix, adele);
        await using var adeleOnB = await Node.StartAsync(emulator, redis.ConnectionString, _prefix, adele);
        await using var alexOnB = await Node.StartAsync(emulator, redis.ConnectionString, _prefix, alex);
        await WarmUpAsync(adeleOnB);
        await WarmUpAsync(alexOnB);
        emulator.Faults.FailNext(1, 429, "GET", "/users/*", retryAfter: "2");

        var throttled = adeleOnA.Actions.LookupUserAsync(DemoTenant.AdeleVanceId);
        var throttledAt = await ThrottledAtAsync(emulator);
        var pauseKey = await WaitForOnePauseKeyAsync();
        var sameUser = adeleOnB.Actions.LookupUserAsync(DemoTenant.LeeGuId);
        var otherUser = alexOnB.Actions.LookupUserAsync(DemoTenant.DiegoSicilianiId);
        var results = await Task.WhenAll(throttled, sameUser, otherUser);

        results.Should().OnlyContain(r => r.Succeeded);
        adeleOnB.ShouldHaveUsedTheStoreThroughout();
        (ArrivalOf(emulator, DemoTenant.DiegoSicilianiId) - throttledAt).Should().BeLessThan(TimeSpan.FromSeconds(1), "another user's budget is not paused");
        (ArrivalOf(emulator, DemoTenant.LeeGuId) - throttledAt).Should().BeGreaterThan(TimeSpan.FromSeconds(1.5), "the same user's budget is paused on every node");
        pauseKey.Should().MatchRegex($"^{_prefix}{DemoTenant.TenantId}:{DemoTenant.ApplicationId}:[0-9a-f]{{32}}:pause$", "the user's part is a one-way key");
        foreach (var identifier in new[] { DemoTenant.AdeleVanceId, DemoTenant.AdeleVanceUpn, DemoTenant.AdeleVanceId.Replace("-", string.Empty, StringComparison.Ordinal) })
        {
            pauseKey.Should().NotContainEquivalentOf(identifier);
        }
    }

    private static GraphEmulator NewEmulator()
    {
        var emulator = new GraphEmulator();
        emulator.Options.Throttling.Enabled = false;
        return emulator;
    }

    /// <summary>B looks up once first (its token names its budget), then A is throttled and B looks up as soon as A's pause is known.</summary>
    private async Task<(DateTimeOffset ThrottledAt, DateTimeOffset BArrivedAt)> ThrottleAThenLookUpOnBAsync(GraphEmulator emulator, Node a, Node b, string? pauseKey)
    {
        await WarmUpAsync(b);
        emulator.Faults.FailNext(1, 429, "GET", "/users/*", retryAfter: "2");

        var onA = a.Actions.LookupUserAsync(DemoTenant.AdeleVanceId);
        var throttledAt = await ThrottledAtAsync(emulator);
        if (pauseKey is not null)
        {
            await RedisProbe.WaitForKeyAsync(redis, pauseKey, KeyTimeout);
        }

        var onB = await b.Actions.LookupUserAsync(DemoTenant.LeeGuId);
        (await onA).Succeeded.Should().BeTrue("node A retries after the pause");
        onB.Succeeded.Should().BeTrue(onB.ToString());
        return (throttledAt, ArrivalOf(emulator, DemoTenant.LeeGuId));
    }

    private static async Task WarmUpAsync(Node node) =>
        (await node.Actions.LookupUserAsync(DemoTenant.MeganBowenId)).Succeeded.Should().BeTrue("the node's first request works");

    private static async Task<DateTimeOffset> ThrottledAtAsync(GraphEmulator emulator)
    {
        var deadline = DateTime.UtcNow + KeyTimeout;
        while (true)
        {
            if (emulator.Journal.Entries.FirstOrDefault(e => e.StatusCode == 429) is { } entry)
            {
                return entry.Timestamp;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "the injected 429 is answered");
            await Task.Delay(5);
        }
    }

    private static DateTimeOffset ArrivalOf(GraphEmulator emulator, string userId) =>
        emulator.Journal.Entries.Last(e => e.RawPath.Contains(userId, StringComparison.OrdinalIgnoreCase)).Timestamp;

    private async Task<string> WaitForOnePauseKeyAsync()
    {
        var deadline = DateTime.UtcNow + KeyTimeout;
        while (true)
        {
            var keys = await RedisProbe.KeysAsync(redis, _prefix + "*");
            if (keys.Count > 0)
            {
                return keys.Should().ContainSingle().Subject.Key;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "node A records its pause");
            await Task.Delay(10);
        }
    }
}
