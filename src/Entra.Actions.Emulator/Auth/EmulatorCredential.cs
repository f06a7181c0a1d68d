using Azure.Core;

namespace Entra.Actions.Emulator;

/// <summary>
/// An Azure.Core <see cref="TokenCredential"/> that returns emulator test tokens (see <see cref="EmulatorTokens"/>), so code that
/// takes a credential (Graph SDK, Entra.Actions options) runs unchanged against the emulator. The requested scopes are ignored;
/// the token carries the permissions given here.
/// </summary>
public sealed class EmulatorCredential : TokenCredential
{
    private readonly Func<string> _tokenFactory;
    private int _requestCount;

    /// <summary>Initializes a new instance that returns tokens from a factory (called on every request).</summary>
    /// <param name="tokenFactory">Creates a token, for example <c>() =&gt; EmulatorTokens.CreateApplication([...])</c>.</param>
    public EmulatorCredential(Func<string> tokenFactory)
    {
        ArgumentNullException.ThrowIfNull(tokenFactory);
        _tokenFactory = tokenFactory;
    }

    /// <summary>Gets how many tokens were requested (a way to observe token caching in the caller).</summary>
    public int TokenRequestCount => Volatile.Read(ref _requestCount);

    /// <summary>Creates a credential for an application token with the given roles, for the <see cref="DemoTenant"/>
    /// (<c>tid</c> = <see cref="DemoTenant.TenantId"/>), on the real clock. For a custom-seeded tenant use
    /// <see cref="ForApplication(IEnumerable{string}, string)"/> or <see cref="GraphEmulator.CreateApplicationCredential"/>.</summary>
    /// <param name="roles">The application permissions; when empty, <see cref="EmulatorTokens.DefaultPermissions"/>.</param>
    /// <returns>The credential.</returns>
    public static EmulatorCredential ForApplication(params IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var list = roles.ToList();
        return new EmulatorCredential(() => EmulatorTokens.CreateApplication(list.Count == 0 ? EmulatorTokens.DefaultPermissions : list));
    }

    /// <summary>Creates a credential for an application token with the given roles for a tenant.</summary>
    /// <param name="roles">The application permissions; when empty, <see cref="EmulatorTokens.DefaultPermissions"/>.</param>
    /// <param name="tenantId">The <c>tid</c>: the emulated directory's tenant id (<see cref="EmulatedDirectory.TenantId"/>).</param>
    /// <returns>The credential.</returns>
    public static EmulatorCredential ForApplication(IEnumerable<string> roles, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        var list = roles.ToList();
        return new EmulatorCredential(() => EmulatorTokens.CreateApplication(list.Count == 0 ? EmulatorTokens.DefaultPermissions : list, tenantId: tenantId));
    }

    /// <summary>Creates a credential for a delegated token (signed-in user) with the given scopes for a tenant.</summary>
    /// <param name="scopes">The delegated scopes; when empty, <see cref="EmulatorTokens.DefaultPermissions"/>.</param>
    /// <param name="userObjectId">The user's object id; defaults to <see cref="DemoTenant.AdeleVanceId"/>.</param>
    /// <param name="userPrincipalName">The user's UPN; defaults to <see cref="DemoTenant.AdeleVanceUpn"/>.</param>
    /// <param name="tenantId">The <c>tid</c>: the emulated directory's tenant id (<see cref="EmulatedDirectory.TenantId"/>).</param>
    /// <returns>The credential.</returns>
    public static EmulatorCredential ForDelegated(IEnumerable<string> scopes, string? userObjectId, string? userPrincipalName, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        var list = scopes.ToList();
        return new EmulatorCredential(() => EmulatorTokens.CreateDelegated(
            list.Count == 0 ? EmulatorTokens.DefaultPermissions : list, userObjectId, userPrincipalName, tenantId));
    }

    /// <summary>Creates a credential for a delegated token (signed-in user) with the given scopes, for the <see cref="DemoTenant"/>
    /// (<c>tid</c> = <see cref="DemoTenant.TenantId"/>), on the real clock. For a custom-seeded tenant use
    /// <see cref="ForDelegated(IEnumerable{string}, string?, string?, string)"/> or <see cref="GraphEmulator.CreateDelegatedCredential"/>.</summary>
    /// <param name="scopes">The delegated scopes; when empty, <see cref="EmulatorTokens.DefaultPermissions"/>.</param>
    /// <param name="userObjectId">The user's object id; defaults to <see cref="DemoTenant.AdeleVanceId"/>.</param>
    /// <param name="userPrincipalName">The user's UPN; defaults to <see cref="DemoTenant.AdeleVanceUpn"/>.</param>
    /// <returns>The credential.</returns>
    public static EmulatorCredential ForDelegated(IEnumerable<string> scopes, string? userObjectId = null, string? userPrincipalName = null)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var list = scopes.ToList();
        return new EmulatorCredential(() => EmulatorTokens.CreateDelegated(list.Count == 0 ? EmulatorTokens.DefaultPermissions : list, userObjectId, userPrincipalName));
    }

    /// <inheritdoc />
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requestCount);
        var token = _tokenFactory();
        return new AccessToken(token, EmulatorTokens.ReadExpiry(token));
    }

    /// <inheritdoc />
    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}
