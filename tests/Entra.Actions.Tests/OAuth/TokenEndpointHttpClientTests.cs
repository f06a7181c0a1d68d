using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.Tests.OAuth;

/// <summary>The token-endpoint client carries the client secret, codes and refresh tokens: it must not follow redirects or inherit host-wide handlers.</summary>
public sealed class TokenEndpointHttpClientTests
{
    [Fact]
    public async Task CompleteConnect_TokenEndpointAnswers307_IsNotFollowedAndFailsNamingTheRedirect()
    {
        using var server = LoopbackServer.Start(request => request.Url!.AbsolutePath.EndsWith("/token", StringComparison.Ordinal)
            ? (HttpStatusCode.TemporaryRedirect, $"http://127.0.0.1:{request.Url.Port}/elsewhere")
            : (HttpStatusCode.OK, null));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEntraConnectFlow(o =>
        {
            o.AuthorityHost = new Uri($"http://127.0.0.1:{server.Port}");
            o.ClientId = FlowFixture.ClientId;
            o.ClientSecret = "client-secret-value";
            o.RedirectUri = new Uri("https://app.contoso.com/entra/callback");
        });
        await using var provider = services.BuildServiceProvider();
        var flow = provider.GetRequiredService<IEntraConnectFlow>();
        var start = await flow.BeginConnectAsync("contoso");

        var result = await flow.CompleteConnectAsync(start.State, "the-code");

        result.Succeeded.Should().BeFalse();
        result.Error!.StatusCode.Should().Be(307);
        result.Error.Message.Should().Contain("redirect").And.Contain("not followed");
        server.Paths.Should().ContainSingle().Which.Should().EndWith("/oauth2/v2.0/token");
    }

    [Fact]
    public async Task ConnectClient_HostWideDefaultHandlers_AreNotInherited()
    {
        var invoked = 0;
        var fixture = new FlowFixture(configureServices: services => services.ConfigureHttpClientDefaults(builder =>
            builder.AddHttpMessageHandler(() => new CountingHandler(() => Interlocked.Increment(ref invoked)))));

        var result = await fixture.ConnectAsync();

        result.Succeeded.Should().BeTrue(result.ToString());
        fixture.Stub.Forms.Should().ContainSingle();
        invoked.Should().Be(0, "a host-wide retry handler would resend a single-use code");
    }

    [Fact]
    public void ConnectClient_PrimaryHandler_FollowsNoRedirectsAndKeepsNoCookies()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEntraConnectFlow(o =>
        {
            o.ClientId = FlowFixture.ClientId;
            o.RedirectUri = new Uri("https://app.contoso.com/entra/callback");
        });
        using var provider = services.BuildServiceProvider();

        HttpMessageHandler? handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(EntraConnectOptions.HttpClientName);
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler;
        }

        var sockets = handler.Should().BeOfType<SocketsHttpHandler>().Subject;
        sockets.AllowAutoRedirect.Should().BeFalse();
        sockets.UseCookies.Should().BeFalse();
    }

    private sealed class CountingHandler(Action onSend) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            onSend();
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>A real HTTP server on 127.0.0.1, so the client's own redirect handling is what is tested.</summary>
    private sealed class LoopbackServer : IDisposable
    {
        private readonly HttpListener _listener;
        private readonly Func<HttpListenerRequest, (HttpStatusCode Status, string? Location)> _respond;
        private readonly List<string> _paths = [];

        private LoopbackServer(HttpListener listener, int port, Func<HttpListenerRequest, (HttpStatusCode, string?)> respond)
        {
            _listener = listener;
            Port = port;
            _respond = respond;
            _ = Task.Run(LoopAsync);
        }

        public int Port { get; }

        public IReadOnlyList<string> Paths
        {
            get
            {
                lock (_paths)
                {
                    return [.. _paths];
                }
            }
        }

        public static LoopbackServer Start(Func<HttpListenerRequest, (HttpStatusCode, string?)> respond)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            listener.Start();
            return new LoopbackServer(listener, port, respond);
        }

        public void Dispose() => _listener.Close();

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                lock (_paths)
                {
                    _paths.Add(context.Request.Url!.AbsolutePath);
                }

                var (status, location) = _respond(context.Request);
                context.Response.StatusCode = (int)status;
                if (location is not null)
                {
                    context.Response.RedirectLocation = location;
                }

                var body = Encoding.UTF8.GetBytes(status == HttpStatusCode.OK ? "{\"access_token\":\"a\",\"refresh_token\":\"r\"}" : string.Empty);
                context.Response.ContentLength64 = body.Length;
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        }
    }
}
