using Entra.Actions.Redis.Internal;
using Entra.Actions.Redis.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Entra.Actions.Redis.Tests;

/// <summary>AddEntraRedisThrottling: what it registers, how it checks its options, and that its connection closes with the provider.</summary>
public sealed class RegistrationTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Theory]
    [InlineData("", "ConnectionString is required")]
    [InlineData("127.0.0.1:6379,notAnOption=1", "not a valid StackExchange.Redis connection string")]
    [InlineData("abortConnect=false", "names no Redis endpoint")]
    public void AddEntraRedisThrottling_BadConnectionString_FailsAtStartWithWhatToFix(string connectionString, string message)
    {
        using var provider = Build(connectionString);

        var resolve = () => provider.GetRequiredService<IOptions<EntraRedisThrottlingOptions>>().Value;

        resolve.Should().Throw<OptionsValidationException>().WithMessage($"*{message}*");
    }

    [Theory]
    [InlineData("")]
    [InlineData("entra actions:")]
    public void AddEntraRedisThrottling_BadKeyPrefix_FailsAtStartWithWhatToFix(string prefix)
    {
        using var provider = Build("127.0.0.1:6379", o => o.KeyPrefix = prefix);

        var resolve = () => provider.GetRequiredService<IOptions<EntraRedisThrottlingOptions>>().Value;

        resolve.Should().Throw<OptionsValidationException>().WithMessage("*KeyPrefix must be non-empty and hold no whitespace*");
    }

    [Fact]
    public void AddEntraRedisThrottling_Defaults_RegistersTheRedisStoreWithTheDefaultPrefixAndStoreOptions()
    {
        using var provider = Build("127.0.0.1:6379", store: o => o.RetryInterval = TimeSpan.FromSeconds(7));

        provider.GetRequiredService<IEntraThrottleStore>().Should().BeOfType<RedisThrottleStore>();
        provider.GetRequiredService<IOptions<EntraRedisThrottlingOptions>>().Value.KeyPrefix.Should().Be("entra-actions:throttle:");
        provider.GetRequiredService<IOptions<EntraThrottleStoreOptions>>().Value.RetryInterval.Should().Be(TimeSpan.FromSeconds(7), "the store's timeouts stay configurable");
    }

    [Fact]
    public async Task DisposeAsync_Provider_ClosesTheOneRedisConnection()
    {
        var name = $"entra-{Guid.NewGuid():N}";
        var provider = Build($"{redis.ConnectionString},name={name}");
        var store = provider.GetRequiredService<IEntraThrottleStore>();
        await store.GetPauseAsync(new EntraThrottleScope("t", "a"));
        await store.GetPauseAsync(new EntraThrottleScope("t", "b"));
        (await ClientsNamedAsync(name)).Should().BeGreaterThan(0);

        await provider.DisposeAsync();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await ClientsNamedAsync(name) > 0)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the provider's disposal closes the connection");
            await Task.Delay(50);
        }
    }

    private static ServiceProvider Build(string connectionString, Action<EntraRedisThrottlingOptions>? configure = null, Action<EntraThrottleStoreOptions>? store = null)
    {
        var services = new ServiceCollection();
        services.AddEntraActions(o => o.Credential = EmulatorCredential.ForApplication(Node.Permissions));
        services.AddEntraRedisThrottling(connectionString, configure);
        if (store is not null)
        {
            services.Configure(store);
        }

        return services.BuildServiceProvider();
    }

    private async Task<int> ClientsNamedAsync(string name)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        var clients = await connection.GetServer(connection.GetEndPoints()[0]).ClientListAsync();
        return clients.Count(c => c.Name == name);
    }
}
