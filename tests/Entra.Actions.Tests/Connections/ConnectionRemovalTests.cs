using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Entra.Actions.Connections.Internal;
using Entra.Actions.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.Tests.Connections;

/// <summary>A removed connection must leave nothing behind: its services become collectable once it is removed.</summary>
public sealed class ConnectionRemovalTests
{
    private const string UserId = "aaaaaaaa-0000-4000-8000-000000000001";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task RemoveConnectionAsync_AfterCalls_LeavesNothingOfTheConnectionAlive()
    {
        var stub = new StubGraphHandler { Fallback = _ => StubGraphHandler.Create(System.Net.HttpStatusCode.OK, GraphPayloads.User(UserId)) };
        using var provider = Build(stub, configuration: null);
        var factory = provider.GetRequiredService<IEntraConnectionFactory>();

        var connection = await CreateUseAndRemoveAsync(factory, f => f.GetOrCreateConnection("a", o => o.Credential = new FakeTokenCredential()));

        (await AliveAfterCollectionsAsync(connection)).Should().BeEmpty("nothing may keep a removed connection's services alive");
        stub.Requests.Should().HaveCount(2, "the connection really called Graph before it was removed");
    }

    [Fact]
    public async Task RemoveConnectionAsync_ConfiguredConnectionThenAConfigurationReload_LeavesNothingOfTheConnectionAlive()
    {
        var stub = new StubGraphHandler { Fallback = _ => StubGraphHandler.Create(System.Net.HttpStatusCode.OK, GraphPayloads.User(UserId)) };
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("EntraActions:Connections:b:TenantId", "22222222-0000-4000-8000-00000000000b")])
            .Build();
        using var provider = Build(stub, configuration);
        var factory = provider.GetRequiredService<IEntraConnectionFactory>();

        var connection = await CreateUseAndRemoveAsync(factory, f => f.GetConnection("b"));
        configuration.Reload();

        (await AliveAfterCollectionsAsync(connection)).Should().BeEmpty("the host configuration must not keep a removed connection's services alive");
    }

    [Fact]
    public async Task DisposeAsync_ByTheCaller_LeavesNothingOfTheConnectionAlive()
    {
        var stub = new StubGraphHandler { Fallback = _ => StubGraphHandler.Create(System.Net.HttpStatusCode.OK, GraphPayloads.User(UserId)) };
        using var provider = Build(stub, configuration: null);
        var factory = provider.GetRequiredService<IEntraConnectionFactory>();

        var connection = await CreateUseAndRemoveAsync(factory, f => f.GetOrCreateConnection("a", o => o.Credential = new FakeTokenCredential()), byDispose: true);

        (await AliveAfterCollectionsAsync(connection)).Should().BeEmpty();
    }

    [Fact]
    public async Task Calls_AfterAHandlerLifetimeTheHostSet_GoThroughANewHandlerChain()
    {
        // Once an expired chain is no longer used, IHttpClientFactory disposes it and frees what it holds; a client the
        // connection kept would use (and hold) its first chain for good.
        var created = 0;
        var stub = new StubGraphHandler { Fallback = _ => StubGraphHandler.Create(System.Net.HttpStatusCode.OK, GraphPayloads.User(UserId)) };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEntraConnections(o => o.ConfigureHttpClient = (_, builder) => builder
            .ConfigurePrimaryHttpMessageHandler(() =>
            {
                Interlocked.Increment(ref created);
                return new SharedPrimaryHandler(stub);
            })
            .SetHandlerLifetime(TimeSpan.FromSeconds(1)));
        using var provider = services.BuildServiceProvider();
        var connection = provider.GetRequiredService<IEntraConnectionFactory>().GetOrCreateConnection("a", o => o.Credential = new FakeTokenCredential());

        (await connection.Actions.LookupUserAsync(UserId)).Succeeded.Should().BeTrue();
        var deadline = DateTime.UtcNow + Patience;
        while (Volatile.Read(ref created) < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            (await connection.Actions.LookupUserAsync(UserId)).Succeeded.Should().BeTrue();
        }

        created.Should().Be(2, "calls after the lifetime must use the factory's new chain");
    }

    private static ServiceProvider Build(StubGraphHandler stub, IConfiguration? configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        Action<EntraConnectionFactoryOptions> hooks = o =>
        {
            o.ConfigureOptions = (_, options) => options.Credential ??= new FakeTokenCredential();
            o.ConfigureHttpClient = (_, builder) => builder.ConfigurePrimaryHttpMessageHandler(() => new SharedPrimaryHandler(stub));
        };
        _ = configuration is null ? services.AddEntraConnections(hooks) : services.AddEntraConnections(configuration, configure: hooks);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Not inlined and returning only weak references, so no local of the caller keeps the connection alive.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<Dictionary<string, WeakReference>> CreateUseAndRemoveAsync(
        IEntraConnectionFactory factory, Func<IEntraConnectionFactory, EntraConnection> create, bool byDispose = false)
    {
        var connection = create(factory);
        (await connection.Actions.LookupUserAsync(UserId)).Succeeded.Should().BeTrue();
        (await connection.Invoker.InvokeAsync("entra.lookup_user", new JsonObject { ["userId"] = UserId })).Succeeded.Should().BeTrue();
        var tracked = new Dictionary<string, WeakReference>
        {
            ["connection"] = new(connection),
            ["services"] = new(connection.Services),
            ["Actions"] = new(connection.Actions),
            ["Bulk"] = new(connection.Bulk),
            ["Invoker"] = new(connection.Invoker),
            ["Catalog"] = new(connection.Catalog),
        };

        if (byDispose)
        {
            await connection.DisposeAsync();
        }
        else
        {
            (await factory.RemoveConnectionAsync(connection.Name)).Should().BeTrue();
        }

        return tracked;
    }

    /// <summary>The names of the tracked objects still alive after full collections, waiting a little for finalizers and callbacks.</summary>
    private static async Task<List<string>> AliveAfterCollectionsAsync(Dictionary<string, WeakReference> tracked)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var alive = tracked.Where(pair => pair.Value.IsAlive).Select(pair => pair.Key).ToList();
            if (alive.Count == 0 || DateTime.UtcNow >= deadline)
            {
                return alive;
            }

            await Task.Delay(50);
        }
    }
}
