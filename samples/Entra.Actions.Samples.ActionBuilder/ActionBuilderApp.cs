using Entra.Actions.Emulator;

namespace Entra.Actions.Samples.ActionBuilder;

/// <summary>
/// The action-builder web app: the page, its HTTP API and the Entra.Actions services behind them. Built from command-line
/// arguments and configuration like any ASP.NET Core app; started on <see cref="Url"/>. Tests build several on one emulator.
/// </summary>
public sealed class ActionBuilderApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorServer? _ownEmulator;

    private ActionBuilderApp(WebApplication app, BackendSettings settings, EmulatorServer? ownEmulator)
    {
        _app = app;
        _ownEmulator = ownEmulator;
        Url = settings.PublicUrl;
        EmulatorUrl = settings.EmulatorRoot;
    }

    /// <summary>Where the page is served (from the <c>Urls</c> setting; default <c>http://127.0.0.1:5180</c>).</summary>
    public Uri Url { get; }

    /// <summary>Whether Microsoft Entra is played by the Graph emulator (no <c>EntraConnect:ClientId</c> configured).</summary>
    public bool IsEmulated => EmulatorUrl is not null;

    /// <summary>The emulator's root URL (its sign-in page and Graph), when emulated.</summary>
    public Uri? EmulatorUrl { get; }

    /// <summary>The app's services, for tests.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Builds the app. Without <c>EntraConnect:ClientId</c> it plays Microsoft Entra with a Graph emulator on loopback: its own,
    /// started here, or <paramref name="emulator"/> when several nodes must share one tenant.
    /// </summary>
    /// <param name="args">Command-line arguments (for example <c>--urls http://127.0.0.1:5181</c>).</param>
    /// <param name="emulator">An emulator already serving on loopback, to share with other nodes; optional.</param>
    /// <param name="configure">Adjusts the builder before the app is built (tests add logging providers or settings); optional.</param>
    /// <returns>The app, not yet started.</returns>
    public static async Task<ActionBuilderApp> CreateAsync(string[] args, EmulatorServer? emulator = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);

        EmulatorServer? ownEmulator = null;
        var settings = BackendSettings.Read(builder.Configuration);
        if (settings.IsEmulated)
        {
            emulator ??= ownEmulator = await EmulatorServer.StartAsync(EmulatedEntra.CreateEmulator()).ConfigureAwait(false);
            settings = settings.WithEmulator(emulator);
            EmulatedEntra.RegisterApp(emulator.Emulator, settings);
        }

        BackendServices.Add(builder, settings);
        var app = builder.Build();
        Endpoints.Map(app);
        return new ActionBuilderApp(app, settings, ownEmulator);
    }

    /// <summary>Starts serving.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the app listens.</returns>
    public Task StartAsync(CancellationToken cancellationToken = default) => _app.StartAsync(cancellationToken);

    /// <summary>Stops serving.</summary>
    /// <param name="cancellationToken">Cancels a graceful stop.</param>
    /// <returns>A task that completes when stopped.</returns>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <summary>Waits until the app is told to stop (Ctrl+C, SIGTERM).</summary>
    /// <returns>A task that completes on shutdown.</returns>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_ownEmulator is not null)
        {
            await _ownEmulator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
