using Entra.Actions.Throttling.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Entra.Actions.Http.Internal;

/// <summary>
/// The one place that wires HTTP for Graph: the named client, our retry handler as the only retry owner, no redirects (directory calls never need one, and a redirect must not
/// carry the token elsewhere), the host guard, and no default request loggers (they keep the raw
/// Authorization header in their structured state). Handlers a host adds to every client
/// (<c>ConfigureHttpClientDefaults</c>, such as a standard resilience handler) are not inherited: they would be a
/// second retry owner. Hosts customise this client through the builder <c>AddEntraActions</c> returns.
/// </summary>
internal static class GraphHttpPipeline
{
    /// <summary>The name of the <see cref="HttpClient"/> registered with <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "Entra.Actions.Graph";

    public static IHttpClientBuilder AddGraphHttpClient(IServiceCollection services)
    {
        var builder = services.AddHttpClient(HttpClientName);
        builder
            .RemoveAllLoggers()
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan) // GraphRetryHandler bounds each attempt.
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler)
            .ConfigureAdditionalHttpMessageHandlers((handlers, services) =>
            {
                // Runs after host-wide defaults and before anything added through the returned builder.
                handlers.Clear();
                var options = services.GetRequiredService<IOptions<EntraActionsOptions>>().Value;
                var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Entra.Actions.Http");
                foreach (var handler in CreateHandlers(options, services.GetRequiredService<TimeProvider>(), logger, services.GetRequiredService<ThrottleCoordinator>()))
                {
                    handlers.Add(handler);
                }
            });
        return builder;
    }

    /// <summary>
    /// The socket handler at the bottom of the pipeline. It holds no per-tenant state (no cookies; the token travels per request),
    /// so the connection factory shares one across connections.
    /// </summary>
    public static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = System.Net.DecompressionMethods.All,
        // The Graph client lives as long as the app; recycle connections so DNS changes are seen.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        // Graph needs no cookies, and a cookie container is state one tenant's responses could leave for another's requests.
        UseCookies = false,
    };

    /// <summary>
    /// The handlers between the client and the primary handler: the retry handler, the one retry owner (it also bounds each
    /// attempt and buffers its body), then the host guard, last before the wire. Decompression is the primary handler's;
    /// headers and the token are the transport's.
    /// </summary>
    public static IReadOnlyList<DelegatingHandler> CreateHandlers(EntraActionsOptions options, TimeProvider time, ILogger logger, ThrottleCoordinator? throttle = null) =>
        [new GraphRetryHandler(options, time, logger, throttle), new GraphHostGuardHandler(options.GraphBaseUrl, logger)];
}
