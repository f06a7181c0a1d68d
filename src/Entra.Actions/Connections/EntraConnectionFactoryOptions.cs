using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions;

/// <summary>
/// Host hooks applied to every connection the <see cref="IEntraConnectionFactory"/> creates, and how long an unused connection keeps
/// its services. Each hook receives the connection name and runs whenever the connection's services are built: when it is created,
/// and again on its first call after <see cref="IdleTimeout"/> dropped them.
/// Set them with <c>services.AddEntraConnections(options =&gt; ...)</c> (or <c>services.Configure&lt;EntraConnectionFactoryOptions&gt;</c>).
/// </summary>
public sealed class EntraConnectionFactoryOptions
{
    /// <summary>The child section of <c>EntraActions</c> that holds the named connections: <c>Connections</c>.</summary>
    public const string ConnectionsSectionName = "Connections";

    /// <summary>The default <see cref="IdleTimeout"/>: 20 minutes.</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromMinutes(20);

    private TimeSpan _idleTimeout = DefaultIdleTimeout;

    /// <summary>
    /// How long a connection may go unused before it drops its services (options, credential, Graph client and handler chain,
    /// throttle state, group cache); the next call on it, through any object the connection handed out, builds them again
    /// with the same settings and hooks. The <see cref="EntraConnection"/> and its <c>Actions</c>, <c>Queries</c>, <c>Bulk</c>,
    /// <c>Invoker</c> and <c>Catalog</c> stay valid across this. A connection is never dropped while a call on it runs. Default
    /// <see cref="DefaultIdleTimeout"/> (20 minutes); <see cref="Timeout.InfiniteTimeSpan"/> keeps every connection built until
    /// it is removed.
    /// </summary>
    /// <remarks>
    /// The factory checks its built connections every quarter of the timeout (at most once a second, at least once a minute), with one timer that runs
    /// only while some connection is built, so a connection goes between the timeout and the timeout plus that period after
    /// its last call. A credential the library builds from the options (client secret or certificate) is built again, so the
    /// first call after an idle period acquires a fresh token; a credential the host supplies in
    /// <see cref="EntraActionsOptions.Credential"/> (for example a delegated connection's, whose tokens live in the token store)
    /// is kept and used again. A configured connection is bound from its configuration section again; should building fail (the
    /// section now holds an invalid setting, or a hook throws), the call throws what creating the connection would have thrown.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative and not <see cref="Timeout.InfiniteTimeSpan"/>.</exception>
    public TimeSpan IdleTimeout
    {
        get => _idleTimeout;
        set
        {
            if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(value), value, $"{nameof(IdleTimeout)} must be positive, or Timeout.InfiniteTimeSpan to keep connections built until they are removed.");
            }

            _idleTimeout = value;
        }
    }

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
