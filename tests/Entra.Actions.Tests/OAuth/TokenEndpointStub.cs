using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Entra.Actions.OAuth.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Entra.Actions.Tests.OAuth;

/// <summary>A fake token endpoint: records each form posted and answers with the responder.</summary>
public sealed class TokenEndpointStub : HttpMessageHandler
{
    private readonly ConcurrentQueue<Dictionary<string, string>> _forms = new();
    private int _refreshCount;

    public Func<Dictionary<string, string>, Task<HttpResponseMessage>> Responder { get; set; } = form => Task.FromResult(Tokens(form));

    public IReadOnlyList<Dictionary<string, string>> Forms => [.. _forms];

    public List<Uri> Uris { get; } = [];

    public static string Jwt(JsonObject payload)
    {
        static string Encode(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{Encode("{\"alg\":\"none\"}")}.{Encode(payload.ToJsonString())}.";
    }

    /// <summary>A success: refresh tokens <c>rt-1</c>, <c>rt-2</c>, ... so rotation is visible.</summary>
    public static HttpResponseMessage Tokens(Dictionary<string, string> form, int expiresIn = 3600, int? refreshNumber = null)
    {
        var body = new JsonObject
        {
            ["token_type"] = "Bearer",
            ["scope"] = "https://graph.microsoft.com/User.Read.All https://graph.microsoft.com/GroupMember.ReadWrite.All",
            ["expires_in"] = expiresIn,
            ["access_token"] = Jwt(new JsonObject { ["upn"] = "svc@contoso.com", ["oid"] = "oid-1", ["tid"] = "tid-1", ["scp"] = "User.Read.All GroupMember.ReadWrite.All" }),
            ["refresh_token"] = $"rt-{refreshNumber ?? 1}-secret-refresh-token-value",
            ["id_token"] = Jwt(new JsonObject { ["preferred_username"] = "svc@contoso.com", ["name"] = "Service Account", ["oid"] = "oid-1", ["tid"] = "tid-1" }),
        };
        return Json(HttpStatusCode.OK, body);
    }

    public static HttpResponseMessage Error(HttpStatusCode status, string error, int code, string description) =>
        Json(status, new JsonObject
        {
            ["error"] = error,
            ["error_description"] = $"AADSTS{code}: {description} Trace ID: t-1 Correlation ID: c-1 Timestamp: 2026-01-01 00:00:00Z",
            ["error_codes"] = new JsonArray(code),
            ["trace_id"] = "t-1",
            ["correlation_id"] = "c-1",
        });

    public static HttpResponseMessage Json(HttpStatusCode status, JsonNode body) =>
        new(status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };

    public int NextRefreshNumber() => Interlocked.Increment(ref _refreshCount) + 1;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var text = await request.Content!.ReadAsStringAsync(cancellationToken);
        var form = text.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
        lock (Uris)
        {
            Uris.Add(request.RequestUri!);
        }

        _forms.Enqueue(form);
        return await Responder(form);
    }
}

/// <summary>A connect flow over the stub, on a fake clock, with an in-memory store the test can read.</summary>
public sealed class FlowFixture
{
    public FlowFixture(Action<EntraConnectOptions>? configure = null, Action<IServiceCollection>? configureServices = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        configureServices?.Invoke(services);
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IEntraTokenStore>(Store);
        services.AddEntraConnectFlow(o =>
        {
            o.ClientId = ClientId;
            o.RedirectUri = new Uri("https://app.contoso.com/entra/callback");
            configure?.Invoke(o);
        }).ConfigurePrimaryHttpMessageHandler(() => Stub);
        Provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        Flow = Provider.GetRequiredService<IEntraConnectFlow>();
    }

    public const string ClientId = "11111111-2222-3333-4444-555555555555";

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));

    public InMemoryEntraTokenStore Store => _store ??= new InMemoryEntraTokenStore(Time);

    public TokenEndpointStub Stub { get; } = new();

    public ServiceProvider Provider { get; }

    public IEntraConnectFlow Flow { get; }

    private InMemoryEntraTokenStore? _store;

    public async Task<string> VerifierAsync(string state) =>
        System.Text.Json.JsonDocument.Parse((await Store.GetAsync("pending:" + state))!).RootElement.GetProperty("codeVerifier").GetString()!;

    public async Task<EntraConnectResult> ConnectAsync(string name = "contoso")
    {
        var start = await Flow.BeginConnectAsync(name);
        return await Flow.CompleteConnectAsync(start.State, "the-code");
    }

    public static Dictionary<string, string> Query(Uri url) =>
        url.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));

    internal static string Challenge(string verifier) => Pkce.Challenge(verifier);
}
