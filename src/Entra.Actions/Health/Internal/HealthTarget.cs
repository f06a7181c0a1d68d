using System.Diagnostics.CodeAnalysis;
using Entra.Actions.Directory.Internal;
using Entra.Actions.Throttling.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Entra.Actions.Health.Internal;

/// <summary>
/// The services one health check probes: those <c>AddEntraActions</c> registered in the host's container, or those of one named
/// connection of <see cref="IEntraConnectionFactory"/>. Resolved on every run, so a connection removed and created again is
/// the one checked.
/// </summary>
internal sealed class HealthTarget
{
    private HealthTarget(IServiceProvider services)
    {
        Organization = services.GetRequiredService<IOrganizationReader>();
        Credentials = services.GetRequiredService<IEntraCredentialProvider>();
        Scope = services.GetRequiredService<IOptions<EntraActionsOptions>>().Value.EffectiveScope;
        Gate = services.GetRequiredService<ThrottleGate>();
        Time = services.GetRequiredService<TimeProvider>();
        Catalog = services.GetRequiredService<IEntraActionCatalog>();
    }

    public IOrganizationReader Organization { get; }

    public IEntraCredentialProvider Credentials { get; }

    /// <summary>The scope the Graph transport asks tokens for, so the check's token is the one the actions use (and cached with it).</summary>
    public string Scope { get; }

    /// <summary>The connection's throttle gate: closed while Graph's <c>Retry-After</c> holds every request of the connection back.</summary>
    public ThrottleGate Gate { get; }

    public TimeProvider Time { get; }

    public IEntraActionCatalog Catalog { get; }

    /// <summary>
    /// Resolves the services of the connection named <paramref name="connectionName"/>, or the host's own when it is
    /// <see langword="null"/>. Never throws: a failure comes back as a description that quotes no exception text (option
    /// validation and credential messages are the host's own settings, not a health endpoint's business).
    /// </summary>
    public static bool TryResolve(IServiceProvider services, string? connectionName, [NotNullWhen(true)] out HealthTarget? target, [NotNullWhen(false)] out string? problem)
    {
        target = null;
        var subject = HealthOutcome.SubjectOf(connectionName);
        try
        {
            if (connectionName is null)
            {
                if (services.GetService<IOrganizationReader>() is null)
                {
                    problem = $"{subject} is not registered: call services.AddEntraActions(...) before the health check runs.";
                    return false;
                }

                target = new HealthTarget(services);
                problem = null;
                return true;
            }

            if (services.GetService<IEntraConnectionFactory>() is not { } factory)
            {
                problem = $"{subject} cannot be checked: no connection factory is registered (call services.AddEntraActions or AddEntraConnections).";
                return false;
            }

            EntraConnection connection;
            try
            {
                connection = factory.GetConnection(connectionName);
            }
            catch (InvalidOperationException)
            {
                problem = $"{subject} does not exist: none of that name was created and none is configured.";
                return false;
            }

            target = new HealthTarget(connection.Services);
            problem = null;
            return true;
        }
        catch (OptionsValidationException)
        {
            problem = $"{subject} cannot be checked: its settings are invalid (creating the connection or starting the host names the setting).";
            return false;
        }
        catch (ObjectDisposedException)
        {
            problem = $"{subject} cannot be checked: its services were disposed.";
            return false;
        }
        catch (Exception exception)
        {
            problem = $"{subject} cannot be checked: its services could not be created ({exception.GetType().Name}).";
            return false;
        }
    }
}
