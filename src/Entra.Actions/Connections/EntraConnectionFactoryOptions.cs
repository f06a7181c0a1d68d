using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions;

/// <summary>
/// Host hooks applied to every connection the <see cref="IEntraConnectionFactory"/> creates. Each hook receives the connection name.
/// Set them with <c>services.AddEntraConnections(options =&gt; ...)</c> (or <c>services.Configure&lt;EntraConnectionFactoryOptions&gt;</c>).
/// </summary>
public sealed class EntraConnectionFactoryOptions
{
    /// <summary>The child section of <c>EntraActions</c> that holds the named connections: <c>Connections</c>.</summary>
    public const string ConnectionsSectionName = "Connections";

    /// <summary>
    /// Adjusts a connection's options after they were bound or configured and before they are validated (for example to set
    /// <see cref="EntraActionsOptions.Credential"/> from the host's vault for a connection named in configuration). Default: none.
    /// </summary>
    public Action<string, EntraActionsOptions>? ConfigureOptions { get; set; }

    /// <summary>
    /// Configures a connection's Graph <see cref="HttpClient"/> builder, as the builder <c>AddEntraActions</c> returns (for example to
    /// add a handler, or to replace the primary handler with an emulator's). Default: none; every connection then sends through one
    /// shared socket handler, which renews its own connections, and a connection's handlers are not rotated. A hook that sets a
    /// handler lifetime (<c>SetHandlerLifetime</c>) gets rotation back; a removed connection is then freed once that lifetime and
    /// <see cref="IHttpClientFactory"/>'s cleanup of expired handlers (every 10 s) have passed, rather than on removal.
    /// </summary>
    public Action<string, IHttpClientBuilder>? ConfigureHttpClient { get; set; }

    /// <summary>
    /// Adds or replaces services in a connection's own service collection after <c>AddEntraActions</c> (for example a per-connection
    /// <see cref="IEntraCredentialProvider"/>). Default: none.
    /// </summary>
    public Action<string, IServiceCollection>? ConfigureServices { get; set; }
}
