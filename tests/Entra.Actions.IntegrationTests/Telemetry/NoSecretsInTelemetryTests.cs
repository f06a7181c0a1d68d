using System.Net;
using Azure.Core;
using Entra.Actions.IntegrationTests.Support;
using Entra.Actions.Tests.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.IntegrationTests.Telemetry;

/// <summary>
/// A delegated connection made with a client secret acts by userPrincipalName through a named connection, with throttling and
/// failures on the way: no tag of any activity or metric point carries the token, the secret, the code or a UPN.
/// </summary>
[Collection(TelemetryListeners.Name)]
public sealed class NoSecretsInTelemetryTests : IAsyncLifetime
{
    private const string ClientId = "7d0c4a55-0b7e-4d8e-9f3a-6c2f1e0ac0de";
    private const string Redirect = "https://actionflow.contoso.com/entra/callback";
    private const string SecretMarker = "SECRET-MARKER-q8Z~7bV.2kLx";
    private const string ActingUpn = "MeganB@contoso.com";
    private const string UnknownUpn = "nobody.here@contoso.com";

    private EmulatorHarness? _harness;
    private ServiceProvider? _provider;

    private GraphEmulator Emulator => _harness!.Emulator;

    public async Task InitializeAsync()
    {
        var emulator = new GraphEmulator();
        emulator.Options.Throttling.Enabled = false;
        emulator.Authority.RegisterClient(ClientId, [Redirect], clientSecret: SecretMarker);
        _harness = await EmulatorHarness.StartAsync(EmulatorHost.InProcess, emulator);

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEntraConnectFlow(o =>
        {
            o.AuthorityHost = new Uri("https://login.emulator.local");
            o.ClientId = ClientId;
            o.ClientSecret = SecretMarker;
            o.RedirectUri = new Uri(Redirect);
            o.GraphBaseUrl = _harness.BaseUrl;
        }).ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler);
        services.AddEntraConnections(o => o.ConfigureHttpClient = (_, builder) => builder.ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler));
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public async Task DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }

        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    [Fact]
    public async Task ActionsByUpn_DelegatedConnectionWithClientSecret_NoTokenSecretCodeOrUpnInAnyTagOrMetric()
    {
        using var trace = new TraceCapture();
        using var metrics = new MetricCapture();
        var provider = _provider!;
        var flow = provider.GetRequiredService<IEntraConnectFlow>();
        var start = await flow.BeginConnectAsync("contoso", ActingUpn);
        using var browser = new HttpClient(Emulator.CreateHandler());
        using var authorize = await browser.GetAsync(start.AuthorizationUrl);
        authorize.StatusCode.Should().Be(HttpStatusCode.Found);
        var callback = authorize.Headers.Location!;
        var code = System.Web.HttpUtility.ParseQueryString(callback.Query)["code"];
        code.Should().NotBeNullOrEmpty();
        (await flow.CompleteConnectAsync(callback)).Succeeded.Should().BeTrue();
        var credential = flow.GetCredential("contoso");
        var connection = provider.GetRequiredService<IEntraConnectionFactory>().GetOrCreateConnection("contoso", o =>
        {
            o.GraphBaseUrl = _harness!.BaseUrl;
            o.Credential = credential;
        });
        var actions = connection.Actions;
        Emulator.Faults.FailNext(1, 429, "GET", "/users/*", retryAfter: "0.05");

        (await actions.LookupUserAsync(DemoTenant.AdeleVanceUpn)).Succeeded.Should().BeTrue();
        (await actions.LookupUserAsync(UnknownUpn)).Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        (await actions.AddUserToGroupAsync(DemoTenant.AdeleVanceUpn, DemoTenant.ProjectFalconGroupId)).Value!.Outcome.Should().Be(MembershipOutcome.Added);
        (await actions.AddUserToGroupAsync(UnknownUpn, DemoTenant.ProjectFalconGroupId)).Succeeded.Should().BeFalse();
        (await actions.RemoveMemberFromGroupAsync(DemoTenant.AdeleVanceUpn, DemoTenant.ProjectFalconGroupId)).Value!.Outcome.Should().Be(MembershipOutcome.Removed);
        (await actions.LookupUserAsync($"{ActingUpn}' or 1 eq 1")).Succeeded.Should().BeFalse();
        await connection.Bulk.AddUsersToGroupAsync(DemoTenant.ProjectFalconGroupId, [DemoTenant.AdeleVanceUpn, UnknownUpn, ActingUpn]);
        var token = (await credential.GetTokenAsync(new TokenRequestContext(["https://graph.microsoft.com/.default"]), default)).Token;

        string[] markers =
        [
            token, SecretMarker, code!, DemoTenant.AdeleVanceUpn, UnknownUpn, ActingUpn,
            Uri.EscapeDataString(DemoTenant.AdeleVanceUpn), Uri.EscapeDataString(ActingUpn), Uri.EscapeDataString(UnknownUpn),
        ];
        var activities = trace.All;
        activities.Should().NotBeEmpty();
        metrics.Measurements.Should().NotBeEmpty();
        var texts = activities.SelectMany(a => a.TagObjects.Select(t => $"{a.OperationName} {t.Key}={t.Value}").Append($"{a.DisplayName} {a.StatusDescription}"))
            .Concat(metrics.Measurements.SelectMany(m => m.Tags.Select(t => $"{m.Instrument} {t.Key}={t.Value}")))
            .ToList();
        texts.Should().NotBeEmpty();
        foreach (var marker in markers)
        {
            texts.Should().NotContain(text => text.Contains(marker, StringComparison.OrdinalIgnoreCase), "no tag may carry {0}", marker.Length > 40 ? "the token" : marker);
        }

        // The emulator's JWT is unsigned: its payload (the claims, the acting UPN among them) is the part to look for on its own.
        var payload = token.Split('.')[1];
        payload.Length.Should().BeGreaterThan(40);
        texts.Should().NotContain(text => text.Contains(payload, StringComparison.Ordinal), "nor the token's claims");
    }
}
