using Azure.Core;
using Entra.Actions.Directory.Internal;
using Entra.Actions.Tests.TestSupport;
using Entra.Actions.Throttling.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Entra.Actions.Tests.Health;

/// <summary>
/// A host with <c>AddEntraActions</c> (the wire stubbed by <see cref="StubGraphHandler"/>) and <c>AddHealthChecks().AddEntraActions()</c>,
/// run through the real <see cref="HealthCheckService"/>. Optionally the organization read is a mock instead of the pipeline.
/// </summary>
internal sealed class HealthCheckHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public HealthCheckHost(
        TokenCredential credential,
        IOrganizationReader? reader = null,
        Action<EntraActionsOptions>? configure = null,
        Action<IHealthChecksBuilder>? checks = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEntraActions(options =>
            {
                options.Credential = credential;
                configure?.Invoke(options);
            })
            .ConfigurePrimaryHttpMessageHandler(() => Handler);
        if (reader is not null)
        {
            services.Replace(ServiceDescriptor.Singleton(reader));
        }

        var builder = services.AddHealthChecks();
        if (checks is null)
        {
            builder.AddEntraActions(Relaxed);
        }
        else
        {
            checks(builder);
        }

        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public StubGraphHandler Handler { get; } = new();

    /// <summary>For tests that are not about latency: a loaded machine's first (cold) check must not read as slow.</summary>
    public static void Relaxed(EntraHealthCheckOptions options)
    {
        options.Timeout = TimeSpan.FromSeconds(60);
        options.DegradedLatencyThreshold = TimeSpan.FromSeconds(30);
    }

    public IServiceProvider Services => _services;

    public ThrottleGate Gate => _services.GetRequiredService<ThrottleGate>();

    /// <summary>Runs every registered check and returns the one named <paramref name="name"/>.</summary>
    public async Task<HealthReportEntry> RunAsync(string name = "entra")
    {
        var report = await _services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries[name];
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
