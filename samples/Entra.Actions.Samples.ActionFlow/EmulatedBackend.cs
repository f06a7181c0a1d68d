using System.Net;
using Entra.Actions.Emulator;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.Samples.ActionFlow;

/// <summary>
/// The services an action-flow backend registers (the delegated connect flow and the connection factory), wired to the embedded
/// Graph emulator instead of Microsoft Entra: the emulator plays both the authority (<c>login.microsoftonline.com</c>) and
/// Graph, in process, so the sample runs with no account, app registration or network.
/// </summary>
internal sealed class EmulatedBackend : IAsyncDisposable
{
    /// <summary>The connection name; a real backend uses its customer's id.</summary>
    public const string ConnectionName = "contoso";

    /// <summary>The dedicated account the admin connects with, added to the demo tenant: actions are attributed to it.</summary>
    public const string ServiceAccountUpn = "svc-flows@contoso.com";

    /// <summary>The app registration of the backend (registered with the emulated authority).</summary>
    private const string ClientId = "3f9a6b1e-5c2d-4e8f-a7b0-0c0de0f10a01";

    /// <summary>Where Entra sends the browser back after sign-in (the backend's callback endpoint).</summary>
    private static readonly Uri RedirectUri = new("https://flows.contoso.example/entra/callback");

    /// <summary>Any host works in process; the emulator's handler answers it.</summary>
    private static readonly Uri AuthorityHost = new("https://login.emulator.local");

    private readonly ServiceProvider _services;

    private EmulatedBackend(GraphEmulator emulator, ServiceProvider services)
    {
        Emulator = emulator;
        _services = services;
        ConnectFlow = services.GetRequiredService<IEntraConnectFlow>();
        Connections = services.GetRequiredService<IEntraConnectionFactory>();
    }

    /// <summary>The emulator (demo tenant "Contoso").</summary>
    public GraphEmulator Emulator { get; }

    /// <summary>Connects delegated accounts (OAuth authorization code with PKCE) and hands out their credentials.</summary>
    public IEntraConnectFlow ConnectFlow { get; }

    /// <summary>Creates one connection per customer.</summary>
    public IEntraConnectionFactory Connections { get; }

    /// <summary>
    /// Starts the emulator with the demo tenant plus the service account, and builds the backend's services.
    /// </summary>
    /// <param name="scopes">The delegated Graph permissions to ask for; <see langword="null"/> for the four the actions need.</param>
    /// <returns>The backend.</returns>
    public static EmulatedBackend Start(IList<string>? scopes = null)
    {
        var emulator = new GraphEmulator();
        emulator.Directory.AddUser(new EmulatedUser
        {
            Id = Guid.Parse("c0de0003-7a1b-4c2d-8e3f-0c0de0f10a02"),
            DisplayName = "Flow Service Account",
            UserPrincipalName = ServiceAccountUpn,
            JobTitle = "Service account for Contoso Flows",
        });
        emulator.Authority.RegisterClient(ClientId, [RedirectUri.ToString()]);

        var services = new ServiceCollection();
        services.AddLogging();

        // What a real backend registers, with the emulator's in-process handler as the primary handler of each HTTP client.
        services.AddEntraConnectFlow(o =>
        {
            o.AuthorityHost = AuthorityHost;
            o.ClientId = ClientId;
            o.RedirectUri = RedirectUri;
            o.GraphBaseUrl = new Uri(GraphEmulator.InProcessBaseUrl);
            o.Scopes = scopes;
        }).ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler);
        services.AddEntraConnections(o =>
            o.ConfigureHttpClient = (_, http) => http.ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler));

        return new EmulatedBackend(emulator, services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }));
    }

    /// <summary>
    /// Plays the admin's browser: opens the authorization URL, signs in as <paramref name="start"/>'s login hint (the emulator signs
    /// in without a page), and returns the URL the authority redirects to: the backend's callback with <c>code</c> and <c>state</c>.
    /// </summary>
    /// <param name="start">The started connect.</param>
    /// <returns>The callback URL.</returns>
    public async Task<Uri> SignInAsync(EntraConnectStart start)
    {
        using var browser = new HttpClient(Emulator.CreateHandler());
        using var response = await browser.GetAsync(start.AuthorizationUrl);
        return response.StatusCode == HttpStatusCode.Found && response.Headers.Location is { } callback
            ? callback
            : throw new InvalidOperationException($"The authority answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The connection of <see cref="ConnectionName"/>, authenticating with the connected account's credential.</summary>
    /// <returns>The connection (created on first use, then cached by the factory).</returns>
    public EntraConnection GetConnection() => Connections.GetOrCreateConnection(ConnectionName, o =>
    {
        o.GraphBaseUrl = new Uri(GraphEmulator.InProcessBaseUrl);
        o.Credential = ConnectFlow.GetCredential(ConnectionName);
    });

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
