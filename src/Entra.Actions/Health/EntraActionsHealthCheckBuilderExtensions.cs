using Entra.Actions.Health.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Entra.Actions;

/// <summary>Adds Entra health checks to <c>services.AddHealthChecks()</c>.</summary>
/// <remarks>
/// Each run gets a token from the connection's credential and reads <c>GET /organization</c>, the cheapest Graph call. It reports
/// <see cref="HealthStatus.Healthy"/> with the tenant id (and name) and the latency in its data; <see cref="HealthStatus.Degraded"/>
/// when Graph is slower than <see cref="EntraHealthCheckOptions.DegradedLatencyThreshold"/>, throttles (429), answers 503 or 504
/// through the retries, or does not answer within <see cref="EntraHealthCheckOptions.Timeout"/>; and the registration's failure status
/// (Unhealthy by default) when there is no token, Graph answers 401, the token's permissions allow none of the actions, or Graph cannot
/// be reached or fails otherwise. A 403 on the organization read alone is healthy when the token's permissions allow the actions
/// (reading the organization needs <c>Organization.Read.All</c>, which least-privilege connections do not have). Data keys:
/// <c>connection</c>, <c>tenantId</c>, <c>tenantDisplayName</c>, <c>latencyMs</c>, <c>readyActions</c>, <c>actions</c>,
/// <c>organizationReadable</c>, and on failures <c>errorKind</c>, <c>statusCode</c>, <c>graphErrorCode</c>, <c>requestId</c>,
/// <c>retryAfterSeconds</c>. No result carries a token, a secret or an exception.
/// </remarks>
public static class EntraActionsHealthCheckBuilderExtensions
{
    /// <summary>The default name of the check of <c>AddEntraActions</c>'s services: <c>entra</c>.</summary>
    public const string DefaultName = "entra";

    /// <summary>
    /// Adds a health check of the services registered by <c>services.AddEntraActions(...)</c>: its credential, tenant and Graph endpoint.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="configure">Sets the check's options (latency threshold, timeout); validated at start-up.</param>
    /// <param name="name">The check's name; default <see cref="DefaultName"/>.</param>
    /// <param name="failureStatus">The status reported when the connection does not work; default <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to filter checks by (for example <c>ready</c>).</param>
    /// <param name="timeout">The health check service's own timeout for the check, which reports <paramref name="failureStatus"/>; default none. The check's own <see cref="EntraHealthCheckOptions.Timeout"/> reports Degraded.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddEntraActions(
        this IHealthChecksBuilder builder,
        Action<EntraHealthCheckOptions>? configure = null,
        string? name = null,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Add(builder, connectionName: null, name ?? DefaultName, configure, failureStatus, tags, timeout);
    }

    /// <summary>
    /// Adds a health check of the named connection <paramref name="connectionName"/> of <see cref="IEntraConnectionFactory"/>
    /// (configured under <c>EntraActions:Connections:{name}</c> or created with <c>GetOrCreateConnection</c>). The connection is looked
    /// up on every run; one that does not exist reports <paramref name="failureStatus"/>.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="connectionName">The connection name.</param>
    /// <param name="configure">Sets the check's options (latency threshold, timeout); validated at start-up.</param>
    /// <param name="name">The check's name; default <c>entra:{connectionName}</c>.</param>
    /// <param name="failureStatus">The status reported when the connection does not work; default <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to filter checks by (for example <c>ready</c>).</param>
    /// <param name="timeout">The health check service's own timeout for the check, which reports <paramref name="failureStatus"/>; default none. The check's own <see cref="EntraHealthCheckOptions.Timeout"/> reports Degraded.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddEntraConnection(
        this IHealthChecksBuilder builder,
        string connectionName,
        Action<EntraHealthCheckOptions>? configure = null,
        string? name = null,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        return Add(builder, connectionName, name ?? $"{DefaultName}:{connectionName}", configure, failureStatus, tags, timeout);
    }

    private static IHealthChecksBuilder Add(
        IHealthChecksBuilder builder,
        string? connectionName,
        string name,
        Action<EntraHealthCheckOptions>? configure,
        HealthStatus? failureStatus,
        IEnumerable<string>? tags,
        TimeSpan? timeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var options = builder.Services.AddOptions<EntraHealthCheckOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EntraHealthCheckOptions>, EntraHealthCheckOptionsValidator>());
        return builder.Add(new HealthCheckRegistration(
            name,
            services => new EntraHealthCheck(services, connectionName, services.GetRequiredService<IOptionsMonitor<EntraHealthCheckOptions>>().Get(name)),
            failureStatus,
            tags,
            timeout));
    }
}
