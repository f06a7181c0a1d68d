using System.Net;
using System.Net.Http.Headers;
using Entra.Actions.Http.Internal;
using Entra.Actions.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Entra.Actions.Tests.Http;

public sealed class GraphHostGuardHandlerTests
{
    [Theory]
    [InlineData("https://evil.example.com/v1.0/users")]
    [InlineData("http://graph.microsoft.com/v1.0/users")]
    [InlineData("https://graph.microsoft.com:8443/v1.0/users")]
    [InlineData("https://graph.microsoft.com.evil.example/v1.0/users")]
    public async Task SendAsync_OtherHostSchemeOrPort_StripsAuthorization(string url)
    {
        var stub = new StubGraphHandler().Respond(HttpStatusCode.OK, "{}");
        using var invoker = new HttpMessageInvoker(new GraphHostGuardHandler(new Uri("https://graph.microsoft.com/v1.0"), NullLogger.Instance) { InnerHandler = stub });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "secret-token");

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        stub.Requests.Single().Authorization.Should().BeNull();
    }

    [Fact]
    public async Task SendAsync_GraphHost_KeepsAuthorization()
    {
        var stub = new StubGraphHandler().Respond(HttpStatusCode.OK, "{}");
        using var invoker = new HttpMessageInvoker(new GraphHostGuardHandler(new Uri("https://graph.microsoft.com/v1.0"), NullLogger.Instance) { InnerHandler = stub });
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://GRAPH.microsoft.com/v1.0/users/x");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "secret-token");

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        stub.Requests.Single().Authorization.Should().Be("Bearer secret-token");
    }

    [Fact]
    public void CreateHandlers_Pipeline_IsTheOneRetryOwnerThenTheHostGuardAndNothingElse()
    {
        var handlers = GraphHttpPipeline.CreateHandlers(new EntraActionsOptions(), TimeProvider.System, NullLogger.Instance);

        handlers.Select(h => h.GetType()).Should().Equal([typeof(GraphRetryHandler), typeof(GraphHostGuardHandler)],
            "one retry owner, no redirect handler, and the guard last before the wire");
        foreach (var handler in handlers)
        {
            handler.Dispose();
        }
    }
}
