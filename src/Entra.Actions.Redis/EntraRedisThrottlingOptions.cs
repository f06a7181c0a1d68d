namespace Entra.Actions;

/// <summary>
/// Where the nodes of a cluster share their Graph throttling: the Redis server and the prefix of the keys. Registered by
/// <see cref="EntraRedisThrottlingServiceCollectionExtensions.AddEntraRedisThrottling"/> and validated at start-up.
/// </summary>
/// <remarks>
/// How long a Redis call may take and how long the library throttles locally after a failure are the shared store
/// settings, <see cref="EntraThrottleStoreOptions"/>: set them with <c>services.Configure&lt;EntraThrottleStoreOptions&gt;(...)</c>.
/// </remarks>
public sealed class EntraRedisThrottlingOptions
{
    /// <summary>The default <see cref="KeyPrefix"/>: <c>entra-actions:throttle:</c>.</summary>
    public const string DefaultKeyPrefix = "entra-actions:throttle:";

    /// <summary>
    /// Gets or sets the StackExchange.Redis connection string (for example <c>redis1:6379,password=...</c>). The library
    /// always connects with <c>abortConnect=false</c> and fails commands fast while disconnected, whatever it says.
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the prefix of every key the library writes (so one Redis can serve other uses, or several clusters with
    /// different prefixes). Defaults to <see cref="DefaultKeyPrefix"/>; not empty, no whitespace.
    /// </summary>
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;
}
