using Azure.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.IntegrationTests.Support;

/// <summary>
/// One emulator on one host, and the service providers built against it. Each provider is a separate
/// <c>services.AddEntraActions(...)</c> registration with its own credential (permission set) and options.
/// </summary>
public sealed class EmulatorHarness : IAsyncDisposable
{
    private readonly List<ServiceProvider> _providers = [];
    private readonly Lock _gate = new();

    private EmulatorHarness(GraphEmulator emulator, EmulatorHost host, EmulatorServer? server)
    {
        Emulator = emulator;
        Host = host;
        Server = server;
    }

    public GraphEmulator Emulator { get; }

    public EmulatorHost Host { get; }

    /// <summary>Gets the Kestrel server, or <see langword="null"/> in-process.</summary>
    public EmulatorServer? Server { get; }

    /// <summary>Gets the Graph base URL the library is configured with.</summary>
    public Uri BaseUrl => Server?.BaseUrl ?? new Uri(GraphEmulator.InProcessBaseUrl);

    /// <summary>Starts a harness. Without an emulator, a fresh demo tenant with throttling disabled.</summary>
    public static async Task<EmulatorHarness> StartAsync(EmulatorHost host, GraphEmulator? emulator = null)
    {
        if (emulator is null)
        {
            emulator = new GraphEmulator();
            emulator.Options.Throttling.Enabled = false;
        }

        var server = host == EmulatorHost.Kestrel ? await EmulatorServer.StartAsync(emulator, port: 0) : null;
        return new EmulatorHarness(emulator, host, server);
    }

    /// <summary>Builds a service provider whose application token holds exactly <paramref name="permissions"/>.</summary>
    public ServiceProvider BuildProvider(IEnumerable<string> permissions, Action<EntraActionsOptions>? configure = null) =>
        BuildProvider(EmulatorCredential.ForApplication(permissions), configure);

    /// <summary>Builds a service provider that authenticates with <paramref name="credential"/>.</summary>
    public ServiceProvider BuildProvider(TokenCredential credential, Action<EntraActionsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var services = new ServiceCollection();
        services.AddLogging();
        var baseUrl = BaseUrl;
        var builder = services.AddEntraActions(o =>
        {
            o.GraphBaseUrl = baseUrl;
            o.Credential = credential;
            configure?.Invoke(o);
        });

        if (Host == EmulatorHost.InProcess)
        {
            builder.ConfigurePrimaryHttpMessageHandler(Emulator.CreateHandler);
        }

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        lock (_gate)
        {
            _providers.Add(provider);
        }

        return provider;
    }

    /// <summary>The actions of a new provider whose token holds <paramref name="permissions"/>.</summary>
    public IEntraActions CreateActions(IEnumerable<string> permissions, Action<EntraActionsOptions>? configure = null) =>
        BuildProvider(permissions, configure).GetRequiredService<IEntraActions>();

    /// <summary>The query actions of a new provider whose token holds <paramref name="permissions"/>.</summary>
    public IEntraQueryActions CreateQueries(IEnumerable<string> permissions, Action<EntraActionsOptions>? configure = null) =>
        BuildProvider(permissions, configure).GetRequiredService<IEntraQueryActions>();

    /// <summary>The actions of a new provider that authenticates with <paramref name="credential"/>.</summary>
    public IEntraActions CreateActions(TokenCredential credential, Action<EntraActionsOptions>? configure = null) =>
        BuildProvider(credential, configure).GetRequiredService<IEntraActions>();

    public async ValueTask DisposeAsync()
    {
        ServiceProvider[] providers;
        lock (_gate)
        {
            providers = [.. _providers];
            _providers.Clear();
        }

        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
