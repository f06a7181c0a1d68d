using Entra.Actions.Tests.Shared;
using StackExchange.Redis;

namespace Entra.Actions.Samples.ActionBuilder.Tests.Redis;

/// <summary>One real <c>redis-server</c> and one emulated tenant, shared by the nodes of a test class.</summary>
public sealed class SharedRedisFixture : IAsyncLifetime
{
    public RedisServer Redis { get; } = new();

    public EmulatorServer Emulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Redis.InitializeAsync();
        Emulator = await EmulatorServer.StartAsync(EmulatedEntra.CreateEmulator());
    }

    public async Task DisposeAsync()
    {
        await Emulator.DisposeAsync();
        await Redis.DisposeAsync();
    }

    /// <summary>Empties Redis (connections, sign-ins, key ring), so each test starts from a fresh deployment.</summary>
    public async Task FlushAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString + ",allowAdmin=true");
        await redis.GetServer(redis.GetEndPoints()[0]).FlushAllDatabasesAsync();
    }

    /// <summary>How many clients are connected to Redis, not counting the one asking.</summary>
    public async Task<int> OtherClientCountAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString + ",allowAdmin=true,name=probe");
        var clients = await redis.GetServer(redis.GetEndPoints()[0]).ClientListAsync();
        return clients.Count(c => c.Name != "probe");
    }

    /// <summary>How many keys Redis holds whose name contains <paramref name="fragment"/>.</summary>
    public async Task<IReadOnlyList<string>> KeysAsync(string fragment)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString);
        return [.. redis.GetServer(redis.GetEndPoints()[0]).Keys(pattern: $"*{fragment}*").Select(k => k.ToString())];
    }
}
