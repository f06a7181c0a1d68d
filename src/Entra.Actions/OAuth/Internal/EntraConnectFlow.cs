using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Identity;
using Entra.Actions.Connections.Internal;
using Entra.Actions.Logging.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Entra.Actions.OAuth.Internal;

/// <summary>The connect flow (see <see cref="IEntraConnectFlow"/>): authorization URL, code redemption, stored refresh tokens, silent refresh.</summary>
internal sealed class EntraConnectFlow : IEntraConnectFlow
{
    private const string PendingPrefix = "pending:";
    private const string ConnectionPrefix = "connection:";

    private readonly EntraConnectOptions _options;
    private readonly IEntraTokenStore _store;
    private readonly TokenEndpointClient _tokens;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, ConnectionState> _connections = new(ConnectionName.Comparer);
    private readonly ConcurrentDictionary<string, byte> _completing = new(StringComparer.Ordinal);
    private readonly string _scope;

    public EntraConnectFlow(IOptions<EntraConnectOptions> options, IEntraTokenStore store, TokenEndpointClient tokens, TimeProvider timeProvider, ILogger<EntraConnectFlow>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options.Value;
        _store = store;
        _tokens = tokens;
        _timeProvider = timeProvider;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _scope = BuildScope(_options);
    }

    /// <summary>How many connections this flow holds state for (cached access token, refresh gate); for tests.</summary>
    internal int TrackedConnectionCount => _connections.Count;

    /// <summary>The scope parameter: the Graph permissions on the Graph host, then <c>offline_access openid profile</c>.</summary>
    internal static string BuildScope(EntraConnectOptions options)
    {
        var resource = options.GraphBaseUrl.GetLeftPart(UriPartial.Authority);
        return string.Join(' ', options.EffectiveScopes.Select(s => $"{resource}/{s}").Concat(["offline_access", "openid", "profile"]));
    }

    public async Task<EntraConnectStart> BeginConnectAsync(string connectionName, string? loginHint = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        var state = Pkce.NewRandom();
        var verifier = Pkce.NewRandom();
        var redirectUri = _options.RedirectUri!.OriginalString;
        var expiresOn = _timeProvider.GetUtcNow() + _options.PendingConnectLifetime;
        var pending = new PendingConnect(connectionName, verifier, redirectUri, expiresOn);
        await _store.SetAsync(PendingPrefix + state, StoredJson.Write(pending), expiresOn, cancellationToken).ConfigureAwait(false);

        var query = new StringBuilder();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        Add("client_id", _options.ClientId);
        Add("response_type", "code");
        Add("redirect_uri", redirectUri);
        Add("response_mode", "query");
        Add("scope", _scope);
        Add("state", state);
        Add("code_challenge", Pkce.Challenge(verifier));
        Add("code_challenge_method", "S256");
        Add("prompt", _options.Prompt);
        Add("login_hint", loginHint);
        Log.ConnectStarted(_logger, connectionName);
        return new EntraConnectStart(connectionName, new Uri(_tokens.Endpoint(_options.TenantId, "authorize") + query.ToString()), state, expiresOn);
    }

    public Task<EntraConnectResult> CompleteConnectAsync(Uri callbackUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(callbackUrl);
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        var raw = callbackUrl.IsAbsoluteUri ? callbackUrl.Query : (callbackUrl.OriginalString.Split('?', 2) is [_, var q] ? q : string.Empty);
        foreach (var pair in raw.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            query[Uri.UnescapeDataString(parts[0].Replace('+', ' '))] = parts.Length == 2 ? Uri.UnescapeDataString(parts[1].Replace('+', ' ')) : string.Empty;
        }

        return CompleteCoreAsync(query.GetValueOrDefault("state"), query.GetValueOrDefault("code"), query.GetValueOrDefault("error"), query.GetValueOrDefault("error_description"), cancellationToken);
    }

    public Task<EntraConnectResult> CompleteConnectAsync(string state, string code, CancellationToken cancellationToken = default) =>
        CompleteCoreAsync(state, code, null, null, cancellationToken);

    public TokenCredential GetCredential(string connectionName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        return State(connectionName).Credential;
    }

    public async Task<EntraConnectedAccount?> GetConnectionAsync(string connectionName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        return (await LoadAsync(connectionName, cancellationToken).ConfigureAwait(false))?.ToAccount(connectionName);
    }

    public async Task<bool> DisconnectAsync(string connectionName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        var state = State(connectionName);

        // Under the connection's gate, so that a refresh in flight cannot store its rotated token after the removal.
        await state.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            state.Token = null;
            var existed = await _store.GetAsync(ConnectionKey(connectionName), cancellationToken).ConfigureAwait(false) is not null;
            await _store.RemoveAsync(ConnectionKey(connectionName), cancellationToken).ConfigureAwait(false);
            Forget(connectionName, state);
            Log.Disconnected(_logger, connectionName);
            return existed;
        }
        finally
        {
            state.Gate.Release();
        }
    }

    internal async ValueTask<AccessToken> GetAccessTokenAsync(string connectionName, string? claims, CancellationToken cancellationToken)
    {
        var state = State(connectionName);
        var challenged = !string.IsNullOrEmpty(claims); // a claims challenge (CAE): the cached token was rejected
        var seen = state.Token;
        if (!challenged && IsFresh(seen))
        {
            return seen!.Value;
        }

        // One refresh at a time per connection: the refresh token rotates, so parallel refreshes would race to store it.
        await state.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A challenged caller takes a token only if someone refreshed while it waited; the others take any fresh token.
            var current = state.Token;
            if (IsFresh(current) && (!challenged || !Nullable.Equals(current, seen)))
            {
                return current!.Value;
            }

            var stored = await LoadAsync(connectionName, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                // Unknown (never connected, a typo, or disconnected elsewhere): keep no state for it.
                Forget(connectionName, state);
                throw new AuthenticationFailedException(
                    $"The Entra connection '{connectionName}' is not connected: no refresh token is stored for it. Connect it with IEntraConnectFlow.BeginConnectAsync and CompleteConnectAsync.");
            }

            var tenant = _options.TenantId is "organizations" or "common" && !string.IsNullOrEmpty(stored.TenantId) ? stored.TenantId : _options.TenantId;
            var response = await _tokens.RefreshAsync(tenant, stored.RefreshToken, _scope, challenged ? claims : null, cancellationToken).ConfigureAwait(false);
            if (response.IsInvalidGrant && await LoadAsync(connectionName, cancellationToken).ConfigureAwait(false) is { } rotated
                && !string.Equals(rotated.RefreshToken, stored.RefreshToken, StringComparison.Ordinal))
            {
                // Another node sharing the store refreshed first and the authority rotated the token: use the one it stored.
                stored = rotated;
                response = await _tokens.RefreshAsync(tenant, stored.RefreshToken, _scope, challenged ? claims : null, cancellationToken).ConfigureAwait(false);
            }

            if (response.Error is { } error)
            {
                var disconnect = response.IsInvalidGrant;
                if (disconnect)
                {
                    // The refresh token is dead (revoked, expired, password reset): keep nothing that would fail again.
                    await _store.RemoveAsync(ConnectionKey(connectionName), cancellationToken).ConfigureAwait(false);
                    state.Token = null;
                    Forget(connectionName, state);
                }

                Log.RefreshFailed(_logger, connectionName, error.Kind, error.OAuthError, string.Join(",", error.ErrorCodes), error.TraceId, disconnect);
                throw new AuthenticationFailedException(disconnect
                    ? $"The Entra connection '{connectionName}' is no longer authorized and was disconnected: Microsoft Entra refused its refresh token ({error.Message}). Connect it again."
                    : $"The access token of Entra connection '{connectionName}' could not be refreshed ({error.Message}). The connection is kept; try again.");
            }

            var now = _timeProvider.GetUtcNow();
            var updated = stored with { RefreshToken = response.RefreshToken ?? stored.RefreshToken, RefreshedOn = now };
            await _store.SetAsync(ConnectionKey(connectionName), StoredJson.Write(updated), null, cancellationToken).ConfigureAwait(false);
            state.Token = new AccessToken(response.AccessToken!, response.ExpiresOn);
            Log.TokenRefreshed(_logger, connectionName, response.ExpiresOn);
            return state.Token.Value;
        }
        finally
        {
            state.Gate.Release();
        }
    }

    private async Task<EntraConnectResult> CompleteCoreAsync(string? stateValue, string? code, string? error, string? errorDescription, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(stateValue))
        {
            return Fail(null, new EntraConnectError(EntraConnectErrorKind.InvalidState, "The callback has no state. Start the connect again from BeginConnectAsync."));
        }

        // Before the state is taken, so that a caller that already gave up leaves it usable.
        cancellationToken.ThrowIfCancellationRequested();

        // A distributed store cannot take atomically; within this process a state is completed once, even by concurrent callbacks.
        if (!_completing.TryAdd(stateValue, 0))
        {
            return Fail(null, InvalidState());
        }

        try
        {
            var json = await _store.TakeAsync(PendingPrefix + stateValue, cancellationToken).ConfigureAwait(false);
            var pending = StoredJson.Read<PendingConnect>(json, p => p.IsComplete, _logger, "a pending connect", null);
            if (pending is null || pending.ExpiresOn <= _timeProvider.GetUtcNow()
                || (pending.CodeHash is not null && (string.IsNullOrEmpty(code) || !string.Equals(pending.CodeHash, HashOf(code), StringComparison.Ordinal))))
            {
                return Fail(pending?.ConnectionName, InvalidState());
            }

            if (error is not null)
            {
                return Fail(pending.ConnectionName, new EntraConnectError(EntraConnectErrorKind.AuthorizationFailed,
                    $"Microsoft Entra did not authorize the connection ({error}): {TokenEndpointClient.Describe(errorDescription)}")
                {
                    OAuthError = error,
                    ErrorCodes = TokenEndpointClient.CodesFrom(errorDescription),
                });
            }

            if (string.IsNullOrEmpty(code))
            {
                return Fail(pending.ConnectionName, new EntraConnectError(EntraConnectErrorKind.AuthorizationFailed, "The callback has neither a code nor an error. Start the connect again."));
            }

            TokenEndpointResponse response;
            try
            {
                response = await _tokens.RedeemCodeAsync(code, pending.CodeVerifier, pending.RedirectUri, _scope, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await PutBackAsync(stateValue, pending, code).ConfigureAwait(false);
                throw;
            }

            if (response.Error is { } refused)
            {
                return Fail(pending.ConnectionName, refused);
            }

            if (string.IsNullOrEmpty(response.RefreshToken))
            {
                return Fail(pending.ConnectionName, new EntraConnectError(EntraConnectErrorKind.Configuration,
                    "Microsoft Entra issued no refresh token, so the connection could not stay connected. Make sure offline_access is allowed for the app registration."));
            }

            var stored = ToStored(response, _timeProvider.GetUtcNow());
            var state = State(pending.ConnectionName);
            await state.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _store.SetAsync(ConnectionKey(pending.ConnectionName), StoredJson.Write(stored), null, cancellationToken).ConfigureAwait(false);
                state.Token = new AccessToken(response.AccessToken!, response.ExpiresOn);
            }
            finally
            {
                state.Gate.Release();
            }

            Log.ConnectCompleted(_logger, pending.ConnectionName, stored.ObjectId, stored.TenantId);
            Log.ConnectAccount(_logger, pending.ConnectionName, stored.UserPrincipalName);
            return EntraConnectResult.Success(stored.ToAccount(pending.ConnectionName));
        }
        finally
        {
            _completing.TryRemove(stateValue, out _);
        }
    }

    // Entra may or may not have redeemed the code before the cancellation, so the state goes back bound to this code: the same
    // callback can be retried (Entra redeems a code at most once), but the state can never redeem a second code.
    private async Task PutBackAsync(string stateValue, PendingConnect pending, string code)
    {
        if (pending.ExpiresOn > _timeProvider.GetUtcNow())
        {
            var bound = pending with { CodeHash = HashOf(code) };
            // Not the caller's token: it is already cancelled, and the put-back is what makes the retry possible.
            await _store.SetAsync(PendingPrefix + stateValue, StoredJson.Write(bound), pending.ExpiresOn, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static string HashOf(string code) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code)));

    private static EntraConnectError InvalidState() =>
        new(EntraConnectErrorKind.InvalidState, "The connect state is unknown, expired or already used. Start the connect again from BeginConnectAsync.");

    private static StoredConnection ToStored(TokenEndpointResponse response, DateTimeOffset now)
    {
        var id = JwtClaims.TryRead(response.IdToken);
        var access = JwtClaims.TryRead(response.AccessToken);
        string? Claim(string name) => id?.Get(name) ?? access?.Get(name);
        var scopes = (response.Scope ?? access?.Get("scp") ?? string.Empty)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s[(s.LastIndexOf('/') + 1)..])
            .Where(s => s.Length > 0 && s is not ("offline_access" or "openid" or "profile" or "email"))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new StoredConnection(
            response.RefreshToken!,
            Claim("preferred_username") ?? Claim("upn"),
            Claim("name"),
            Claim("oid"),
            Claim("tid"),
            scopes,
            now,
            null);
    }

    private EntraConnectResult Fail(string? connectionName, EntraConnectError error)
    {
        Log.ConnectFailed(_logger, connectionName, error.Kind, error.OAuthError, string.Join(",", error.ErrorCodes), error.TraceId);
        return EntraConnectResult.Failure(connectionName, error);
    }

    private async Task<StoredConnection?> LoadAsync(string connectionName, CancellationToken cancellationToken)
    {
        var json = await _store.GetAsync(ConnectionKey(connectionName), cancellationToken).ConfigureAwait(false);
        return StoredJson.Read<StoredConnection>(json, c => c.IsComplete, _logger, "a connection", connectionName);
    }

    // The same rule as the in-memory state and the connection factory: names equal there are one stored connection, and only those.
    private static string ConnectionKey(string connectionName) => ConnectionPrefix + ConnectionName.Canonical(connectionName);

    private bool IsFresh(AccessToken? token) =>
        token is { } t && t.ExpiresOn - _options.RefreshBeforeExpiry > _timeProvider.GetUtcNow();

    // Only this instance: a state created since (a reconnect) stays. Its credential keeps working: it looks its state up by name.
    private void Forget(string connectionName, ConnectionState state) =>
        _connections.TryRemove(new KeyValuePair<string, ConnectionState>(connectionName, state));

    private ConnectionState State(string connectionName) =>
        _connections.GetOrAdd(connectionName, name => new ConnectionState(new ConnectionCredential(this, name)));

    private sealed class ConnectionState(ConnectionCredential credential)
    {
        private Box? _token;

        public ConnectionCredential Credential { get; } = credential;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        // Read without the gate on the fast path; AccessToken is a struct, so the nullable box is replaced whole.
        public AccessToken? Token
        {
            get => Volatile.Read(ref _token)?.Value;
            set => Volatile.Write(ref _token, value is null ? null : new Box(value.Value));
        }

        private sealed record Box(AccessToken Value);
    }
}
