using System.Net;
using Entra.Actions.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Entra.Actions.IntegrationTests.OAuth;

/// <summary>
/// The whole delegated connect against the emulator's authority: authorize → 302 → code → tokens stored → actions as the connected
/// user → silent refresh after expiry (emulator and flow share one fake clock) → disconnect or revocation → Unauthorized.
/// </summary>
public abstract class ConnectFlowEndToEndTests : IAsyncLifetime
{
    private const string ClientId = "7d0c4a55-0b7e-4d8e-9f3a-6c2f1e0ac0de";
    private const string Redirect = "https://actionflow.contoso.com/entra/callback";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private EmulatorHarness? _harness;
    private ServiceProvider? _flowProvider;

    protected abstract EmulatorHost Host { get; }

    private EmulatorHarness Harness => _harness!;

    private GraphEmulator Emulator => Harness.Emulator;

    private IEntraConnectFlow Flow => _flowProvider!.GetRequiredService<IEntraConnectFlow>();

    public async Task InitializeAsync()
    {
        var emulator = new GraphEmulator();
        emulator.Options.Throttling.Enabled = false;
        emulator.Options.TimeProvider = _time;
        emulator.Options.SignIn.AccessTokenLifetime = TimeSpan.FromMinutes(10);
        emulator.Authority.RegisterClient(ClientId, [Redirect]);
        _harness = await EmulatorHarness.StartAsync(Host, emulator);

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        var http = services.AddEntraConnectFlow(o =>
        {
            o.AuthorityHost = Harness.Server is { } server ? new Uri($"http://127.0.0.1:{server.Port}") : new Uri("https://login.emulator.local");
            o.ClientId = ClientId;
            o.RedirectUri = new Uri(Redirect);
            o.GraphBaseUrl = Harness.BaseUrl;
        });
        if (Host == EmulatorHost.InProcess)
        {
            http.ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler);
        }

        _flowProvider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public async Task DisposeAsync()
    {
        if (_flowProvider is not null)
        {
            await _flowProvider.DisposeAsync();
        }

        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    /// <summary>Plays the browser: opens the authorization URL and returns where the authority redirects it.</summary>
    private async Task<Uri> AuthorizeAsync(EntraConnectStart start)
    {
        using var http = Host == EmulatorHost.InProcess
            ? new HttpClient(Emulator.CreateHandler())
            : new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var response = await http.GetAsync(start.AuthorizationUrl);
        response.StatusCode.Should().Be(HttpStatusCode.Found, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!;
    }

    private async Task<EntraConnectResult> ConnectAsync(string name, string? loginHint = null)
    {
        var start = await Flow.BeginConnectAsync(name, loginHint);
        var callback = await AuthorizeAsync(start);
        callback.GetLeftPart(UriPartial.Path).Should().Be(Redirect);
        return await Flow.CompleteConnectAsync(callback);
    }

    private int Refreshes() => Emulator.Journal.Entries.Count(e => e.RawPath.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal)
        && e.Body!.Contains("grant_type=refresh_token", StringComparison.Ordinal) && e.StatusCode == 200);

    [Fact]
    public async Task Connect_ThenActionsRefreshSilentlyUntilDisconnected()
    {
        var connected = await ConnectAsync("contoso", loginHint: "MeganB@contoso.com");

        connected.Succeeded.Should().BeTrue(connected.ToString());
        connected.Account!.UserPrincipalName.Should().Be("MeganB@contoso.com");
        connected.Account.ObjectId.Should().Be(DemoTenant.MeganBowenId);
        connected.Account.TenantId.Should().Be(DemoTenant.TenantId);
        connected.Account.Scopes.Should().BeEquivalentTo(EntraConnectOptions.DefaultScopes);
        (await Flow.GetConnectionAsync("contoso"))!.UserPrincipalName.Should().Be("MeganB@contoso.com");

        var actions = Harness.CreateActions(Flow.GetCredential("contoso"));
        var first = await actions.LookupUserAsync(DemoTenant.AdeleVanceId);
        first.Succeeded.Should().BeTrue(first.ToString());
        first.Value!.DisplayName.Should().Be("Adele Vance");
        Refreshes().Should().Be(0, "the access token from the code redemption is still fresh");

        _time.Advance(TimeSpan.FromMinutes(11));
        var afterExpiry = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => actions.LookupGroupAsync(DemoTenant.ProjectFalconGroupId))));
        afterExpiry.Should().OnlyContain(r => r.Succeeded);
        Refreshes().Should().Be(1, "one silent refresh serves every parallel caller");

        var added = await actions.AddUserToGroupAsync(DemoTenant.LeeGuId, DemoTenant.ProjectFalconGroupId);
        added.Value!.Outcome.Should().Be(MembershipOutcome.Added);

        (await Flow.DisconnectAsync("contoso")).Should().BeTrue();
        var afterDisconnect = await actions.LookupUserAsync(DemoTenant.AdeleVanceId);

        afterDisconnect.Succeeded.Should().BeFalse();
        afterDisconnect.Error!.Kind.Should().Be(EntraErrorKind.Unauthorized);
        afterDisconnect.Error.Message.Should().Contain("'contoso' is not connected");
        (await Flow.GetConnectionAsync("contoso")).Should().BeNull();
    }

    [Fact]
    public async Task Connect_WithTheDefaultScopes_ConnectionCheckFindsNothingExcessOrRedundant()
    {
        var connected = await ConnectAsync("contoso", loginHint: "MeganB@contoso.com");
        connected.Account!.Scopes.Should().BeEquivalentTo(["User.Read.All", "GroupMember.ReadWrite.All"], "the defaults are the catalog's least privilege");

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEntraConnections(o =>
        {
            if (Host == EmulatorHost.InProcess)
            {
                o.ConfigureHttpClient = (_, builder) => builder.ConfigurePrimaryHttpMessageHandler(Emulator.CreateHandler);
            }
        });
        await using var root = services.BuildServiceProvider();
        var connection = root.GetRequiredService<IEntraConnectionFactory>().GetOrCreateConnection("contoso", o =>
        {
            o.GraphBaseUrl = Harness.BaseUrl;
            o.Credential = Flow.GetCredential("contoso");
        });

        var report = await connection.CheckAsync();

        report.Works.Should().BeTrue(report.Error?.ToString());
        report.PermissionModel.Should().Be(EntraPermissionModel.Delegated);
        report.GrantedPermissions.Should().Contain(EntraConnectOptions.DefaultScopes);
        report.Actions.Should().NotBeEmpty().And.OnlyContain(a => a.CanRun);
        report.ExcessPermissions.Should().BeEmpty();
        report.Warnings.Select(w => w.Kind).Should().NotContain([EntraConnectionWarningKind.ExcessPermissions, EntraConnectionWarningKind.RedundantPermissions]);
    }

    [Fact]
    public async Task RevokedRefreshToken_NextRefreshIsUnauthorizedAndDisconnects()
    {
        (await ConnectAsync("contoso")).Succeeded.Should().BeTrue();
        var actions = Harness.CreateActions(Flow.GetCredential("contoso"));
        (await actions.LookupUserAsync(DemoTenant.AdeleVanceId)).Succeeded.Should().BeTrue();

        Emulator.Authority.RevokeRefreshTokens(DemoTenant.AdeleVanceUpn).Should().Be(1);
        (await actions.LookupUserAsync(DemoTenant.AdeleVanceId)).Succeeded.Should().BeTrue("the access token stays valid until it expires");
        _time.Advance(TimeSpan.FromMinutes(11));
        var result = await actions.LookupUserAsync(DemoTenant.AdeleVanceId);

        result.Error!.Kind.Should().Be(EntraErrorKind.Unauthorized);
        result.Error.Message.Should().Contain("'contoso' is no longer authorized").And.Contain("AADSTS50173").And.Contain("Connect it again");
        (await Flow.GetConnectionAsync("contoso")).Should().BeNull();
    }

    [Fact]
    public async Task ReplayedCallback_SecondCompleteIsInvalidState()
    {
        var start = await Flow.BeginConnectAsync("contoso");
        var callback = await AuthorizeAsync(start);

        (await Flow.CompleteConnectAsync(callback)).Succeeded.Should().BeTrue();
        var replay = await Flow.CompleteConnectAsync(callback);

        replay.Error!.Kind.Should().Be(EntraConnectErrorKind.InvalidState);
    }

    [Fact]
    public async Task DisabledAccount_ErrorRedirect_AuthorizationFailed()
    {
        var disabled = Emulator.Directory.Users.First(u => !u.AccountEnabled);

        var result = await ConnectAsync("contoso", loginHint: disabled.UserPrincipalName);

        result.Error!.Kind.Should().Be(EntraConnectErrorKind.AuthorizationFailed);
        result.Error.ErrorCodes.Should().Equal(50057);
    }

    [Fact]
    public async Task TwoConnections_EachActsAsItsOwnAccount()
    {
        (await ConnectAsync("a", loginHint: DemoTenant.AdeleVanceUpn)).Succeeded.Should().BeTrue();
        (await ConnectAsync("b", loginHint: "MeganB@contoso.com")).Succeeded.Should().BeTrue();

        await Flow.DisconnectAsync("a");

        (await Harness.CreateActions(Flow.GetCredential("a")).LookupUserAsync(DemoTenant.LeeGuId)).Error!.Kind.Should().Be(EntraErrorKind.Unauthorized);
        (await Harness.CreateActions(Flow.GetCredential("b")).LookupUserAsync(DemoTenant.LeeGuId)).Succeeded.Should().BeTrue();
    }

    public sealed class InProcess : ConnectFlowEndToEndTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    public sealed class Kestrel : ConnectFlowEndToEndTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }
}
