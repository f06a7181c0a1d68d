using System.Text.Json;
using System.Text.Json.Nodes;
using Entra.Actions.Emulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.Benchmarks.Chaos;

/// <summary>
/// Drives the delegated connect flow against the emulator's authority as a confidential client (a client secret), so the run
/// handles every kind of secret the library ever holds: the client secret, the authorization code, the PKCE verifier, access,
/// refresh and id tokens, and a forged code. Then runs actions (some failing, some under faults) as the connected user, refreshes
/// the token silently, and disconnects. Each secret is kept for the marker search.
/// </summary>
internal sealed class ConnectFlowProbe(ChaosHost host)
{
    private const string ClientId = "5c4e0f3a-9b1d-4e2f-8a7c-3d6b0e1f2a4c";
    private const string Redirect = "https://chaos.contoso.com/entra/callback";
    private const string Authority = "https://login.emulator.local";

    public async Task<ConnectReport> RunAsync()
    {
        var secrets = host.Secrets;
        var capture = host.Capture;
        var emulator = host.Emulator;
        var clientSecret = secrets.Add("client secret", "chaosClientSecret~" + Guid.NewGuid().ToString("N"));
        emulator.Authority.RegisterClient(ClientId, [Redirect], clientSecret);

        // Short-lived access tokens: the flow refreshes them (RefreshBeforeExpiry is 5 minutes) on the next use after 2 s.
        emulator.Options.SignIn.AccessTokenLifetime = TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(2);

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(capture));
        services.AddEntraConnectFlow(o =>
        {
            o.AuthorityHost = new Uri(Authority);
            o.ClientId = ClientId;
            o.ClientSecret = clientSecret;
            o.RedirectUri = new Uri(Redirect);
            o.GraphBaseUrl = new Uri(GraphEmulator.InProcessBaseUrl);
        }).ConfigurePrimaryHttpMessageHandler(() => new TokenResponseRecorder(secrets, emulator.CreateHandler()));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        var flow = provider.GetRequiredService<IEntraConnectFlow>();

        var start = await flow.BeginConnectAsync("chaos", "MeganB@contoso.com");
        capture.Add("result", start.ToString());
        var callback = await AuthorizeAsync(start.AuthorizationUrl);
        var code = Query(callback, "code");
        if (code is not null)
        {
            secrets.Add("authorization code", code);
        }

        var connected = await flow.CompleteConnectAsync(callback);
        capture.Add("result", connected.ToString());
        // The same code again, and a forged code with the real state: both must fail without quoting the code.
        var replay = await flow.CompleteConnectAsync(callback);
        capture.Add("result", replay.ToString());
        var second = await flow.BeginConnectAsync("chaos-forged");
        var forged = secrets.Add("forged authorization code", "chaosForgedCode." + Guid.NewGuid().ToString("N"));
        var forgedResult = await flow.CompleteConnectAsync(second.State, forged);
        capture.Add("result", forgedResult.ToString());
        var third = await flow.BeginConnectAsync("chaos-forged-url");
        var forgedUrl = new Uri($"{Redirect}?code={Uri.EscapeDataString(forged)}&state={Uri.EscapeDataString(third.State)}");
        capture.Add("result", (await flow.CompleteConnectAsync(forgedUrl)).ToString());

        var actions = 0;
        if (connected.Succeeded)
        {
            actions += await ActAsync(flow);
            await Task.Delay(TimeSpan.FromSeconds(2.5));
            actions += await ActAsync(flow);
        }

        capture.Add("result", (await flow.DisconnectAsync("chaos")).ToString());
        capture.Add("result", (await host.BuildProvider(flow.GetCredential("chaos")).GetRequiredService<IEntraActions>().LookupUserAsync(DemoTenant.AdeleVanceId)).ToString());
        var refreshes = emulator.Journal.Entries.Count(e => e.RawPath.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal)
            && e.Body?.Contains("grant_type=refresh_token", StringComparison.Ordinal) == true);
        return new ConnectReport(connected.Succeeded, !replay.Succeeded, !forgedResult.Succeeded, refreshes, actions);
    }

    private static string? Query(Uri uri, string name) =>
        uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && p[0] == name).Select(p => Uri.UnescapeDataString(p[1])).FirstOrDefault();

    /// <summary>Runs successful and failing actions as the connected user, a few under injected faults.</summary>
    private async Task<int> ActAsync(IEntraConnectFlow flow)
    {
        var provider = host.BuildProvider(flow.GetCredential("chaos"));
        var actions = provider.GetRequiredService<IEntraActions>();
        var bulk = provider.GetRequiredService<IEntraBulkActions>();
        var invoker = provider.GetRequiredService<IEntraActionInvoker>();
        var group = ChaosHost.Group.ToString();
        host.Emulator.Faults.FailNext(1, 429, retryAfter: "0.01");
        host.Emulator.Faults.DropConnection(1, "POST");
        host.Emulator.Faults.FailNext(1, 503, "DELETE", retryAfter: "0.01", applyRequest: true);
        var texts = new List<string?>
        {
            (await actions.LookupUserAsync(DemoTenant.AdeleVanceId)).ToString(),
            (await actions.LookupUserAsync("nobody-" + Guid.NewGuid().ToString("N")[..8] + "@contoso.com")).ToString(),
            (await actions.LookupGroupAsync(Guid.NewGuid().ToString())).ToString(),
            (await actions.AddUserToGroupAsync(DemoTenant.LeeGuId, group)).ToString(),
            (await actions.AddUserToGroupAsync(DemoTenant.LeeGuId, group)).ToString(),
            (await actions.RemoveMemberFromGroupAsync(DemoTenant.LeeGuId, group)).ToString(),
            (await actions.RemoveMemberFromGroupAsync(DemoTenant.LeeGuId, group)).ToString(),
            (await bulk.AddUsersToGroupAsync(group, [DemoTenant.AdeleVanceId, Guid.NewGuid().ToString(), "x@y"])).Items.Select(i => i.ToString()).Aggregate((a, b) => a + "\n" + b),
            (await invoker.InvokeAsync("entra.lookup_user", new JsonObject { ["userId"] = "../me" })).ToJson(),
            (await invoker.InvokeAsync("entra.add_user_to_group", new JsonObject { ["userId"] = DemoTenant.AdeleVanceId, ["groupId"] = Guid.NewGuid().ToString() })).ToJson(),
        };
        host.Emulator.Faults.Clear();
        foreach (var text in texts)
        {
            host.Capture.Add("result", text);
        }

        return texts.Count;
    }

    /// <summary>Plays the browser: opens the authorization URL and returns where the authority redirects it (the callback).</summary>
    private async Task<Uri> AuthorizeAsync(Uri authorizationUrl)
    {
        using var http = new HttpClient(host.Emulator.CreateHandler());
        using var response = await http.GetAsync(authorizationUrl);
        return response.Headers.Location ?? throw new InvalidOperationException($"The authority answered {(int)response.StatusCode}, not a redirect.");
    }

    /// <summary>Keeps every secret sent to the authority (the PKCE verifier, code, refresh token) and every token it hands out.</summary>
    private sealed class TokenResponseRecorder(Secrets secrets, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is { } form)
            {
                foreach (var pair in (await form.ReadAsStringAsync(cancellationToken)).Split('&'))
                {
                    var parts = pair.Split('=', 2);
                    if (parts is [var name and ("code_verifier" or "code" or "refresh_token" or "client_secret"), var value])
                    {
                        secrets.Add(name.Replace('_', ' ') + " (sent)", Uri.UnescapeDataString(value.Replace('+', ' ')));
                    }
                }
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri?.AbsolutePath.EndsWith("/token", StringComparison.Ordinal) == true && response.Content is { } content)
            {
                await content.LoadIntoBufferAsync(cancellationToken);
                try
                {
                    using var json = JsonDocument.Parse(await content.ReadAsStringAsync(cancellationToken));
                    foreach (var name in new[] { "access_token", "refresh_token", "id_token" })
                    {
                        if (json.RootElement.TryGetProperty(name, out var value) && value.GetString() is { } token)
                        {
                            secrets.AddToken(token, name.Replace('_', ' '));
                        }
                    }
                }
                catch (JsonException)
                {
                    // An error answer without JSON holds no token.
                }
            }

            return response;
        }
    }
}

internal sealed record ConnectReport(bool Connected, bool ReplayRefused, bool ForgedRefused, int Refreshes, int Actions);
