using Entra.Actions.Tests.Shared;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.Samples.ActionBuilder.Tests.Support;

/// <summary>
/// One node of the action builder on a free loopback port, on a shared emulator, optionally with Redis; every log line it writes
/// is kept (<see cref="Logs"/>) so tests can prove no token is logged.
/// </summary>
public sealed class AppNode : IAsyncDisposable
{
    private readonly ActionBuilderApp _app;

    private AppNode(ActionBuilderApp app, LogCapture logs)
    {
        _app = app;
        Logs = logs;
    }

    /// <summary>The page's URL, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url => _app.Url;

    /// <summary>The app, for its services.</summary>
    public ActionBuilderApp App => _app;

    /// <summary>Every log line the node wrote.</summary>
    public LogCapture Logs { get; }

    /// <summary>Starts a node on <paramref name="emulator"/>; with <paramref name="redis"/>, its stores are in Redis.</summary>
    public static async Task<AppNode> StartAsync(EmulatorServer emulator, string? redis = null, int? port = null)
    {
        var logs = new LogCapture();
        for (var attempt = 1; ; attempt++)
        {
            var url = $"http://127.0.0.1:{port ?? FreePort.Next()}";
            string[] args = redis is null ? ["--urls", url] : ["--urls", url, "--ConnectionStrings:Redis", redis];
            var app = await ActionBuilderApp.CreateAsync(args, emulator, builder => builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
            try
            {
                await app.StartAsync();
                return new AppNode(app, logs);
            }
            catch (IOException) when (attempt < 3 && port is null)
            {
                // Lost the port to another process between picking and binding it.
                await app.DisposeAsync();
            }
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
