using Entra.Actions.OAuth.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Entra.Actions;

/// <summary>Registers the delegated-account connect flow (<see cref="IEntraConnectFlow"/>) and its token stores.</summary>
public static class EntraConnectServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEntraConnectFlow"/>, an <see cref="InMemoryEntraTokenStore"/> unless another <see cref="IEntraTokenStore"/> is
    /// registered (the Entra.Actions.DistributedTokenStore package adds <c>AddEntraDistributedTokenStore</c>), and the named token-endpoint <see cref="HttpClient"/>, with options set
    /// by <paramref name="configure"/> and validated at start-up.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>
    /// The builder of the token-endpoint <see cref="HttpClient"/> (<see cref="EntraConnectOptions.HttpClientName"/>), for handlers or a
    /// test's primary handler. The client follows no redirects and does not inherit <c>ConfigureHttpClientDefaults</c> handlers.
    /// </returns>
    public static IHttpClientBuilder AddEntraConnectFlow(this IServiceCollection services, Action<EntraConnectOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<EntraConnectOptions>().Configure(configure);
        return AddCore(services);
    }

    /// <summary>Registers the connect flow with options bound from <paramref name="sectionName"/> (default <c>EntraActions:Connect</c>), validated at start-up.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration that contains the section.</param>
    /// <param name="sectionName">The section to bind; default <see cref="EntraConnectOptions.DefaultSectionName"/>.</param>
    /// <returns>The builder of the token-endpoint <see cref="HttpClient"/>.</returns>
    public static IHttpClientBuilder AddEntraConnectFlow(this IServiceCollection services, IConfiguration configuration, string sectionName = EntraConnectOptions.DefaultSectionName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(sectionName);
        services.AddOptions<EntraConnectOptions>().Bind(configuration.GetSection(sectionName), binder => binder.ErrorOnUnknownConfiguration = true);
        return AddCore(services);
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services)
    {
        services.AddOptions<EntraConnectOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EntraConnectOptions>, EntraConnectOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IEntraTokenStore>(sp => new InMemoryEntraTokenStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<TokenEndpointClient>();
        services.TryAddSingleton<IEntraConnectFlow, EntraConnectFlow>();
        return AddTokenEndpointHttpClient(services);
    }

    /// <summary>
    /// The token-endpoint client posts the client secret, codes and refresh tokens: it follows no redirect (a 307/308 would re-post
    /// them to wherever it points), keeps no cookies, inherits no host-wide handlers (<c>ConfigureHttpClientDefaults</c>, such as a
    /// resilience handler that would resend a single-use code) and has no default request loggers. Handlers added through the
    /// returned builder still apply.
    /// </summary>
    private static IHttpClientBuilder AddTokenEndpointHttpClient(IServiceCollection services) =>
        services.AddHttpClient(EntraConnectOptions.HttpClientName)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .ConfigureAdditionalHttpMessageHandlers(static (handlers, _) => handlers.Clear()); // runs after host-wide defaults, before the builder's own
}
