namespace Entra.Actions.Emulator;

/// <summary>
/// Lifetimes used by the emulator's sign-in endpoints (<c>/{tenant}/oauth2/v2.0/authorize</c> and <c>/token</c>), on
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
}
