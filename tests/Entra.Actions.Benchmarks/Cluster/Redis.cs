using Entra.Actions.Tests.Shared;

namespace Entra.Actions.Benchmarks.Cluster;

/// <summary>Starts and ends the shared <c>redis-server</c> fixture outside xunit: one fresh, empty server per coordinated run.</summary>
internal static class Redis
{
    /// <summary>A running server; a missing <c>redis-server</c> fails with its name.</summary>
    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer();
        await server.InitializeAsync();
        return server;
    }

    public static async Task DisposeAsync(RedisServer? server)
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
