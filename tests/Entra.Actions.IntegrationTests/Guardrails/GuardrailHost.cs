using System.Collections.Concurrent;
using Azure.Core;
using Entra.Actions.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.IntegrationTests.Guardrails;

/// <summary>A logger provider that keeps every entry (category, event id, level, message).</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, EventId EventId, LogLevel Level, string Message)> _entries = new();

    public IReadOnlyList<(string Category, EventId EventId, LogLevel Level, string Message)> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, EventId, LogLevel, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((category, eventId, logLevel, formatter(state, exception)));
    }
}

/// <summary>Builds a host's services against the harness's emulator, with the host's own registrations (sinks, policies, logging).</summary>
public static class GuardrailHost
{
    public static ServiceProvider Build(
        EmulatorHarness harness,
        TokenCredential credential,
        Action<EntraActionsOptions>? configure = null,
        Action<IServiceCollection>? register = null,
        ILoggerProvider? logs = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        register?.Invoke(services);
        var baseUrl = harness.BaseUrl;
        var builder = services.AddEntraActions(o =>
        {
            o.GraphBaseUrl = baseUrl;
            o.Credential = credential;
            configure?.Invoke(o);
        });
        if (harness.Host == EmulatorHost.InProcess)
        {
            builder.ConfigurePrimaryHttpMessageHandler(harness.Emulator.CreateHandler);
            services.Configure<EntraConnectionFactoryOptions>(o => o.ConfigureHttpClient = (_, b) => b.ConfigurePrimaryHttpMessageHandler(harness.Emulator.CreateHandler));
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
