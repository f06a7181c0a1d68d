using StackExchange.Redis;

namespace Entra.Actions.Redis.Tests.Support;

/// <summary>The tests' own look into Redis: keys by prefix, their time to live and content.</summary>
public static class RedisProbe
{
    public static async Task<IReadOnlyList<(string Key, TimeSpan? TimeToLive)>> KeysAsync(RedisServer redis, string pattern = "*")
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var database = connection.GetDatabase();
        var keys = new List<(string, TimeSpan?)>();
        await foreach (var key in server.KeysAsync(pattern: pattern))
        {
            keys.Add((key.ToString(), await database.KeyTimeToLiveAsync(key)));
        }

        return keys;
    }

    public static async Task<TimeSpan?> TimeToLiveAsync(RedisServer redis, string key)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        return await connection.GetDatabase().KeyTimeToLiveAsync(key);
    }

    public static async Task<IReadOnlyDictionary<string, string>> HashAsync(RedisServer redis, string key)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var entries = await connection.GetDatabase().HashGetAllAsync(key);
        return entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
    }

    /// <summary>Polls until <paramref name="key"/> exists (a node's store call lands a moment after Graph's answer).</summary>
    public static async Task WaitForKeyAsync(RedisServer redis, string key, TimeSpan timeout)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var deadline = DateTime.UtcNow + timeout;
        while (!await connection.GetDatabase().KeyExistsAsync(key))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Redis key '{key}' did not appear within {timeout}.");
            }

            await Task.Delay(10);
        }
    }
}
