using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Entra.Actions;

/// <summary>Registers <see cref="DistributedEntraTokenStore"/> as the connect flow's <see cref="IEntraTokenStore"/>.</summary>
public static class EntraDistributedTokenStoreServiceCollectionExtensions
{
    /// <summary>
    /// Stores connections in the registered <see cref="IDistributedCache"/>, encrypted with ASP.NET Core Data Protection
    /// (<see cref="DistributedEntraTokenStore"/>), instead of in memory. Register an <see cref="IDistributedCache"/> (for example
    /// <c>AddStackExchangeRedisCache</c>) and, with several nodes, a shared Data Protection key ring. Call it before or after
    /// <c>AddEntraConnectFlow</c>: it replaces the in-memory store either way.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="purpose">The Data Protection purpose; default <see cref="DistributedEntraTokenStore.DefaultPurpose"/>.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddEntraDistributedTokenStore(this IServiceCollection services, string purpose = DistributedEntraTokenStore.DefaultPurpose)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        services.AddDataProtection();
        services.Replace(ServiceDescriptor.Singleton<IEntraTokenStore>(sp => new DistributedEntraTokenStore(
            sp.GetService<IDistributedCache>() ?? throw new InvalidOperationException(
                "AddEntraDistributedTokenStore needs an IDistributedCache: register one, for example services.AddStackExchangeRedisCache(...)."),
            sp.GetRequiredService<IDataProtectionProvider>(),
            purpose)));
        return services;
    }
}
