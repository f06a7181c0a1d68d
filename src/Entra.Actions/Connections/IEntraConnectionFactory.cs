namespace Entra.Actions;

/// <summary>
/// Creates and caches <see cref="EntraConnection"/>s: one per tenant and credential, each with its own options, credential,
/// throttling state and caches, so a backend serving many customers never mixes their tenants. Thread-safe.
/// Registered by <c>AddEntraActions</c> and <c>AddEntraConnections</c>; it disposes its connections when it is disposed.
/// </summary>
public interface IEntraConnectionFactory
{
    /// <summary>The names of the connections configured under <c>EntraActions:Connections</c> (empty when no configuration was given).</summary>
    IReadOnlyCollection<string> ConfiguredConnectionNames { get; }

    /// <summary>
    /// Returns the connection named <paramref name="name"/> (names are case-insensitive): the one already created under that
    /// name, or a new one bound from the configuration section <c>EntraActions:Connections:{name}</c> with the same rules
    /// as the main options (unknown keys fail, settings are validated).
    /// </summary>
    /// <param name="name">The connection name.</param>
    /// <returns>The connection, cached by name.</returns>
    /// <exception cref="InvalidOperationException">No connection of that name was created and none is configured.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The configured settings are invalid; the messages name the connection and the setting.</exception>
    EntraConnection GetConnection(string name);

    /// <summary>
    /// Returns the connection named <paramref name="name"/>, creating it with options set by <paramref name="configure"/>
    /// (tenant, credential, <see cref="EntraActionsOptions.GraphBaseUrl"/>, ...) when none of that name exists yet.
    /// An existing connection is returned as is and <paramref name="configure"/> is not called.
    /// </summary>
    /// <param name="name">The connection name (for example the customer's id).</param>
    /// <param name="configure">Sets the connection's options. The configuration is not consulted.</param>
    /// <returns>The connection, cached by name.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    EntraConnection GetOrCreateConnection(string name, Action<EntraActionsOptions> configure);

    /// <summary>
    /// Removes the connection named <paramref name="name"/> from the cache and disposes it (for example after a disconnect or a
    /// credential change): its services at once, or as soon as the calls still running on them end. Calls through the removed
    /// connection, or through anything it handed out, then throw <see cref="ObjectDisposedException"/>.
    /// </summary>
    /// <param name="name">The connection name.</param>
    /// <returns><see langword="true"/> when a connection was removed.</returns>
    ValueTask<bool> RemoveConnectionAsync(string name);
}
