using System.Text.RegularExpressions;
using Entra.Actions.Redis.Tests.Support;

namespace Entra.Actions.Redis.Tests;

/// <summary>What a run leaves in Redis: prefixed keys that all expire and name nothing but the tenant, the application and a one-way user key.</summary>
public sealed class KeyTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static readonly string[] DelegatedScopes = ["User.Read.All", "GroupMember.Read.All"];
    private readonly string _prefix = $"keys-{Guid.NewGuid():N}:";

    [Fact]
    public async Task Keys_AfterARunOnTwoNodes_AllPrefixedExpiringAndOnlyTenantApplicationAndUserKey()
    {
        var emulator = new GraphEmulator();
        emulator.Options.Throttling.Enabled = false;
        var members = Seed.Users(emulator, 20, members: true);
        await using var app = await Node.StartAsync(emulator, redis.ConnectionString, _prefix);
        await using var user = await Node.StartAsync(emulator, redis.ConnectionString, _prefix, EmulatorCredential.ForDelegated(DelegatedScopes, DemoTenant.AdeleVanceId, DemoTenant.AdeleVanceUpn));

        // A throttled write step (removals go 20 steps per $batch) leaves the write pace, kept a quota window.
        emulator.Faults.FailNext(1, 429, "DELETE", "/groups/*/members/*/$ref", retryAfter: "1");
        (await app.Bulk.RemoveMembersFromGroupAsync(Seed.Group, members)).AllSucceeded.Should().BeTrue();

        // Throttled lookups on both nodes leave the application's pause and the user's pause while they wait.
        emulator.Faults.FailNext(2, 429, "GET", "/users/*", retryAfter: "3");
        var lookups = Task.WhenAll(app.Actions.LookupUserAsync(DemoTenant.MeganBowenId), user.Actions.LookupUserAsync(DemoTenant.MeganBowenId));
        var keys = await WaitForKeysAsync(3);
        (await lookups).Should().OnlyContain(r => r.Succeeded);
        app.ShouldHaveUsedTheStoreThroughout();
        user.ShouldHaveUsedTheStoreThroughout();

        var shape = new Regex($"^{Regex.Escape(_prefix)}{DemoTenant.TenantId}:{DemoTenant.ApplicationId}(:[0-9a-f]{{32}})?:(pause|writes)$");
        keys.Should().OnlyContain(k => shape.IsMatch(k.Key), "a key is the prefix, the tenant id, the application id, for a user's pause a one-way key, and what it holds");
        keys.Should().OnlyContain(k => k.TimeToLive > TimeSpan.Zero, "every key expires");
        keys.Select(k => k.Key[k.Key.LastIndexOf(':')..]).Should().BeEquivalentTo([":pause", ":pause", ":writes"]);
        keys.Where(k => k.Key.EndsWith(":pause", StringComparison.Ordinal)).Should().OnlyContain(k => k.TimeToLive <= TimeSpan.FromSeconds(3));
        keys.Single(k => k.Key.EndsWith(":writes", StringComparison.Ordinal)).TimeToLive.Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(150));
        keys.Should().NotContain(k => k.Key.Contains(DemoTenant.AdeleVanceId, StringComparison.OrdinalIgnoreCase)
            || k.Key.Contains(DemoTenant.AdeleVanceUpn, StringComparison.OrdinalIgnoreCase)
            || k.Key.Contains(DemoTenant.AdeleVanceId.Replace("-", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Scans every key of this Redis (the test's own server) until <paramref name="count"/> are there.</summary>
    private async Task<IReadOnlyList<(string Key, TimeSpan? TimeToLive)>> WaitForKeysAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var keys = await RedisProbe.KeysAsync(redis);
            if (keys.Count >= count)
            {
                return keys;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, $"{count} keys appear; found {string.Join(", ", keys.Select(k => k.Key))}");
            await Task.Delay(10);
        }
    }
}
