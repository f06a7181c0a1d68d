using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using Azure.Core;
using Entra.Actions.Http.Internal;
using Entra.Actions.Options.Internal;
using Entra.Actions.Telemetry.Internal;
using Microsoft.Extensions.Options;

namespace Entra.Actions.Graph.Internal;

/// <summary>
/// Sends one request to Graph through the named client of <see cref="GraphHttpPipeline"/>: the bearer token of the connection's
/// credential (only for the configured Graph host, over https or on loopback), a <c>client-request-id</c> and our own
/// <c>SdkVersion</c>, one resend on a 401 claims challenge (continuous access evaluation), and no answer accepted from anywhere
/// but the Graph host, whatever a host-supplied primary handler does with redirects.
/// </summary>
internal sealed class GraphTransport
{
    private static readonly string SdkVersion = "entra-actions/" +
        (typeof(GraphTransport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? typeof(GraphTransport).Assembly.GetName().Version?.ToString() ?? "0");

    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IEntraCredentialProvider _credentials;
    private readonly string[] _scopes;
    private readonly bool _tokenAllowed;
    private readonly TokenIdentity? _identity;

    public GraphTransport(IHttpClientFactory httpClientFactory, IEntraCredentialProvider credentials, IOptions<EntraActionsOptions> options, TokenIdentity? identity = null)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(options);
        _httpClientFactory = httpClientFactory;
        _credentials = credentials;
        _identity = identity;

        // Reading Value here makes invalid options fail when the actions are resolved, not on the first call.
        var value = options.Value;
        BaseUri = value.GraphBaseUrl;
        BaseUrl = value.GraphBaseUrl.AbsoluteUri.TrimEnd('/');
        Scope = value.EffectiveScope;
        _scopes = [Scope];
        _tokenAllowed = BaseUri.Scheme == Uri.UriSchemeHttps || EntraActionsOptionsValidator.IsLoopback(BaseUri);
    }

    /// <summary>The Graph base URL without a trailing slash, e.g. <c>https://graph.microsoft.com/v1.0</c>.</summary>
    public string BaseUrl { get; }

    public Uri BaseUri { get; }

    /// <summary>The token scope, e.g. <c>https://graph.microsoft.com/.default</c>.</summary>
    public string Scope { get; }

    /// <summary>The absolute URL of <paramref name="pathAndQuery"/> (starting with <c>/</c>) under the base URL.</summary>
    public Uri Url(string pathAndQuery) => new(BaseUrl + pathAndQuery, UriKind.Absolute);

    /// <summary>
    /// Sends the request and returns Graph's answer, whatever its status. <paramref name="content"/> stays the caller's to dispose
    /// (it may be sent twice). Throws for transport and credential failures and for an answer that came from another host.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, HttpContent? content, CancellationToken cancellationToken)
    {
        // A client per call, as IHttpClientFactory intends: a client kept here would keep its expired handler chain alive, and the
        // factory's cleanup timer, waiting for that chain to be released, would then keep this connection's services alive for good.
        var client = _httpClientFactory.CreateClient(GraphHttpPipeline.HttpClientName);
        var response = await SendOnceAsync(client, method, uri, content, claims: null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized && ClaimsChallenge(response) is { } claims)
        {
            // Graph revoked the token's session (continuous access evaluation): one new token that satisfies the claims, one resend.
            response.Dispose();
            response = await SendOnceAsync(client, method, uri, content, claims, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpClient client, HttpMethod method, Uri uri, HttpContent? content, string? claims, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, uri) { Content = content };
        var headers = request.Headers;
        headers.Accept.Add(AcceptJson);
        headers.TryAddWithoutValidation("client-request-id", Guid.NewGuid().ToString());
        headers.TryAddWithoutValidation("SdkVersion", SdkVersion);
        if (_tokenAllowed && GraphHostGuardHandler.IsGraphHost(uri, BaseUri))
        {
            var credential = _credentials.GetCredential();
            var context = new TokenRequestContext(_scopes, parentRequestId: null, claims: claims, tenantId: null, isCaeEnabled: true);
            var token = await credential.GetTokenAsync(context, cancellationToken).ConfigureAwait(false);
            headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
            if (_identity?.Observe(token.Token) is { } tokenClaims && ActionCall.Current is { } call)
            {
                // The call's own token: with a credential that serves several users, the latest token in the container may be another's.
                call.Claims = tokenClaims;
                call.ThrottleScope = _identity.ScopeOf(tokenClaims);
            }
        }

        // Not disposed: that would dispose the caller's content, which a claims challenge sends again.
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var answeredBy = response.RequestMessage?.RequestUri ?? request.RequestUri;
        if (!GraphHostGuardHandler.IsGraphHost(answeredBy, BaseUri))
        {
            // A primary handler that follows redirects answered from elsewhere: that body is not Graph's.
            response.Dispose();
            throw new ForeignAnswerException($"The answer came from {answeredBy?.Host ?? "(unknown)"}, not from the Graph host {BaseUri.Host} (a redirect was followed); it was refused.");
        }

        ActionCall.RecordRequestId(response);
        return response;
    }

    /// <summary>The decoded <c>claims</c> of a <c>WWW-Authenticate: Bearer ... claims="base64"</c> challenge, if any.</summary>
    internal static string? ClaimsChallenge(HttpResponseMessage response)
    {
        foreach (var challenge in response.Headers.WwwAuthenticate)
        {
            if (!string.Equals(challenge.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) || challenge.Parameter is not { } parameter)
            {
                continue;
            }

            foreach (var part in parameter.Split(','))
            {
                var pair = part.Trim();
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0 && string.Equals(pair[..equals].Trim(), "claims", StringComparison.OrdinalIgnoreCase))
                {
                    return Decode(pair[(equals + 1)..].Trim().Trim('"'));
                }
            }
        }

        return null;
    }

    private static string? Decode(string base64)
    {
        if (base64.Length == 0)
        {
            return null;
        }

        // Graph sends padded base64; tolerate base64url and missing padding too.
        var normalized = base64.Replace('-', '+').Replace('_', '/');
        normalized = normalized.PadRight(normalized.Length + ((4 - (normalized.Length % 4)) % 4), '=');
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(normalized));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
