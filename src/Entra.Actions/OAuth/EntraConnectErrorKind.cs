namespace Entra.Actions;

/// <summary>Why a connect did not complete.</summary>
public enum EntraConnectErrorKind
{
    /// <summary>The <c>state</c> is unknown, expired or already used (a replayed or stale callback). Start the connect again.</summary>
    InvalidState = 0,

    /// <summary>The authorization server sent the browser back with an error instead of a code (the user cancelled, consent was refused, the account is disabled).</summary>
    AuthorizationFailed = 1,

    /// <summary>The token endpoint refused the code (<c>invalid_grant</c>: expired, already redeemed, PKCE mismatch). Start the connect again.</summary>
    InvalidGrant = 2,

    /// <summary>The app registration or settings are wrong (<c>invalid_client</c>, <c>unauthorized_client</c>, <c>invalid_request</c>, a missing refresh token). Fix the configuration.</summary>
    Configuration = 3,

    /// <summary>The token endpoint could not be reached or answered unreadably. Try again.</summary>
    ServiceError = 4,
}
