using Entra.Actions.Redis.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Entra.Actions;

/// <summary>Registers Redis as the store through which the nodes of a cluster share their Graph throttling.</summary>
public static class EntraRedisThrottlingServiceCollectionExtensions
{
    /// <summary>
    /// Shares Graph throttling across every node that registers the same Redis: the pause a <c>Retry-After</c> asks for,
    /// per tenant and application (and user, for delegated tokens), and the write pace per tenant and application. Keys hold
    /// no token and no id beyond the tenant and application ids and a one-way user key, and every key expires.
    /// </summary>
    /// <remarks>
    /// One Redis connection per registration, opened when the store is first resolved and closed with the service provider. Each Redis call is
    /// bounded by <see cref="EntraThrottleStoreOptions.OperationTimeout"/>; when Redis is down or slow each connection
    /// throttles on its own for <see cref="EntraThrottleStoreOptions.RetryInterval"/> and then asks Redis again. Set both
    /// with <c>services.Configure&lt;EntraThrottleStoreOptions&gt;(...)</c>.
    /// </remarks>
    /// <param name="services">The service collection (with <c>AddEntraActions</c>).</param>
    /// <param name="connectionString">The StackExchange.Redis connection string of the shared Redis.</param>
    /// <param name="configure">Changes the options (for example <see cref="EntraRedisThrottlingOptions.KeyPrefix"/>); optional.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddEntraRedisThrottling(this IServiceCollection services, string connectionString, Action<EntraRedisThrottlingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connectionString);
        services.AddOptions<EntraRedisThrottlingOptions>()
            .Configure(options =>
            {
                options.ConnectionString = connectionString;
                configure?.Invoke(options);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EntraRedisThrottlingOptions>, EntraRedisThrottlingOptionsValidator>());
        return services.AddEntraThrottleStore(static provider => new RedisThrottleStore(provider.GetRequiredService<IOptions<EntraRedisThrottlingOptions>>().Value));
    }
}
