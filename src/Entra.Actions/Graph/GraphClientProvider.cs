using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;

namespace Entra.Actions.Graph;

/// <summary>
/// Builds the one <see cref="GraphServiceClient"/> the directory uses: the named HTTP client from
/// <see cref="IHttpClientFactory"/>, the credential, and an authentication provider whose only allowed host
/// is the configured Graph host (so no token is attached to any other host).
/// </summary>
internal sealed class GraphClientProvider : IDisposable
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IEntraCredentialProvider _credentialProvider;
    private readonly Lock _gate = new();
    private GraphServiceClient? _client;

    public GraphClientProvider(IHttpClientFactory httpClientFactory, IEntraCredentialProvider credentialProvider, IOptions<EntraActionsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(credentialProvider);
        ArgumentNullException.ThrowIfNull(options);
        _httpClientFactory = httpClientFactory;
        _credentialProvider = credentialProvider;

        // Reading Value here makes invalid options fail when the actions are resolved, not on the first call.
        var value = options.Value;
        BaseUrl = value.GraphBaseUrl.AbsoluteUri.TrimEnd('/');
        Scope = string.IsNullOrWhiteSpace(value.Scope) ? DefaultScope(value.GraphBaseUrl) : value.Scope;
        AllowedHost = value.GraphBaseUrl.Host;
    }

    /// <summary>The Graph base URL without a trailing slash, e.g. <c>https://graph.microsoft.com/v1.0</c>.</summary>
    public string BaseUrl { get; }

    public string Scope { get; }

    public string AllowedHost { get; }

    public void Dispose()
    {
        lock (_gate)
        {
            _client?.Dispose();
            _client = null;
        }
    }

    internal static string DefaultScope(Uri graphBaseUrl) => graphBaseUrl.GetLeftPart(UriPartial.Authority) + "/.default";

    /// <summary>Returns the client, creating it on first use. A failure (for example an unreadable certificate) is not cached.</summary>
    public GraphServiceClient GetClient()
    {
        lock (_gate)
        {
            if (_client is null)
            {
                var credential = _credentialProvider.GetCredential();
                var authentication = new AzureIdentityAuthenticationProvider(credential, [AllowedHost], observabilityOptions: null, isCaeEnabled: true, scopes: [Scope]);
                _client = new GraphServiceClient(_httpClientFactory.CreateClient(Http.GraphHttpPipeline.HttpClientName), authentication, BaseUrl);
            }

            return _client;
        }
    }
}
