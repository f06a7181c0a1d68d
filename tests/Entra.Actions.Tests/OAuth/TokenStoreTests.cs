using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Entra.Actions.Tests.OAuth;

public sealed class TokenStoreTests
{
    private const string Secret = "{\"refreshToken\":\"0.ARefreshTokenThatMustNeverBeStoredInPlainText\"}";

    private readonly MemoryDistributedCache _cache = new(Microsoft.Extensions.Options.Options.Create(new MemoryDistributedCacheOptions()));
    private readonly EphemeralDataProtectionProvider _dataProtection = new();

    [Fact]
    public async Task Distributed_Set_CacheHoldsCiphertextOnly()
    {
        var store = new DistributedEntraTokenStore(_cache, _dataProtection);

        await store.SetAsync("connection:contoso", Secret, null);

        var raw = await _cache.GetAsync("Entra.Actions.Connect:connection:contoso");
        raw.Should().NotBeNull();
        Encoding.UTF8.GetString(raw!).Should().NotContain("RefreshTokenThatMustNever");
        Convert.ToBase64String(raw!).Should().NotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("RefreshTokenThatMustNever"))[..16]);
        (await store.GetAsync("connection:contoso")).Should().Be(Secret);
    }

    [Fact]
    public async Task Distributed_OtherPurpose_CannotRead()
    {
        await new DistributedEntraTokenStore(_cache, _dataProtection).SetAsync("k", Secret, null);

        var other = new DistributedEntraTokenStore(_cache, _dataProtection, "Another.Purpose");

        (await other.GetAsync("k")).Should().BeNull();
    }

    [Fact]
    public async Task Distributed_CiphertextCopiedToAnotherKey_ReadsAsAbsent()
    {
        var store = new DistributedEntraTokenStore(_cache, _dataProtection);
        await store.SetAsync("connection:attacker", Secret, null);
        await store.SetAsync("connection:victim", "{\"refreshToken\":\"victim\"}", null);

        // Someone with write access to the cache swaps one connection's ciphertext into another's key.
        var stolen = await _cache.GetAsync("Entra.Actions.Connect:connection:attacker");
        await _cache.SetAsync("Entra.Actions.Connect:connection:victim", stolen!);

        (await store.GetAsync("connection:victim")).Should().BeNull("ciphertext is bound to the key it was stored under");
        (await store.TakeAsync("connection:victim")).Should().BeNull();
        (await store.GetAsync("connection:attacker")).Should().Be(Secret);
    }

    [Fact]
    public async Task Distributed_Take_ReturnsOnce()
    {
        var store = new DistributedEntraTokenStore(_cache, _dataProtection);
        await store.SetAsync("pending:s", Secret, DateTimeOffset.UtcNow.AddMinutes(5));

        (await store.TakeAsync("pending:s")).Should().Be(Secret);
        (await store.TakeAsync("pending:s")).Should().BeNull();
    }

    [Fact]
    public async Task Distributed_Remove_Removes()
    {
        var store = new DistributedEntraTokenStore(_cache, _dataProtection);
        await store.SetAsync("k", Secret, null);

        await store.RemoveAsync("k");

        (await store.GetAsync("k")).Should().BeNull();
    }

    [Fact]
    public async Task InMemory_ExpiredValue_ReadsAsAbsent()
    {
        var time = new FakeTimeProvider();
        var store = new InMemoryEntraTokenStore(time);
        await store.SetAsync("k", "v", time.GetUtcNow().AddMinutes(1));
        await store.SetAsync("forever", "v", null);

        time.Advance(TimeSpan.FromMinutes(2));

        (await store.GetAsync("k")).Should().BeNull();
        (await store.TakeAsync("k")).Should().BeNull();
        (await store.GetAsync("forever")).Should().Be("v");
    }

    [Fact]
    public async Task InMemory_AbandonedPendingConnects_ArePurgedOnLaterWrites()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new InMemoryEntraTokenStore(time);
        await store.SetAsync("connection:kept", Secret, null);

        // Bots and closed tabs start connects that are never completed: each leaves a pending entry that expires.
        for (var round = 0; round < 20; round++)
        {
            for (var i = 0; i < 500; i++)
            {
                await store.SetAsync($"pending:{round}:{i}", Secret, time.GetUtcNow().AddMinutes(10));
            }

            time.Advance(TimeSpan.FromMinutes(11));
        }

        store.Count.Should().BeLessThan(1_200, "expired entries are purged as new ones are written, so memory stays bounded");
        (await store.GetAsync("connection:kept")).Should().Be(Secret);
    }

    [Fact]
    public async Task InMemory_ConcurrentTakes_OnlyOneGetsTheValue()
    {
        var store = new InMemoryEntraTokenStore();
        await store.SetAsync("k", "v", null);

        var taken = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => store.TakeAsync("k"))));

        taken.Count(v => v is not null).Should().Be(1);
    }

    [Fact]
    public async Task AddEntraDistributedTokenStore_WithDistributedCache_FlowStoresEncrypted()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDistributedMemoryCache();
        services.AddEntraDistributedTokenStore();
        var stub = new TokenEndpointStub();
        services.AddEntraConnectFlow(o =>
        {
            o.ClientId = FlowFixture.ClientId;
            o.RedirectUri = new Uri("https://app.contoso.com/cb");
        }).ConfigurePrimaryHttpMessageHandler(() => stub);
        using var provider = services.BuildServiceProvider();
        var flow = provider.GetRequiredService<IEntraConnectFlow>();

        var start = await flow.BeginConnectAsync("contoso");
        var result = await flow.CompleteConnectAsync(start.State, "code");

        result.Succeeded.Should().BeTrue(result.ToString());
        provider.GetRequiredService<IEntraTokenStore>().Should().BeOfType<DistributedEntraTokenStore>();
        var raw = await provider.GetRequiredService<IDistributedCache>().GetAsync("Entra.Actions.Connect:connection:contoso");
        Encoding.UTF8.GetString(raw!).Should().NotContain("rt-1-secret-refresh-token-value");
        (await flow.GetConnectionAsync("contoso"))!.UserPrincipalName.Should().Be("svc@contoso.com");
    }

    [Fact]
    public void AddEntraDistributedTokenStore_NoDistributedCache_ClearMessage()
    {
        var services = new ServiceCollection();
        services.AddEntraDistributedTokenStore();
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IEntraTokenStore>();

        act.Should().Throw<InvalidOperationException>().WithMessage("*needs an IDistributedCache*");
    }
}
