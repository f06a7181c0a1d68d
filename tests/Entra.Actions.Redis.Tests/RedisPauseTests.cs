using Entra.Actions.Redis.Internal;

namespace Entra.Actions.Redis.Tests;

/// <summary>The store's pause on a real Redis: set, extended only by a longer one, read as the time left, expiring by itself.</summary>
public sealed class RedisPauseTests(RedisServer redis) : IClassFixture<RedisServer>, IDisposable
{
    private static readonly EntraThrottleScope Scope = new("tenant-1", "app-1");
    private readonly RedisThrottleStore _store = new(new EntraRedisThrottlingOptions { ConnectionString = redis.ConnectionString, KeyPrefix = $"t{Guid.NewGuid():N}:" });

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task GetPauseAsync_NoPause_ReturnsZero()
    {
        (await _store.GetPauseAsync(Scope)).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public async Task PauseAsync_ShorterAfterLonger_KeepsTheLonger()
    {
        await _store.PauseAsync(Scope, TimeSpan.FromSeconds(30));
        await _store.PauseAsync(Scope, TimeSpan.FromSeconds(2));

        (await _store.GetPauseAsync(Scope)).Should().BeGreaterThan(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task PauseAsync_LongerAfterShorter_Extends()
    {
        await _store.PauseAsync(Scope, TimeSpan.FromSeconds(2));
        await _store.PauseAsync(Scope, TimeSpan.FromSeconds(30));

        (await _store.GetPauseAsync(Scope)).Should().BeGreaterThan(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task PauseAsync_OneBudget_HoldsNoOtherTenantApplicationOrUser()
    {
        await _store.PauseAsync(Scope, TimeSpan.FromSeconds(30));
        await _store.PauseAsync(new EntraThrottleScope("tenant-1", "app-1", "user-a"), TimeSpan.FromSeconds(30));

        (await _store.GetPauseAsync(new EntraThrottleScope("tenant-2", "app-1"))).Should().Be(TimeSpan.Zero);
        (await _store.GetPauseAsync(new EntraThrottleScope("tenant-1", "app-2"))).Should().Be(TimeSpan.Zero);
        (await _store.GetPauseAsync(new EntraThrottleScope("tenant-1", "app-1", "user-b"))).Should().Be(TimeSpan.Zero);
        (await _store.GetPauseAsync(new EntraThrottleScope("tenant-1", "app-1", "user-a"))).Should().BeGreaterThan(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task GetPauseAsync_AfterThePause_ReturnsZero()
    {
        var sincePause = System.Diagnostics.Stopwatch.StartNew();
        await _store.PauseAsync(Scope, TimeSpan.FromMilliseconds(300));
        var left = await _store.GetPauseAsync(Scope);
        left.Should().BeLessThanOrEqualTo(TimeSpan.FromMilliseconds(300));
        left.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(Math.Max(0, 300 - sincePause.Elapsed.TotalMilliseconds - 5)),
            "the pause runs from when it was set (a stalled machine may see it over)");

        await Task.Delay(600);

        (await _store.GetPauseAsync(Scope)).Should().Be(TimeSpan.Zero);
    }
}
