using System.Collections.Concurrent;
using Azure.Core;
using Entra.Actions.Emulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.Benchmarks.Chaos;

/// <summary>
/// One in-process emulator (throttling model off: the faults are injected) and the library wired to it with every log at Trace
/// going to the shared <see cref="TelemetryCapture"/>. The credential's tokens carry a unique marker as their signature, and every
/// bearer token that reaches the wire is kept as a secret to look for.
/// </summary>
internal sealed class ChaosHost : IAsyncDisposable
{
    public static readonly string[] Permissions = ["User.Read.All", "Group.Read.All", "GroupMember.Read.All", "GroupMember.ReadWrite.All", "Directory.Read.All"];
    private readonly List<ServiceProvider> _providers = [];

    public ChaosHost(TelemetryCapture capture, Secrets secrets)
    {
        Capture = capture;
        Secrets = secrets;
        Emulator = new GraphEmulator();
        Emulator.Options.Throttling.Enabled = false;
        var signature = secrets.Add("token signature", "chaosTokenSig" + Guid.NewGuid().ToString("N"));
        Credential = new EmulatorCredential(() => EmulatorTokens.CreateApplication(Permissions).TrimEnd('.') + "." + signature);
    }

    public GraphEmulator Emulator { get; }

    public TelemetryCapture Capture { get; }

    public Secrets Secrets { get; }

    public TokenCredential Credential { get; }

    public static Guid Group { get; } = Guid.Parse(DemoTenant.ProjectFalconGroupId);

    public HttpMessageHandler CreateWireHandler() => new TokenRecorder(Secrets, Emulator.CreateHandler());

    public ServiceProvider BuildProvider(TokenCredential? credential = null, Action<EntraActionsOptions>? configure = null, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        more?.Invoke(services);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Capture));
        services.AddEntraActions(o =>
        {
            o.GraphBaseUrl = new Uri(GraphEmulator.InProcessBaseUrl);
            o.Credential = credential ?? Credential;
            configure?.Invoke(o);
        }).ConfigurePrimaryHttpMessageHandler(CreateWireHandler);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _providers.Add(provider);
        return provider;
    }

    public List<string> SeedUsers(int count, string prefix)
    {
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid();
            Emulator.Directory.AddUser(new EmulatedUser { Id = id, DisplayName = $"Chaos User {i}", UserPrincipalName = $"{prefix}{i}-{id:N}@contoso.com" });
            ids.Add(id.ToString());
        }

        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
    }

    /// <summary>Keeps every bearer token sent as a secret (the whole token and its payload).</summary>
    private sealed class TokenRecorder(Secrets secrets, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Headers.Authorization is { Parameter: { } token })
            {
                secrets.AddToken(token);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>The secrets of the run: what must never appear in logs, telemetry, exceptions or results.</summary>
internal sealed class Secrets
{
    private readonly ConcurrentDictionary<string, string> _values = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Values => _values;

    public string Add(string kind, string value)
    {
        if (value.Length >= 12)
        {
            _values.TryAdd(value, kind);
        }

        return value;
    }

    /// <summary>A JWT: the whole token, its payload and its signature (the header is the same for every token and says nothing).</summary>
    public void AddToken(string token, string kind = "bearer token")
    {
        if (_values.ContainsKey(token))
        {
            return;
        }

        Add(kind, token);
        var parts = token.Split('.');
        if (parts.Length == 3)
        {
            Add(kind + " payload", parts[1]);
            Add(kind + " signature", parts[2]);
        }
    }
}
