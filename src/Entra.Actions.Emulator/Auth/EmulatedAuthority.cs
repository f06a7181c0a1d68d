using System.Security.Cryptography;

namespace Entra.Actions.Emulator;

/// <summary>
/// The emulated Microsoft Entra authority behind <c>GET /{tenant}/oauth2/v2.0/authorize</c> and <c>POST /{tenant}/oauth2/v2.0/token</c>:
/// app registrations, the user who signs in, outstanding authorization codes and refresh tokens. Thread-safe.
/// </summary>
/// <remarks>
/// Unless <see cref="SignInOptions.Interactive"/> is on (or the request asks with <c>prompt</c>), the authorize endpoint signs in
/// and consents without a page: as the user named by the <c>login_hint</c> query option, else
/// <see cref="SignInUser"/>, else Adele Vance (or the directory's first user). Codes are single-use; refresh tokens rotate on every
/// use and a rotated-out refresh token is refused (stricter than Entra, which keeps it valid until it expires, so that a client that
/// forgets to store the rotated token is caught).
/// </remarks>
public sealed class EmulatedAuthority
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, EmulatedClient> _clients = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshGrant> _refreshTokens = new(StringComparer.Ordinal);

    internal EmulatedAuthority()
    {
    }

    internal enum GrantState
    {
        Valid,
        Unknown,
        Expired,
        Used,
        Revoked,
    }

    /// <summary>Gets or sets the user (object id or user principal name) the authorize endpoint signs in when the request has no
    /// <c>login_hint</c>. Defaults to <see langword="null"/>: Adele Vance, or the directory's first user.</summary>
    public string? SignInUser { get; set; }

    /// <summary>Gets a snapshot of the registered clients.</summary>
    public IReadOnlyList<EmulatedClient> Clients
    {
        get { lock (_gate) { return [.. _clients.Values]; } }
    }

    /// <summary>Registers (or replaces) an app registration the sign-in endpoints accept.</summary>
    /// <param name="clientId">The application (client) id.</param>
    /// <param name="redirectUris">The redirect URIs; the authorize and token endpoints accept these exactly.</param>
    /// <param name="clientSecret">A client secret for a confidential client (the token endpoint then requires it); <see langword="null"/> for a public client.</param>
    /// <returns>The registration.</returns>
    public EmulatedClient RegisterClient(string clientId, IEnumerable<string> redirectUris, string? clientSecret = null) =>
        RegisterClient(clientId, redirectUris, clientSecret, displayName: null);

    /// <summary>Registers (or replaces) an app registration with the display name the sign-in page shows.</summary>
    /// <param name="clientId">The application (client) id.</param>
    /// <param name="displayName">The app's display name, shown on the sign-in page.</param>
    /// <param name="redirectUris">The redirect URIs; the authorize and token endpoints accept these exactly.</param>
    /// <param name="clientSecret">A client secret for a confidential client (the token endpoint then requires it); <see langword="null"/> for a public client.</param>
    /// <returns>The registration.</returns>
    public EmulatedClient RegisterClient(string clientId, string displayName, IEnumerable<string> redirectUris, string? clientSecret = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        return RegisterClient(clientId, redirectUris, clientSecret, displayName);
    }

    private EmulatedClient RegisterClient(string clientId, IEnumerable<string> redirectUris, string? clientSecret, string? displayName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentNullException.ThrowIfNull(redirectUris);
        var client = new EmulatedClient(clientId, [.. redirectUris], clientSecret) { DisplayName = displayName };
        if (client.RedirectUris.Count == 0 || client.RedirectUris.Any(u => !Uri.TryCreate(u, UriKind.Absolute, out _)))
        {
            throw new ArgumentException("Give at least one redirect URI, each an absolute URI.", nameof(redirectUris));
        }

        lock (_gate)
        {
            _clients[clientId] = client;
        }

        return client;
    }

    /// <summary>
    /// Revokes every refresh token issued to a user (as <c>revokeSignInSessions</c> or a password reset does). The next refresh
    /// with one of them gets <c>invalid_grant</c> (AADSTS50173). Access tokens already issued stay valid until they expire.
    /// </summary>
    /// <param name="userIdOrUpn">The user's object id or user principal name.</param>
    /// <returns>How many refresh tokens were revoked.</returns>
    public int RevokeRefreshTokens(string userIdOrUpn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userIdOrUpn);
        lock (_gate)
        {
            var revoked = 0;
            foreach (var (token, grant) in _refreshTokens.ToList())
            {
                if (grant.State == GrantState.Valid && (grant.UserId.ToString().Equals(userIdOrUpn, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(grant.UserPrincipalName, userIdOrUpn, StringComparison.OrdinalIgnoreCase)))
                {
                    _refreshTokens[token] = grant with { State = GrantState.Revoked };
                    revoked++;
                }
            }

            return revoked;
        }
    }

    internal EmulatedClient? FindClient(string clientId)
    {
        lock (_gate)
        {
            return _clients.GetValueOrDefault(clientId);
        }
    }

    internal string AddCode(PendingCode code) => Add(_codes, code);

    /// <summary>Takes a code; any later attempt sees <see cref="GrantState.Used"/>.</summary>
    internal GrantState TakeCode(string code, DateTimeOffset now, out PendingCode? pending)
    {
        lock (_gate)
        {
            pending = _codes.GetValueOrDefault(code);
            if (pending is null)
            {
                return GrantState.Unknown;
            }

            if (pending.Redeemed)
            {
                return GrantState.Used;
            }

            _codes[code] = pending with { Redeemed = true };
            return pending.ExpiresOn <= now ? GrantState.Expired : GrantState.Valid;
        }
    }

    internal string AddRefreshToken(RefreshGrant grant) => Add(_refreshTokens, grant);

    /// <summary>Takes a refresh token for rotation: a valid one is marked used at once, so two concurrent refreshes cannot both succeed.</summary>
    internal GrantState TakeRefreshToken(string token, DateTimeOffset now, out RefreshGrant? grant)
    {
        lock (_gate)
        {
            grant = _refreshTokens.GetValueOrDefault(token);
            if (grant is null)
            {
                return GrantState.Unknown;
            }

            if (grant.State != GrantState.Valid)
            {
                return grant.State;
            }

            if (grant.ExpiresOn <= now)
            {
                return GrantState.Expired;
            }

            _refreshTokens[token] = grant with { State = GrantState.Used };
            return GrantState.Valid;
        }
    }

    /// <summary>Stores <paramref name="grant"/> under a new opaque value and returns that value.</summary>
    private string Add<T>(Dictionary<string, T> store, T grant)
    {
        var value = NewSecret();
        lock (_gate)
        {
            store[value] = grant;
        }

        return value;
    }

    private static string NewSecret()
    {
        // Shaped like Entra's opaque values (long, base64url) so length limits in clients are exercised.
        var bytes = RandomNumberGenerator.GetBytes(48);
        return "0.E" + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    internal sealed record PendingCode(
        string ClientId,
        string RedirectUri,
        string CodeChallenge,
        IReadOnlyList<string> Scopes,
        Guid UserId,
        string UserPrincipalName,
        string? Nonce,
        DateTimeOffset ExpiresOn,
        bool Redeemed = false);

    internal sealed record RefreshGrant(
        string ClientId,
        IReadOnlyList<string> Scopes,
        Guid UserId,
        string UserPrincipalName,
        DateTimeOffset ExpiresOn,
        GrantState State = GrantState.Valid);
}
