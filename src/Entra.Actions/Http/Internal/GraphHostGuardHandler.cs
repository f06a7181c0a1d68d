using Entra.Actions.Logging.Internal;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.Http.Internal;

/// <summary>
/// The last handler before the wire: a request for any host other than the configured Graph host loses its
/// Authorization header, whatever produced it (a redirect, a next-link, a future feature). Defence in depth
/// behind the transport, which attaches the token only for the Graph host.
/// </summary>
internal sealed class GraphHostGuardHandler : DelegatingHandler
{
    private readonly Uri _graphBaseUrl;
    private readonly ILogger _logger;

    public GraphHostGuardHandler(Uri graphBaseUrl, ILogger logger)
    {
        _graphBaseUrl = graphBaseUrl;
        _logger = logger;
    }

    internal static bool IsGraphHost(Uri? requestUri, Uri graphBaseUrl) =>
        requestUri is { IsAbsoluteUri: true }
        && string.Equals(requestUri.Scheme, graphBaseUrl.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(requestUri.IdnHost, graphBaseUrl.IdnHost, StringComparison.OrdinalIgnoreCase)
        && requestUri.Port == graphBaseUrl.Port;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!IsGraphHost(request.RequestUri, _graphBaseUrl) && request.Headers.Authorization is not null)
        {
            request.Headers.Authorization = null;
            Log.AuthorizationStripped(_logger, request.RequestUri?.Host ?? "(none)", _graphBaseUrl.Host);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
