using Azure.Core;

namespace Entra.Actions;

/// <summary>
/// Connects a delegated (service) account to a named connection with the OAuth 2.0 authorization-code flow and PKCE, keeps its
/// refresh token in the <see cref="IEntraTokenStore"/>, and hands out a <see cref="TokenCredential"/> that refreshes silently.
/// Thread-safe; register with <c>services.AddEntraConnectFlow(...)</c>.
/// </summary>
/// <remarks>
/// Flow: <see cref="BeginConnectAsync"/> → redirect the browser to <see cref="EntraConnectStart.AuthorizationUrl"/> → Entra redirects to
/// the redirect URI with <c>code</c> and <c>state</c> → <see cref="CompleteConnectAsync(Uri, CancellationToken)"/> →
/// <c>services.AddEntraActions(o =&gt; o.Credential = flow.GetCredential(name))</c>. The app registration needs the delegated Graph
/// permissions of <see cref="EntraConnectOptions.Scopes"/>; actions run as the connected account, so use a dedicated service account.
/// </remarks>
public interface IEntraConnectFlow
{
    /// <summary>Starts a connect: creates the state and the PKCE verifier, keeps them in the token store (single-use, expiring), and builds the authorization URL.</summary>
    /// <param name="connectionName">The connection to connect (a name of the host's choosing, for example a customer id). Names compare
    /// case-insensitively, as in <see cref="IEntraConnectionFactory"/>: "Contoso" and "contoso" are one connection.</param>
    /// <param name="loginHint">The account to propose at sign-in (<c>login_hint</c>), for example the service account's UPN; optional.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The authorization URL and state.</returns>
    Task<EntraConnectStart> BeginConnectAsync(string connectionName, string? loginHint = null, CancellationToken cancellationToken = default);

    /// <summary>Completes a connect from the redirect's <c>state</c> and <c>code</c>: checks the state, redeems the code, stores the refresh token.</summary>
    /// <param name="state">The <c>state</c> query value of the redirect.</param>
    /// <param name="code">The <c>code</c> query value of the redirect.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The connected account, or why it failed (an unknown, expired or reused state is a failure, not an exception).</returns>
    Task<EntraConnectResult> CompleteConnectAsync(string state, string code, CancellationToken cancellationToken = default);

    /// <summary>Completes a connect from the full redirect URL, including an error redirect (<c>error</c>, <c>error_description</c>).</summary>
    /// <param name="callbackUrl">The URL the browser was redirected to.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The connected account, or why it failed.</returns>
    Task<EntraConnectResult> CompleteConnectAsync(Uri callbackUrl, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns the credential of a connection: the cached access token until shortly before it expires, then a silent refresh with the
    /// stored refresh token (one refresh at a time per connection; the rotated refresh token is stored). A request that carries a claims
    /// challenge (<see cref="Azure.Core.TokenRequestContext.Claims"/>, continuous access evaluation) skips the cached token and refreshes
    /// with those claims. The same instance is returned for the same name while the connection is known (a disconnect forgets it; a
    /// credential obtained earlier keeps working). When the connection is not connected, or Entra refuses the refresh token (it is then
    /// disconnected), a token request fails with <see cref="Azure.Identity.AuthenticationFailedException"/> naming the connection and what to do.
    /// </summary>
    /// <param name="connectionName">The connection.</param>
    /// <returns>
    /// The credential. Its tokens always carry the connection's scopes (<see cref="EntraConnectOptions.Scopes"/>, consented at connect);
    /// the scopes of a <see cref="Azure.Core.TokenRequestContext"/> are not used, nor is its tenant.
    /// </returns>
    TokenCredential GetCredential(string connectionName);

    /// <summary>Gets what a connection is connected to, or <see langword="null"/> when it is not connected.</summary>
    /// <param name="connectionName">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The account, or <see langword="null"/>.</returns>
    Task<EntraConnectedAccount?> GetConnectionAsync(string connectionName, CancellationToken cancellationToken = default);

    /// <summary>Disconnects: removes the stored tokens and forgets the cached access token, so the credential's next token request fails.</summary>
    /// <param name="connectionName">The connection.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> if the connection was connected.</returns>
    /// <remarks>The refresh token is not revoked at Entra (v2.0 has no revocation endpoint); revoke sessions in Entra to cut access everywhere.
    /// Other processes sharing the store keep their cached access token until it expires.</remarks>
    Task<bool> DisconnectAsync(string connectionName, CancellationToken cancellationToken = default);
}
