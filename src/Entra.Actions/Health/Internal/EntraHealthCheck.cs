using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Entra.Actions.Health.Internal;

/// <summary>
/// The health check of the services <c>AddEntraActions</c> registered, or of one named connection: resolves them, then runs one
/// <see cref="ConnectionProbe"/>. Never throws for what it finds (only cancellation escapes), so the health check service never
/// attaches an exception that a health UI would show.
/// </summary>
internal sealed class EntraHealthCheck : IHealthCheck
{
    private readonly IServiceProvider _services;
    private readonly string? _connectionName;
    private readonly EntraHealthCheckOptions _options;

    public EntraHealthCheck(IServiceProvider services, string? connectionName, EntraHealthCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        _services = services;
        _connectionName = connectionName;
        _options = options;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);

        // A context built by hand (not by the health check service) has no registration.
        var failureStatus = context.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        var outcome = new HealthOutcome(_connectionName);
        return HealthTarget.TryResolve(_services, _connectionName, out var target, out var problem)
            ? new ConnectionProbe(target, _options, failureStatus, outcome).RunAsync(cancellationToken)
            : Task.FromResult(outcome.Result(failureStatus, problem));
    }
}
