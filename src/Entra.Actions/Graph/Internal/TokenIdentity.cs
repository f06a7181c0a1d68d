using Entra.Actions.Connections.Internal;
using Entra.Actions.Telemetry.Internal;
using Entra.Actions.Throttling.Internal;

namespace Entra.Actions.Graph.Internal;

/// <summary>
/// What the latest access token says about who acts (tenant, user or app, permissions), read once per new token. The
/// audit trail names the acting identity from it, and a dry run checks the write permission against it.
/// </summary>
/// <remarks>Only the claims and, to notice a new token, its length, last characters and hash are kept, never the token itself.</remarks>
internal sealed class TokenIdentity : IThrottleScopeSource
{
    private const int TailLength = 24;

    private Snapshot? _last;

    /// <summary>The claims of the latest token, or <see langword="null"/> when no token was seen or it is not a readable JWT.</summary>
    public AccessTokenClaims? Claims => Volatile.Read(ref _last)?.Claims;

    /// <summary>
    /// The budget of the running call's own token when the call has sent a request, else of the latest token: with a
    /// credential that serves several users, the latest token in the container may be another user's.
    /// </summary>
    public EntraThrottleScope? ThrottleScope => ActionCall.Current?.ThrottleScope ?? Volatile.Read(ref _last)?.Scope;

    /// <summary>The budget of <paramref name="claims"/> (as returned by <see cref="Observe"/>), worked out once per token.</summary>
    /// <param name="claims">The claims of a token just observed.</param>
    /// <returns>The scope, or <see langword="null"/> when the claims name no usable tenant and application.</returns>
    public EntraThrottleScope? ScopeOf(AccessTokenClaims claims) =>
        Volatile.Read(ref _last) is { } last && ReferenceEquals(last.Claims, claims) ? last.Scope : ScopeFrom(claims);

    /// <summary>Reads a token sent to Graph, unless it is the one seen last.</summary>
    /// <param name="token">The access token.</param>
    /// <returns>The token's claims, or <see langword="null"/> when it is not a readable JWT.</returns>
    public AccessTokenClaims? Observe(string token)
    {
        var last = Volatile.Read(ref _last);
        var tail = token.AsSpan(Math.Max(0, token.Length - TailLength));
        // The tail alone is not enough: an unsigned token (an emulator's) ends with its last claim, which another user's token can share.
        var hash = string.GetHashCode(token.AsSpan());
        if (last is not null && last.Length == token.Length && last.Hash == hash && tail.SequenceEqual(last.Tail))
        {
            return last.Claims;
        }

        var claims = AccessTokenClaims.TryRead(token, out var read, out _) ? read : null;
        var scope = claims is null ? null : ScopeFrom(claims);
        Volatile.Write(ref _last, new Snapshot(token.Length, hash, tail.ToString(), claims, scope));
        return claims;
    }

    /// <summary>The acting identity of <paramref name="claims"/>: the userPrincipalName (or object id) of a delegated token, the app id of an app-only one.</summary>
    /// <param name="claims">The claims.</param>
    /// <returns>The identity, or <see langword="null"/>.</returns>
    public static string? ActingIdentity(AccessTokenClaims? claims) => claims is null
        ? null
        : claims.PermissionModel == EntraPermissionModel.Delegated ? claims.UserPrincipalName ?? claims.ObjectId : claims.ApplicationId;

    private static EntraThrottleScope? ScopeFrom(AccessTokenClaims claims) => ThrottleScopes.From(
        claims.TenantId, claims.ApplicationId, claims.PermissionModel == EntraPermissionModel.Delegated ? claims.ObjectId : null);

    private sealed record Snapshot(int Length, int Hash, string Tail, AccessTokenClaims? Claims, EntraThrottleScope? Scope);
}
