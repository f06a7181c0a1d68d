using Entra.Actions.Connections.Internal;
using Entra.Actions.Throttling.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Entra.Actions;

/// <summary>Registers <see cref="IEntraConnectionFactory"/> for hosts that serve many tenants and need no default connection.</summary>
public static class EntraConnectionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEntraConnectionFactory"/> (also registered by <c>AddEntraActions</c>) without a default connection:
    /// connections are created with <see cref="IEntraConnectionFactory.GetOrCreateConnection"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the hooks applied to every connection; optional.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddEntraConnections(this IServiceCollection services, Action<EntraConnectionFactoryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddFactory(services);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return services;
    }

    /// <summary>
    /// Registers <see cref="IEntraConnectionFactory"/> with named connections from <c>{sectionName}:Connections:{name}</c> of
    /// <paramref name="configuration"/>, each bound like the main options (unknown keys fail) and validated when first used.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration root (or any configuration that contains the section).</param>
    /// <param name="sectionName">The section that holds <c>Connections</c>; default <see cref="EntraActionsOptions.DefaultSectionName"/>.</param>
    /// <param name="configure">Sets the hooks applied to every connection; optional.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddEntraConnections(
        this IServiceCollection services,
        IConfiguration configuration,
        string sectionName = EntraActionsOptions.DefaultSectionName,
        Action<EntraConnectionFactoryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(sectionName);
        AddConnectionsConfiguration(services, configuration.GetSection(sectionName));
        return AddEntraConnections(services, configure);
    }

    internal static void AddFactory(IServiceCollection services)
    {
        services.AddOptions<EntraConnectionFactoryOptions>();
        SharedThrottle.TryAdd(services);
        services.TryAddSingleton<EntraConnectionFactory>();
        services.TryAddSingleton<IEntraConnectionFactory>(sp => sp.GetRequiredService<EntraConnectionFactory>());
    }

    internal static void AddConnectionsConfiguration(IServiceCollection services, IConfigurationSection section) =>
        services.AddSingleton(new ConnectionsConfiguration(section.GetSection(EntraConnectionFactoryOptions.ConnectionsSectionName)));
}
