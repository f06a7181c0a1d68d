namespace Entra.Actions;

/// <summary>
/// Settings of one Entra health check (<c>AddHealthChecks().AddEntraActions(...)</c> or <c>AddEntraConnection(...)</c>).
/// Validated at start-up: both durations must be positive and the threshold no longer than the timeout.
/// </summary>
public sealed class EntraHealthCheckOptions
{
    /// <summary>The longest <see cref="Timeout"/> accepted: five minutes.</summary>
    public static TimeSpan MaxTimeout { get; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A check whose token and <c>GET /organization</c> together take longer than this reports <c>Degraded</c>. Default 2 seconds.
    /// </summary>
    public TimeSpan DegradedLatencyThreshold { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long the check waits for the token and Graph's answer, retries included, before it stops waiting and reports
    /// <c>Degraded</c> (Graph slow, throttling or unavailable). Default 5 seconds, at most <see cref="MaxTimeout"/>.
    /// </summary>
    /// <remarks>
    /// Keep it shorter than the registration's own <c>timeout</c>: when that one ends first, the health check service
    /// reports the registration's failure status instead.
    /// </remarks>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public override string ToString() =>
        $"EntraHealthCheckOptions {{ DegradedLatencyThreshold = {DegradedLatencyThreshold}, Timeout = {Timeout} }}";
}
