using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using AspNetApp = Microsoft.AspNetCore.Builder.WebApplication;

namespace Entra.Actions.Emulator;

/// <summary>
/// The loopback host: serves a <see cref="GraphEmulator"/> with Kestrel on <c>http://127.0.0.1:{port}/v1.0</c>.
/// Behaves exactly like the in-process handler (same pipeline). Dispose to stop.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly AspNetApp _app;

    private EmulatorServer(AspNetApp app, GraphEmulator emulator, Uri baseUrl)
    {
        _app = app;
        Emulator = emulator;
        BaseUrl = baseUrl;
    }

    /// <summary>Gets the emulator being served.</summary>
    public GraphEmulator Emulator { get; }

    /// <summary>Gets the Graph base URL, for example <c>http://127.0.0.1:5195/v1.0</c> (no trailing slash, as the Graph SDK wants).</summary>
    public Uri BaseUrl { get; }

    /// <summary>Gets the port Kestrel listens on.</summary>
    public int Port => BaseUrl.Port;

    /// <summary>Starts Kestrel on 127.0.0.1.</summary>
    /// <param name="emulator">The emulator to serve; a new demo-tenant emulator when <see langword="null"/>.</param>
    /// <param name="port">The port; 0 picks a free one.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server.</returns>
    public static async Task<EmulatorServer> StartAsync(GraphEmulator? emulator = null, int port = 0, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        emulator ??= new GraphEmulator();
        var builder = AspNetApp.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        // The server runs inside someone else's process (a test host, an app, the entra-emulator tool): its owner decides when
        // it stops, so it does not react to Ctrl+C or SIGTERM on its own.
        builder.Services.AddSingleton<IHostLifetime, OwnerControlledLifetime>();
        var app = builder.Build();
        var served = emulator;
        app.Run(context => ServeAsync(served, context));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var baseUrl = new Uri(address.TrimEnd('/') + "/v1.0");
        return new EmulatorServer(app, emulator, baseUrl);
    }

    /// <summary>Stops the server.</summary>
    /// <param name="cancellationToken">Cancels a graceful stop.</param>
    /// <returns>A task that completes when stopped.</returns>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task ServeAsync(GraphEmulator emulator, HttpContext context)
    {
        var http = context.Request;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(rawTarget))
        {
            rawTarget = http.PathBase + http.Path + http.QueryString;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in http.Headers)
        {
            headers[header.Key] = header.Value.ToString();
        }

        string? body;
        using (var reader = new StreamReader(http.Body))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        var request = new EmulatorRequest
        {
            Method = http.Method.ToUpperInvariant(),
            RawTarget = rawTarget,
            BaseAddress = new Uri($"{http.Scheme}://{http.Host}"),
            Headers = headers,
            Body = body.Length == 0 ? null : body,
        };
        var response = await emulator.HandleAsync(request, context.RequestAborted).ConfigureAwait(false);
        if (response.DropConnection)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (response.ContentType is not null)
        {
            context.Response.ContentType = response.ContentType;
        }

        if (response.Body is not null)
        {
            await context.Response.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private sealed class OwnerControlledLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
