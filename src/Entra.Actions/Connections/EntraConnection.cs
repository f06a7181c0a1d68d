using Entra.Actions.Connections.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions;

/// <summary>
/// The actions bound to one tenant and credential. Each connection has its own services (options, credential, Graph client,
/// throttle gate, write pacer, group cache); nothing that carries tenant data or tokens is shared with another connection.
/// Thread-safe. Created by <see cref="IEntraConnectionFactory"/>, which owns it and disposes it with the host.
/// </summary>
/// <remarks>
/// <para>
/// A connection unused for <see cref="EntraConnectionFactoryOptions.IdleTimeout"/> drops its services and builds them again on
/// its next call. This object and the ones it hands out (<see cref="Actions"/>, <see cref="Queries"/>, <see cref="Bulk"/>,
/// <see cref="Invoker"/>, <see cref="Catalog"/>) stay valid across that and may be cached; a call in progress keeps the
/// services it started on.
/// </para>
/// <para>
/// There is no need to dispose a connection. A caller that does (for example with <c>await using</c>) also removes it from the
/// factory, like <see cref="IEntraConnectionFactory.RemoveConnectionAsync"/>: the next <c>GetConnection</c> for the name builds a
/// fresh connection instead of handing out the disposed one. Calls through the disposed instance, or through anything it handed
/// out, throw <see cref="ObjectDisposedException"/>.
/// </para>
/// </remarks>
public sealed class EntraConnection : IAsyncDisposable
{
    private readonly ConnectionLifetime _lifetime;
    private readonly Action<EntraConnection>? _evict;
    private int _disposed;

    internal EntraConnection(ConnectionLifetime lifetime, Action<EntraConnection>? evict = null)
    {
        _lifetime = lifetime;
        _evict = evict;
        Actions = new ConnectionActions(lifetime);
        Bulk = new ConnectionBulkActions(lifetime);
        Queries = new ConnectionQueries(lifetime);
        Invoker = new ConnectionInvoker(lifetime);
        Catalog = new ConnectionCatalog(lifetime);
    }

    /// <summary>The connection name.</summary>
    public string Name => _lifetime.Name;

    /// <summary>The four actions, run with this connection's credential against its tenant.</summary>
    public IEntraActions Actions { get; }

    /// <summary>The query actions (search users, find group, list members, check membership, list a user's groups), run with this connection's credential against its tenant.</summary>
    public IEntraQueryActions Queries { get; }

    /// <summary>The bulk actions, run with this connection's credential against its tenant.</summary>
    public IEntraBulkActions Bulk { get; }

    /// <summary>Runs any catalog action by id with JSON inputs and outputs, with this connection's credential against its tenant.</summary>
    public IEntraActionInvoker Invoker { get; }

    /// <summary>The actions <see cref="Invoker"/> runs: their ids, inputs, outputs, JSON Schemas and permissions, for a flow designer.</summary>
    public IEntraActionCatalog Catalog { get; }

    /// <summary>The connection's current services (built again if they were dropped), for this library's tests and health checks; hosts use the members above.</summary>
    internal IServiceProvider Services => _lifetime.Run(static services => services);

    /// <summary>The process-wide order of the connection's current build (0 when it has none), so the factory disposes the newest first.</summary>
    internal long BuildOrder => _lifetime.BuildOrder;

    /// <summary>
    /// Checks the connection: acquires a token from its credential, reads the token's tenant, identity and permissions (without
    /// validating it; the token itself is never logged or returned), makes one cheap Graph call (<c>GET /organization</c>) and
    /// reports per action whether the permissions allow it, which are missing and which are granted beyond need.
    /// </summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The report. Failures (no token, a rejected token, Graph unavailable) are in the report, never thrown; only cancellation is.</returns>
    /// <remarks>The organization's name and domains need <c>Organization.Read.All</c> or <c>Directory.Read.All</c> (application), or <c>User.Read</c> (delegated); without them the report says so.</remarks>
    public Task<EntraConnectionReport> CheckAsync(CancellationToken cancellationToken = default) =>
        _lifetime.RunAsync(services => services.GetRequiredService<ConnectionChecker>().CheckAsync(Name, cancellationToken));

    /// <summary>
    /// Removes the connection from its factory, then disposes its services (once the calls still running on them end); nothing
    /// keeps them alive afterwards (with a handler lifetime set through <see cref="EntraConnectionFactoryOptions.ConfigureHttpClient"/>,
    /// once that lifetime has passed). Idempotent. The factory's next <c>GetConnection</c> for this name builds a new connection.
    /// </summary>
    /// <returns>A task that completes when disposed.</returns>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }

        _evict?.Invoke(this);
        return _lifetime.Close()?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    /// <summary>Disposes synchronously, for a factory disposed by a synchronous container.</summary>
    internal void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _evict?.Invoke(this);
            _lifetime.Close()?.Dispose();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"EntraConnection {{ Name = {Name} }}";
}
