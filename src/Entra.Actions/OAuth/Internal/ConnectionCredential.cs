using Azure.Core;

namespace Entra.Actions.OAuth.Internal;

/// <summary>
/// The <see cref="TokenCredential"/> of one connection; the flow holds the token cache and does the refresh. Tokens carry the connection's
/// scopes (consented at connect), whatever scopes the request names; a request's claims (a CAE challenge) force a refresh with them.
/// </summary>
internal sealed class ConnectionCredential(EntraConnectFlow flow, string connectionName) : TokenCredential
{
    public string ConnectionName { get; } = connectionName;

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        flow.GetAccessTokenAsync(ConnectionName, requestContext.Claims, cancellationToken);

    // TokenCredential requires a synchronous member; the Graph SDK only calls GetTokenAsync.
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        flow.GetAccessTokenAsync(ConnectionName, requestContext.Claims, cancellationToken).AsTask().GetAwaiter().GetResult();

    public override string ToString() => $"Entra connection credential ({ConnectionName})";
}
