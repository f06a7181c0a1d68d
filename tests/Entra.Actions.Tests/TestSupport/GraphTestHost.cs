using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Entra.Actions.Tests.TestSupport;

/// <summary>
/// The library as a host registers it (AddEntraActions, the real Graph transport and HTTP pipeline) with only the
/// wire replaced by <see cref="StubGraphHandler"/> and the credential by <see cref="FakeTokenCredential"/>.
/// </summary>
public sealed class GraphTestHost : IDisposable
{
    private readonly ServiceProvider _services;

    public GraphTestHost(Action<EntraActionsOptions>? configure = null, TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(LoggerProvider));
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddEntraActions(options =>
            {
                options.Credential = Credential;
                options.MaxRetryDuration = TimeSpan.FromSeconds(30);
                configure?.Invoke(options);
            })
            .ConfigurePrimaryHttpMessageHandler(() => Handler);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Actions = _services.GetRequiredService<IEntraActions>();
    }

    public StubGraphHandler Handler { get; } = new();

    public FakeTokenCredential Credential { get; } = new();

    public FakeLoggerProvider LoggerProvider { get; } = new();

    public IEntraActions Actions { get; }

    public IServiceProvider Services => _services;

    public static GraphTestHost WithFakeTime(out FakeTimeProvider time, Action<EntraActionsOptions>? configure = null)
    {
        time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-26T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        return new GraphTestHost(configure, time);
    }

    public void Dispose()
    {
        _services.Dispose();
        LoggerProvider.Dispose();
    }
}
