using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.IntegrationTests.Support;

/// <summary>
/// Two emulated tenants (Contoso and Fabrikam, different tenant ids and users) and a connection factory whose connections are
/// routed to an emulator by connection name. Every request that reaches an emulator is recorded with the <c>tid</c> of the token
/// it carried, so tests can prove that each emulator only ever saw its own tenant's tokens.
/// </summary>
public sealed class TwoTenants : IAsyncDisposable
{
    public static readonly Guid ContosoTenantId = Guid.Parse("c0c0c0c0-1111-4000-8000-00000000000c");
    public static readonly Guid FabrikamTenantId = Guid.Parse("fabfabfa-2222-4000-8000-00000000000f");
    public static readonly Guid AliceId = Guid.Parse("a11ce000-0000-4000-8000-000000000001");
    public static readonly Guid AaronId = Guid.Parse("a11ce000-0000-4000-8000-000000000002");
    public static readonly Guid ContosoGroupId = Guid.Parse("a11ce000-0000-4000-8000-0000000000a1");
    public static readonly Guid BobId = Guid.Parse("b0b00000-0000-4000-8000-000000000001");
    public static readonly Guid BeaId = Guid.Parse("b0b00000-0000-4000-8000-000000000002");
    public static readonly Guid FabrikamGroupId = Guid.Parse("b0b00000-0000-4000-8000-0000000000b1");
    public const string AliceUpn = "alice@contoso.example";
    public const string AaronUpn = "aaron@contoso.example";
    public const string BobUpn = "bob@fabrikam.example";
    public const string BeaUpn = "bea@fabrikam.example";

    private readonly ConcurrentDictionary<string, GraphEmulator> _routes = new(StringComparer.OrdinalIgnoreCase);

    public TwoTenants(IConfiguration? configuration = null, Action<EntraConnectionFactoryOptions>? configure = null)
    {
        Contoso = new GraphEmulator(Seed(ContosoTenantId, "Contoso Flows", ["contoso.example", "contosoflows.onmicrosoft.com"],
            (AliceId, "Alice Contoso", AliceUpn), (AaronId, "Aaron Contoso", AaronUpn), ContosoGroupId, "Contoso Ops"));
        Fabrikam = new GraphEmulator(Seed(FabrikamTenantId, "Fabrikam Inc", ["fabrikam.example", "fabrikaminc.onmicrosoft.com"],
            (BobId, "Bob Fabrikam", BobUpn), (BeaId, "Bea Fabrikam", BeaUpn), FabrikamGroupId, "Fabrikam Ops"));
        Contoso.Options.Throttling.Enabled = false;
        Fabrikam.Options.Throttling.Enabled = false;

        var services = new ServiceCollection();
        services.AddLogging();
        Action<EntraConnectionFactoryOptions> hooks = options =>
        {
            options.ConfigureHttpClient = (name, builder) => builder.ConfigurePrimaryHttpMessageHandler(() =>
                _routes.TryGetValue(name, out var emulator)
                    ? new TenantRecordingHandler(this, emulator)
                    : throw new InvalidOperationException($"No emulator is routed for connection '{name}'."));
            configure?.Invoke(options);
        };
        if (configuration is null)
        {
            services.AddEntraConnections(hooks);
        }
        else
        {
            services.AddEntraConnections(configuration, configure: hooks);
        }

        Root = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Factory = Root.GetRequiredService<IEntraConnectionFactory>();
    }

    public GraphEmulator Contoso { get; }

    public GraphEmulator Fabrikam { get; }

    public ServiceProvider Root { get; }

    public IEntraConnectionFactory Factory { get; }

    /// <summary>The token tenant (tid) of every request, per emulator, as the emulator received it.</summary>
    public ConcurrentDictionary<GraphEmulator, ConcurrentQueue<string?>> ReceivedTenants { get; } = new();

    /// <summary>Routes connection <paramref name="name"/> to <paramref name="emulator"/> (before the connection is created).</summary>
    public void Route(string name, GraphEmulator emulator) => _routes[name] = emulator;

    /// <summary>Creates a connection to <paramref name="emulator"/> authenticating with <paramref name="credential"/>.</summary>
    public EntraConnection Connect(string name, GraphEmulator emulator, Azure.Core.TokenCredential credential)
    {
        Route(name, emulator);
        return Factory.GetOrCreateConnection(name, options =>
        {
            options.GraphBaseUrl = new Uri(GraphEmulator.InProcessBaseUrl);
            options.Credential = credential;
        });
    }

    public IReadOnlyList<string?> TenantsSeenBy(GraphEmulator emulator) =>
        ReceivedTenants.TryGetValue(emulator, out var seen) ? [.. seen] : [];

    public async ValueTask DisposeAsync() => await Root.DisposeAsync();

    private static EmulatedDirectory Seed(Guid tenantId, string name, string[] domains, (Guid Id, string Name, string Upn) first, (Guid Id, string Name, string Upn) second, Guid groupId, string groupName)
    {
        var directory = new EmulatedDirectory(new EmulatedOrganization { Id = tenantId, DisplayName = name, VerifiedDomains = domains });
        foreach (var (id, displayName, upn) in new[] { first, second })
        {
            directory.AddUser(new EmulatedUser { Id = id, DisplayName = displayName, UserPrincipalName = upn, Mail = upn });
        }

        directory.AddGroup(new EmulatedGroup { Id = groupId, DisplayName = groupName, SecurityEnabled = true, MailNickname = groupName.Replace(' ', '-') }, first.Id);
        return directory;
    }

    /// <summary>Decodes (without validating) the tid of the bearer token a request carries.</summary>
    internal static string? TenantOf(HttpRequestMessage request)
    {
        var token = request.Headers.Authorization?.Parameter;
        var parts = token?.Split('.');
        if (parts is not { Length: >= 2 })
        {
            return null;
        }

        var payload = parts[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
        return json.RootElement.TryGetProperty("tid", out var tid) ? tid.GetString() : null;
    }

    /// <summary>The emulator's in-process handler with a recorder in front: what is recorded is exactly what the emulator receives.</summary>
    private sealed class TenantRecordingHandler(TwoTenants owner, GraphEmulator emulator) : DelegatingHandler(emulator.CreateHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            owner.ReceivedTenants.GetOrAdd(emulator, _ => new ConcurrentQueue<string?>()).Enqueue(TenantOf(request));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
