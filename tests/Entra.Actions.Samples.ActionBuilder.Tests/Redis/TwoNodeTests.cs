using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Entra.Actions.Samples.ActionBuilder.Tests.Support;

namespace Entra.Actions.Samples.ActionBuilder.Tests.Redis;

/// <summary>Two nodes of the app sharing a real Redis: tokens, sign-ins, the connection list and the key ring are shared.</summary>
public sealed class TwoNodeTests : IClassFixture<SharedRedisFixture>, IAsyncLifetime
{
    private readonly SharedRedisFixture _shared;
    private AppNode _a = null!;
    private AppNode _b = null!;

    public TwoNodeTests(SharedRedisFixture shared)
    {
        _shared = shared;
    }

    public async Task InitializeAsync()
    {
        await _shared.FlushAsync();
        _a = await AppNode.StartAsync(_shared.Emulator, _shared.Redis.ConnectionString);
        _b = await AppNode.StartAsync(_shared.Emulator, _shared.Redis.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task ConnectOnA_RunOnB_RestartB_DisconnectOnB_GoneOnA()
    {
        using var onA = new AdminBrowser(_a.Url);
        await AdminFlows.ConnectAsync(onA, "contoso");

        using var onB = new AdminBrowser(_b.Url);
        (await AdminFlows.ConnectionNamesAsync(onB)).Should().Equal("contoso");
        var check = (await onB.Http.GetFromJsonAsync<JsonObject>("/api/connections/contoso"))!;
        check["check"]!["works"]!.GetValue<bool>().Should().BeTrue(check.ToJsonString());
        check["check"]!["userPrincipalName"]!.GetValue<string>().Should().Be(EmulatedEntra.ServiceAccountUpn);
        var lookup = await AdminFlows.LookupAdeleAsync(onB, "contoso");
        lookup["success"]!.GetValue<bool>().Should().BeTrue(lookup.ToJsonString());

        // Node B goes away and comes back on the same address: nothing it knew was only in its memory.
        var port = _b.Url.Port;
        await _b.DisposeAsync();
        _b = await AppNode.StartAsync(_shared.Emulator, _shared.Redis.ConnectionString, port);
        (await AdminFlows.ConnectionNamesAsync(onB)).Should().Equal("contoso");
        var afterRestart = await AdminFlows.LookupAdeleAsync(onB, "contoso"); // the antiforgery token issued before the restart still holds
        afterRestart["success"]!.GetValue<bool>().Should().BeTrue(afterRestart.ToJsonString());

        using (var disconnect = await onB.SendAsync(HttpMethod.Delete, "/api/connections/contoso"))
        {
            disconnect.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        (await AdminFlows.ConnectionNamesAsync(onA)).Should().BeEmpty();
        using (var checkOnA = await onA.Http.GetAsync("/api/connections/contoso"))
        {
            checkOnA.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        using var runOnA = await onA.SendAsync(HttpMethod.Post, "/api/connections/contoso/actions/entra.lookup_user", new JsonObject { ["userId"] = DemoTenant.AdeleVanceUpn });
        runOnA.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _shared.KeysAsync("connection:contoso")).Should().BeEmpty("the refresh token is gone from Redis");
    }

    [Fact]
    public async Task AntiforgeryTokenAndSessionFromA_AcceptedOnB()
    {
        // One browser, one cookie jar: cookies are per host, not per port, so both nodes see the same session.
        using var browser = new AdminBrowser(_a.Url);
        await browser.AntiforgeryAsync(); // issued by A

        using var connectOnB = await browser.SendAsync(HttpMethod.Post, new Uri(_b.Url, "/api/connections/contoso/connect").AbsoluteUri);
        connectOnB.StatusCode.Should().Be(HttpStatusCode.OK, await connectOnB.Content.ReadAsStringAsync());
        var authorize = new Uri((await connectOnB.Content.ReadFromJsonAsync<JsonObject>())!["authorizationUrl"]!.GetValue<string>());

        // The sign-in started on B is completed on A (a load balancer may send the callback anywhere).
        var callback = await AdminBrowser.SignInAsUserAsync(authorize, EmulatedEntra.ServiceAccountUpn);
        var callbackOnA = new Uri(_a.Url, callback.PathAndQuery);
        using var back = await browser.Http.GetAsync(callbackOnA);
        back.StatusCode.Should().Be(HttpStatusCode.Redirect, await back.Content.ReadAsStringAsync());
        back.Headers.Location!.OriginalString.Should().Be("/?connected=contoso");

        var lookup = await AdminFlows.RunAsync(browser, "contoso", "entra.lookup_user", new JsonObject { ["userId"] = DemoTenant.AdeleVanceUpn });
        lookup["success"]!.GetValue<bool>().Should().BeTrue(lookup.ToJsonString());
    }

    [Fact]
    public async Task CallbackOnB_FromAnotherSession_RefusedThere()
    {
        using var admin = new AdminBrowser(_a.Url);
        using var attacker = new AdminBrowser(_b.Url);
        await attacker.AntiforgeryAsync();
        var callback = await AdminBrowser.SignInAsUserAsync(await admin.BeginConnectAsync("contoso"), EmulatedEntra.ServiceAccountUpn);

        using var stolen = await attacker.Http.GetAsync(new Uri(_b.Url, callback.PathAndQuery));

        stolen.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await AdminFlows.ConnectionNamesAsync(admin)).Should().BeEmpty();
        (await _shared.KeysAsync("connection:")).Should().BeEmpty();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReconnectOnB_AsAnotherAccount_AUsesTheNewAccount(bool aLooksWhileDisconnected)
    {
        using var onA = new AdminBrowser(_a.Url);
        await AdminFlows.ConnectAsync(onA, "contoso");
        (await AdminFlows.LookupAdeleAsync(onA, "contoso"))["success"]!.GetValue<bool>().Should().BeTrue("A now holds an access token");

        using var onB = new AdminBrowser(_b.Url);
        using (var disconnect = await onB.SendAsync(HttpMethod.Delete, "/api/connections/contoso"))
        {
            disconnect.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        if (aLooksWhileDisconnected)
        {
            (await AdminFlows.ConnectionNamesAsync(onA)).Should().BeEmpty();
        }

        await AdminFlows.ConnectAsync(onB, "contoso", DemoTenant.AdeleVanceUpn);

        var check = (await onA.Http.GetFromJsonAsync<JsonObject>("/api/connections/contoso"))!;
        check["userPrincipalName"]!.GetValue<string>().Should().Be(DemoTenant.AdeleVanceUpn);
        check["check"]!["userPrincipalName"]!.GetValue<string>().Should().Be(DemoTenant.AdeleVanceUpn,
            "A must not act with the access token of the account that was disconnected on B");
    }

    [Fact]
    public async Task StopNode_Always_ClosesItsRedisConnections()
    {
        foreach (var node in new[] { _a, _b })
        {
            using var browser = new AdminBrowser(node.Url);
            (await AdminFlows.ConnectionNamesAsync(browser)).Should().BeEmpty(); // each node has used Redis
        }

        var withBoth = await _shared.OtherClientCountAsync();
        withBoth.Should().BeGreaterThanOrEqualTo(2);

        await _b.DisposeAsync();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        var withA = await _shared.OtherClientCountAsync();
        while (withA > withBoth / 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            withA = await _shared.OtherClientCountAsync();
        }

        _b = await AppNode.StartAsync(_shared.Emulator, _shared.Redis.ConnectionString);
        withA.Should().Be(withBoth / 2, "a stopped node leaves no connection to Redis open");
    }

    [Fact]
    public async Task Redis_AfterConnect_HoldsNoPlainRefreshToken()
    {
        using var onA = new AdminBrowser(_a.Url);
        await AdminFlows.ConnectAsync(onA, "contoso");
        var store = (IEntraTokenStore)_a.App.Services.GetService(typeof(IEntraTokenStore))!;
        var refreshToken = Transcript.OpaqueSecret().Match((await store.GetAsync("connection:contoso"))!).Value;

        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(_shared.Redis.ConnectionString);
        var keys = await _shared.KeysAsync(string.Empty);
        keys.Should().Contain(k => k.Contains("connection:contoso", StringComparison.Ordinal));
        var database = redis.GetDatabase();
        foreach (var key in keys.Where(k => !k.Contains("data-protection", StringComparison.Ordinal)))
        {
            // The cache's entries are hashes; the list of connection names is a set.
            var values = await database.KeyTypeAsync(key) == StackExchange.Redis.RedisType.Set
                ? (await database.SetMembersAsync(key)).Select(v => v.ToString())
                : (await database.HashGetAllAsync(key)).Select(h => h.Value.ToString());
            string.Concat(values).Should().NotContain(refreshToken, key);
        }
    }
}
