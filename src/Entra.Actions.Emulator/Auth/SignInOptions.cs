namespace Entra.Actions.Emulator;

/// <summary>
/// Lifetimes and the sign-in page of the emulator's sign-in endpoints (<c>/{tenant}/oauth2/v2.0/authorize</c> and <c>/token</c>), on
/// <see cref="GraphEmulatorOptions.TimeProvider"/>. Read on every request.
/// </summary>
public sealed class SignInOptions
{
    /// <summary>Gets or sets the lifetime of access tokens issued by the token endpoint. Defaults to one hour (Entra issues 60 to 90 minutes).
    /// Shorten it, and move the emulator's clock, to test a silent refresh.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the lifetime of refresh tokens. Defaults to 90 days (Entra's inactivity lifetime).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Gets or sets the lifetime of authorization codes. Defaults to 10 minutes, as in Entra.</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets a value indicating whether <c>GET /{tenant}/oauth2/v2.0/authorize</c> shows a sign-in page (pick an
    /// account of the tenant, see the requested permissions, Accept or Cancel) instead of signing in at once. Defaults to
    /// <see langword="false"/>: tests sign in without a page. A request with <c>prompt=select_account</c>, <c>consent</c> or
    /// <c>login</c> gets the page either way; <c>prompt=none</c> never does. Cancel redirects with <c>error=access_denied</c>.</summary>
    public bool Interactive { get; set; }
}
