namespace Entra.Actions.Emulator;

/// <summary>Options of a <see cref="GraphEmulator"/>. Read on every request: change them between requests, not during.</summary>
public sealed class GraphEmulatorOptions
{
    /// <summary>
    /// Gets or sets a value indicating whether requests need a valid bearer token and the permissions Graph's reference lists for each request.
    /// Defaults to <see langword="true"/>. When <see langword="false"/>, a request without a token acts as an application that holds
    /// every permission (a request with a valid token still acts as that token, so <c>/me</c> works).
    /// </summary>
    public bool RequireAuthentication { get; set; } = true;

    /// <summary>Gets the directory throttling options (on by default with Graph's quotas).</summary>
    public ThrottlingOptions Throttling { get; } = new();

    /// <summary>Gets the lifetimes used by the sign-in endpoints (<c>/{tenant}/oauth2/v2.0/authorize</c> and <c>/token</c>).</summary>
    public SignInOptions SignIn { get; } = new();

    /// <summary>Gets or sets the clock for token expiry, throttling windows, and injected latency. Defaults to
    /// <see cref="TimeProvider.System"/>. Read on every request, so it may be replaced between requests; replacing it refills the
    /// throttling buckets (timestamps of two clocks cannot be compared).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
