using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;

namespace Entra.Actions;

/// <summary>
/// An <see cref="IEntraTokenStore"/> over <see cref="IDistributedCache"/> (Redis, SQL Server, ...) that encrypts every value with
/// ASP.NET Core Data Protection before it leaves the process: the cache never holds a refresh token in plain text. Thread-safe.
/// </summary>
/// <remarks>
/// Every node must share the Data Protection key ring (for example <c>PersistKeysToStackExchangeRedis</c> or a blob) and the same
/// application name, or a node cannot read what another stored. A value that cannot be decrypted (lost keys, tampering) reads as
/// absent, so the connection shows as not connected. Each value is encrypted under a sub-purpose that is its own key, so ciphertext
/// copied from one key to another (one connection's refresh token into another connection's entry) does not decrypt. <see cref="TakeAsync"/> is a read then a remove (a distributed cache has no
/// atomic take); the connect flow also refuses a second completion of the same state within one process.
/// </remarks>
public sealed class DistributedEntraTokenStore : IEntraTokenStore
{
    /// <summary>The default Data Protection purpose: <c>Entra.Actions.Connect.TokenStore.v1</c>.</summary>
    public const string DefaultPurpose = "Entra.Actions.Connect.TokenStore.v1";

    private const string KeyPrefix = "Entra.Actions.Connect:";
    private readonly IDistributedCache _cache;
    private readonly IDataProtector _protector;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="cache">The distributed cache.</param>
    /// <param name="dataProtection">The Data Protection provider.</param>
    /// <param name="purpose">The purpose string that isolates this store's ciphertext from other protectors; default <see cref="DefaultPurpose"/>.</param>
    public DistributedEntraTokenStore(IDistributedCache cache, IDataProtectionProvider dataProtection, string purpose = DefaultPurpose)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(dataProtection);
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        _cache = cache;
        _protector = dataProtection.CreateProtector(purpose);
    }

    /// <inheritdoc />
    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var bytes = await _cache.GetAsync(KeyPrefix + key, cancellationToken).ConfigureAwait(false);
        return Unprotect(key, bytes);
    }

    /// <inheritdoc />
    public Task SetAsync(string key, string value, DateTimeOffset? expiresOn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var entry = new DistributedCacheEntryOptions { AbsoluteExpiration = expiresOn };
        return _cache.SetAsync(KeyPrefix + key, ProtectorFor(key).Protect(Encoding.UTF8.GetBytes(value)), entry, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<string?> TakeAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var bytes = await _cache.GetAsync(KeyPrefix + key, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return null;
        }

        await _cache.RemoveAsync(KeyPrefix + key, cancellationToken).ConfigureAwait(false);
        return Unprotect(key, bytes);
    }

    /// <inheritdoc />
    public Task RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _cache.RemoveAsync(KeyPrefix + key, cancellationToken);
    }

    // The key is part of the purpose chain (authenticated), binding each ciphertext to the entry it was written to.
    private IDataProtector ProtectorFor(string key) => _protector.CreateProtector(key);

    private string? Unprotect(string key, byte[]? bytes)
    {
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(ProtectorFor(key).Unprotect(bytes));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
