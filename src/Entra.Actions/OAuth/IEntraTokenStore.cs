namespace Entra.Actions;

/// <summary>
/// Where the connect flow keeps pending connects (PKCE verifier, connection name) and connected accounts (refresh token, account).
/// Values are opaque strings that contain secrets: an implementation must protect them at rest (as <c>DistributedEntraTokenStore</c> of the Entra.Actions.DistributedTokenStore package does).
/// </summary>
/// <remarks>Built in: <see cref="InMemoryEntraTokenStore"/> (one process, tests); the Entra.Actions.DistributedTokenStore package adds
/// <c>DistributedEntraTokenStore</c> (<c>IDistributedCache</c> with Data Protection encryption, for several nodes).</remarks>
public interface IEntraTokenStore
{
    /// <summary>Reads a value.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The value, or <see langword="null"/> when absent or expired.</returns>
    Task<string?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Writes a value, replacing any previous one.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value (contains secrets).</param>
    /// <param name="expiresOn">When the value may be dropped, or <see langword="null"/> to keep it until removed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when written.</returns>
    Task SetAsync(string key, string value, DateTimeOffset? expiresOn, CancellationToken cancellationToken = default);

    /// <summary>Reads and removes a value, so that it is used once. Atomic where the store can make it so.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The value, or <see langword="null"/> when absent, expired or already taken.</returns>
    Task<string?> TakeAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Removes a value; absent keys are ignored.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when removed.</returns>
    Task RemoveAsync(string key, CancellationToken cancellationToken = default);
}
