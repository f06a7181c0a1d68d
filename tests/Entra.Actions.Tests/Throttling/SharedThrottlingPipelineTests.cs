using System.Net;
using Entra.Actions.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Entra.Actions.Tests.Throttling;

/// <summary>Two hosts that share nothing but a throttle store, through the real transport and retry handler.</summary>
public sealed class SharedThrottlingPipelineTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task RetryAfterOnOneHost_PausesTheOtherHostsRequestsForTheSameTenantAndApp()
    {
        var store = new MemoryThrottleStore(_time);
        var handlerA = new StubGraphHandler()
            .Respond(HttpStatusCode.TooManyRequests, GraphPayloads.Throttled, ("Retry-After", "2"))
            .Respond(HttpStatusCode.OK, GraphPayloads.Adele);
        var handlerB = new StubGraphHandler().Respond(HttpStatusCode.OK, GraphPayloads.Adele);
        await using var hostA = Host(handlerA, store);
        await using var hostB = Host(handlerB, store);

        var lookupA = hostA.GetRequiredService<IEntraActions>().LookupUserAsync(TestData.UserId);
        (await Eventually.UntilAsync(() => store.Calls.Any(call => call.StartsWith("pause", StringComparison.Ordinal)))).Should().BeTrue();
        var lookupB = hostB.GetRequiredService<IEntraActions>().LookupUserAsync(TestData.UserId);
        await Task.Delay(100);

        handlerB.Requests.Should().BeEmpty("host B learns of host A's 429 through the store and holds its request");
        _time.Advance(TimeSpan.FromSeconds(2));
        (await lookupB.WaitAsync(TimeSpan.FromSeconds(10))).Succeeded.Should().BeTrue();
        (await lookupA.WaitAsync(TimeSpan.FromSeconds(10))).Succeeded.Should().BeTrue();
        handlerB.Requests.Should().ContainSingle();
        store.Calls.Should().Contain($"pause {TestJwt.TenantId}/{TestJwt.AppId} 2");
    }

    [Fact]
    public async Task ConnectionsOfTheFactory_UseTheHostsStore()
    {
        var store = new MemoryThrottleStore(_time);
        var handler = new StubGraphHandler()
            .Respond(HttpStatusCode.TooManyRequests, GraphPayloads.Throttled, ("Retry-After", "1"))
            .Respond(HttpStatusCode.OK, GraphPayloads.Adele);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddEntraThrottleStore(_ => store);
        services.AddEntraConnections(factory => factory.ConfigureHttpClient = (_, client) => client.ConfigurePrimaryHttpMessageHandler(() => handler));
        await using var provider = services.BuildServiceProvider();
        var connection = provider.GetRequiredService<IEntraConnectionFactory>().GetOrCreateConnection("contoso", options =>
            options.Credential = TestJwt.Credential(TestJwt.Application("User.Read.All")));

        var lookup = connection.Actions.LookupUserAsync(TestData.UserId);
        (await Eventually.UntilAsync(() => store.Calls.Any(call => call.StartsWith("pause", StringComparison.Ordinal)))).Should().BeTrue();
        _time.Advance(TimeSpan.FromSeconds(1));

        (await lookup.WaitAsync(TimeSpan.FromSeconds(10))).Succeeded.Should().BeTrue();
        store.Calls.Should().Contain($"pause {TestJwt.TenantId}/{TestJwt.AppId} 1");
    }

    [Fact]
    public void AddEntraThrottleStore_InvalidOptions_FailAtStartWithTheSetting()
    {
        var services = new ServiceCollection();
        services.AddEntraThrottleStore(_ => new MemoryThrottleStore(_time), options =>
        {
            options.OperationTimeout = TimeSpan.Zero;
            options.RetryInterval = TimeSpan.FromHours(1);
        });
        using var provider = services.BuildServiceProvider();

        var read = () => provider.GetRequiredService<IOptions<EntraThrottleStoreOptions>>().Value;

        read.Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().SatisfyRespectively(
                timeout => timeout.Should().Contain("EntraThrottleStoreOptions.OperationTimeout must be between 1 ms and 10 s"),
                retry => retry.Should().Contain("EntraThrottleStoreOptions.RetryInterval must be between"));
    }

    private ServiceProvider Host(StubGraphHandler handler, IEntraThrottleStore store)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddEntraThrottleStore(_ => store);
        services.AddEntraActions(options =>
        {
            options.Credential = TestJwt.Credential(TestJwt.Application("User.Read.All"));
            options.MaxRetryDuration = TimeSpan.FromSeconds(30);
        }).ConfigurePrimaryHttpMessageHandler(() => handler);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
