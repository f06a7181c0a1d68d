using System.Net;
using System.Text.Json.Nodes;
using Entra.Actions.Connections.Internal;
using Entra.Actions.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Entra.Actions.Tests.Connections;

/// <summary>
/// <see cref="EntraConnectionFactoryOptions.IdleTimeout"/>: an idle connection drops its services and builds them again on its
/// next call, through the objects it handed out before; never while a call runs, never after it was removed.
/// </summary>
public sealed class IdleTimeoutTests : IDisposable
{
    private const string UserId = "aaaaaaaa-0000-4000-8000-000000000001";
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(10);

    private readonly FakeTimeProvider _time = new();
    private readonly StubGraphHandler _graph = new() { Fallback = _ => StubGraphHandler.Create(HttpStatusCode.OK, GraphPayloads.User(UserId)) };
    private readonly FakeLoggerProvider _logs = new();
    private ServiceProvider? _host;
    private int _builds;

    public void Dispose()
    {
        _host?.Dispose();
        _logs.Dispose();
    }

    [Fact]
    public void IdleTimeout_Default_IsTwentyMinutes()
    {
        new EntraConnectionFactoryOptions().IdleTimeout.Should().Be(TimeSpan.FromMinutes(20)).And.Be(EntraConnectionFactoryOptions.DefaultIdleTimeout);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-2)]
    [InlineData(-60_000)]
    public void IdleTimeout_ZeroOrNegativeOtherThanInfinite_IsRefusedNamingTheRule(int milliseconds)
    {
        var options = new EntraConnectionFactoryOptions();

        var set = () => options.IdleTimeout = TimeSpan.FromMilliseconds(milliseconds == -1 ? -1.5 : milliseconds);

        set.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*IdleTimeout must be positive, or Timeout.InfiniteTimeSpan*");
        options.IdleTimeout.Should().Be(EntraConnectionFactoryOptions.DefaultIdleTimeout);
    }

    [Fact]
    public void IdleTimeout_PositiveOrInfinite_IsAccepted()
    {
        var options = new EntraConnectionFactoryOptions { IdleTimeout = TimeSpan.FromTicks(1) };
        options.IdleTimeout = Timeout.InfiniteTimeSpan;

        options.IdleTimeout.Should().Be(Timeout.InfiniteTimeSpan);
    }

    [Fact]
    public async Task Connection_UnusedForTheIdleTimeout_DropsItsServicesAndTheObjectsHandedOutBeforeStillWork()
    {
        var factory = Factory();
        var connection = Create(factory, "a");
        var (actions, queries, bulk, invoker, catalog) = (connection.Actions, connection.Queries, connection.Bulk, connection.Invoker, connection.Catalog);
        (await actions.LookupUserAsync(UserId)).Succeeded.Should().BeTrue();
        var firstBuild = connection.Services;

        Advance(IdleTimeout);

        var useDropped = () => firstBuild.GetService(typeof(IEntraActions));
        useDropped.Should().Throw<ObjectDisposedException>("the idle connection's services were disposed");
        _builds.Should().Be(1, "nothing is built again before the next call");
        _logs.Collector.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 4004 && r.Level == LogLevel.Debug)
            .Which.Message.Should().Contain("Entra connection a unused for 00:10:00");

        (await actions.LookupUserAsync(UserId)).Value!.Id.Should().Be(UserId);
        _builds.Should().Be(2);
        (await invoker.InvokeAsync("entra.lookup_user", new JsonObject { ["userId"] = UserId })).Succeeded.Should().BeTrue();
        (await bulk.LookupUsersAsync([UserId])).Items.Should().ContainSingle().Which.Input.Should().Be(UserId);
        (await queries.CheckMembershipAsync(UserId, "bbbbbbbb-0000-4000-8000-000000000002")).Should().NotBeNull();
        catalog.Find("entra.lookup_user").Should().NotBeNull();
        (await connection.CheckAsync()).Should().NotBeNull();
        _builds.Should().Be(2, "every call after the drop ran on the one new build");
        factory.GetOrCreateConnection("a", _ => throw new InvalidOperationException("not called")).Should().BeSameAs(connection);
        _logs.Collector.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 4005 && r.Level == LogLevel.Debug);
    }

    [Fact]
    public async Task Sweep_OneTimerForTheFactory_RunningOnlyWhileSomeConnectionIsBuilt()
    {
        var clock = new ArmedTimers(_time);
        var factory = Factory(time: clock);
        clock.Armed.Should().Be(0);

        var a = Create(factory, "a");
        Create(factory, "b");
        clock.Armed.Should().Be(1, "the factory has one timer, not one per connection");
        Advance(IdleTimeout);
        clock.Armed.Should().Be(0, "idle connections cost no timer");
        (await a.Actions.LookupUserAsync(UserId)).Succeeded.Should().BeTrue();
        clock.Armed.Should().Be(1);
        (await factory.RemoveConnectionAsync("a")).Should().BeTrue();

        clock.Armed.Should().Be(0, "removing the last built connection stops the timer");
        clock.Created.Should().Be(1);
    }

    [Fact]
    public async Task Connection_UsedWithinTheIdleTimeout_KeepsItsServices()
    {
        var connection = Create(Factory(), "a");
        var firstBuild = connection.Services;

        Advance(IdleTimeout - TimeSpan.FromMinutes(1));
        (await connection.Actions.LookupUserAsync(UserId)).Succeeded.Should().BeTrue();
        Advance(IdleTimeout - TimeSpan.FromMinutes(1));

        firstBuild.GetService(typeof(IEntraActions)).Should().NotBeNull();
        connection.Services.Should().BeSameAs(firstBuild);
        _builds.Should().Be(1);
    }

    [Fact]
    public async Task Connection_IdleTimeoutInfinite_NeverDropsItsServices()
    {
        var connection = Create(Factory(Timeout.InfiniteTimeSpan), "a");
        var firstBuild = connection.Services;

        _time.Advance(TimeSpan.FromDays(30));

        (await connection.Actions.LookupUserAsync(UserId)).Succeeded.Should().BeTrue();
        connection.Services.Should().BeSameAs(firstBuild);
        _builds.Should().Be(1);
    }

    [Fact]
    public async Task Connection_CallRunningLongerThanTheIdleTimeout_IsNotDroppedUntilTheCallEnds()
    {
        var credential = new GatedCredential();
        var factory = Factory();
        var connection = factory.GetOrCreateConnection("a", o => o.Credential = credential);
        var firstBuild = connection.Services;

        var call = connection.Actions.LookupUserAsync(UserId);
        await credential.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        Advance(IdleTimeout * 3);

        firstBuild.GetService(typeof(IEntraActions)).Should().NotBeNull("a call still runs on these services");
        credential.Open();
        (await call).Value!.Id.Should().Be(UserId);
        connection.Services.Should().BeSameAs(firstBuild);

        Advance(IdleTimeout);

        var useDropped = () => firstBuild.GetService(typeof(IEntraActions));
        useDropped.Should().Throw<ObjectDisposedException>("idle time counts from the end of the last call");
        _builds.Should().Be(1);
    }

    [Fact]
    public async Task RemoveConnectionAsync_WhileACallRuns_LetsTheCallFinishThenDisposesAndRefusesLaterCalls()
    {
        var credential = new GatedCredential();
        var factory = Factory();
        var connection = factory.GetOrCreateConnection("a", o => o.Credential = credential);
        var actions = connection.Actions;
        var firstBuild = connection.Services;
        var call = actions.LookupUserAsync(UserId);
        await credential.Entered.WaitAsync(TimeSpan.FromSeconds(10));

        (await factory.RemoveConnectionAsync("a")).Should().BeTrue();
        firstBuild.GetService(typeof(IEntraActions)).Should().NotBeNull("the running call keeps its services until it ends");
        credential.Open();

        (await call).Value!.Id.Should().Be(UserId);
        var useRemoved = () => firstBuild.GetService(typeof(IEntraActions));
        useRemoved.Should().Throw<ObjectDisposedException>("the last call on a removed connection disposes its services");
        var callRemoved = () => actions.LookupUserAsync(UserId);
        await callRemoved.Should().ThrowAsync<ObjectDisposedException>().WithMessage("The Entra connection 'a' was removed*");
    }

    [Fact]
    public async Task RemovedAfterADrop_ObjectsHandedOutBefore_DoNotBuildTheConnectionAgain()
    {
        var factory = Factory();
        var connection = Create(factory, "a");
        var (actions, invoker, catalog) = (connection.Actions, connection.Invoker, connection.Catalog);
        Advance(IdleTimeout);

        (await factory.RemoveConnectionAsync("a")).Should().BeTrue();

        var lookup = () => actions.LookupUserAsync(UserId);
        await lookup.Should().ThrowAsync<ObjectDisposedException>().WithMessage("The Entra connection 'a' was removed*");
        var invoke = () => invoker.InvokeAsync("entra.lookup_user", new JsonObject { ["userId"] = UserId });
        await invoke.Should().ThrowAsync<ObjectDisposedException>();
        var read = () => catalog.Actions;
        read.Should().Throw<ObjectDisposedException>();
        var check = () => connection.CheckAsync();
        await check.Should().ThrowAsync<ObjectDisposedException>();
        _builds.Should().Be(1, "a removed connection is never built again");
        Create(factory, "a").Should().NotBeSameAs(connection);
    }

    [Fact]
    public async Task ConfiguredConnection_SectionMadeInvalidWhileIdle_NextCallThrowsAsCreatingItWouldAndALaterFixIsPickedUp()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("EntraActions:Connections:b:TenantId", "22222222-0000-4000-8000-00000000000b")])
            .Build();
        var factory = Factory(configure: o => o.ConfigureOptions = (_, options) => options.Credential ??= new FakeTokenCredential(), configuration: configuration);
        var actions = factory.GetConnection("b").Actions;
        Advance(IdleTimeout);

        configuration["EntraActions:Connections:b:MaxRetryAttempts"] = "-1";
        var call = () => actions.LookupUserAsync(UserId);

        (await call.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("EntraActions:Connections:b:MaxRetryAttempts");
        configuration["EntraActions:Connections:b:MaxRetryAttempts"] = "2";
        (await actions.LookupUserAsync(UserId)).Succeeded.Should().BeTrue();
        factory.GetConnection("b").Services.GetRequiredService<IOptions<EntraActionsOptions>>().Value.MaxRetryAttempts.Should().Be(2);
    }

    [Fact]
    public async Task Calls_RacingIdleDrops_AllRunAndNoDisposedServicesLeakOut()
    {
        var onDisposedServices = 0;
        var connection = Create(Factory(configure: o => o.ConfigureHttpClient = (_, builder) => builder
            .ConfigurePrimaryHttpMessageHandler(() => new SharedPrimaryHandler(_graph))
            .AddHttpMessageHandler(services => new BuildWatch(services.GetRequiredService<BuildMarker>(), () => Interlocked.Increment(ref onDisposedServices)))), "a");
        var actions = connection.Actions;
        var failures = 0;
        var calls = 0;
        using var stop = new CancellationTokenSource();

        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var result = await actions.LookupUserAsync(UserId);
                    Interlocked.Increment(ref result.Succeeded ? ref calls : ref failures);
                }
                catch (ObjectDisposedException)
                {
                    Interlocked.Increment(ref failures);
                }

                await Task.Delay(Random.Shared.Next(2));
            }
        })).ToList();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((Volatile.Read(ref _builds) < 10 || Volatile.Read(ref calls) < 300) && DateTime.UtcNow < deadline)
        {
            // One step of the whole timeout: the sweep it runs drops the build whenever no call holds it at that moment.
            _time.Advance(IdleTimeout);
            await Task.Delay(1);
        }

        await stop.CancelAsync();
        await Task.WhenAll(workers);

        onDisposedServices.Should().Be(0, "a call never runs on services an idle drop disposed");
        failures.Should().Be(0);
        _builds.Should().BeGreaterThanOrEqualTo(10, "the connection was dropped and built again while calls ran");
        calls.Should().BeGreaterThanOrEqualTo(300);
    }

    [Fact]
    public async Task DisposingTheFactory_StopsTheSweepAndDisposesBuiltConnections()
    {
        var factory = Factory();
        var connection = Create(factory, "a");
        var firstBuild = connection.Services;

        await _host!.DisposeAsync();
        _time.Advance(IdleTimeout * 2);

        var useDisposed = () => firstBuild.GetService(typeof(IEntraActions));
        useDisposed.Should().Throw<ObjectDisposedException>();
        var call = () => connection.Actions.LookupUserAsync(UserId);
        await call.Should().ThrowAsync<ObjectDisposedException>();
        _logs.Collector.GetSnapshot().Should().NotContain(r => r.Id.Id == 4004, "nothing is left to sweep once the factory is gone");
    }

    private IEntraConnectionFactory Factory(
        TimeSpan? idleTimeout = null, Action<EntraConnectionFactoryOptions>? configure = null, IConfiguration? configuration = null, TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton(time ?? _time);
        Action<EntraConnectionFactoryOptions> hooks = o =>
        {
            o.IdleTimeout = idleTimeout ?? IdleTimeout;
            o.ConfigureHttpClient = (_, builder) => builder.ConfigurePrimaryHttpMessageHandler(() => new SharedPrimaryHandler(_graph));
            o.ConfigureServices = (_, services) =>
            {
                Interlocked.Increment(ref _builds);
                services.AddSingleton<BuildMarker>();
            };
            configure?.Invoke(o);
        };
        _ = configuration is null ? services.AddEntraConnections(hooks) : services.AddEntraConnections(configuration, configure: hooks);
        _host = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return _host.GetRequiredService<IEntraConnectionFactory>();
    }

    private static EntraConnection Create(IEntraConnectionFactory factory, string name) =>
        factory.GetOrCreateConnection(name, o => o.Credential = new FakeTokenCredential());

    /// <summary>Moves the clock in sweep-sized steps, so every sweep on the way runs.</summary>
    private void Advance(TimeSpan by)
    {
        for (var passed = TimeSpan.Zero; passed < by; passed += TimeSpan.FromMinutes(1))
        {
            _time.Advance(TimeSpan.FromMinutes(1));
        }
    }
}
