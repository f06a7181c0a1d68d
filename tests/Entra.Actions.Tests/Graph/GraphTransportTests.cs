using System.Net;
using System.Text;
using Entra.Actions.Graph.Internal;
using Entra.Actions.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.Tests.Graph;

/// <summary>The transport under the directory: where the token goes, claims challenges, and answers from elsewhere.</summary>
public sealed class GraphTransportTests : IDisposable
{
    private const string Claims = """{"access_token":{"nbf":{"essential":true,"value":"1764158400"}}}""";
    private readonly GraphTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private GraphTransport Transport => _host.Services.GetRequiredService<GraphTransport>();

    [Fact]
    public async Task SendAsync_AnotherHost_SendsNoTokenAndRefusesTheAnswer()
    {
        _host.Handler.Respond(HttpStatusCode.OK, "{}");

        var send = () => Transport.SendAsync(HttpMethod.Get, new Uri("https://evil.example.com/v1.0/users"), null, CancellationToken.None);

        await send.Should().ThrowAsync<HttpRequestException>().WithMessage("*evil.example.com*");
        _host.Handler.Requests.Single().Authorization.Should().BeNull();
        _host.Credential.Calls.Should().Be(0);
    }

    [Fact]
    public async Task LookupUserAsync_ClaimsChallenge_ResendsOnceWithATokenForThoseClaims()
    {
        var challenge = Convert.ToBase64String(Encoding.UTF8.GetBytes(Claims));
        _host.Handler
            .Respond(_ =>
            {
                var response = StubGraphHandler.Create(HttpStatusCode.Unauthorized, GraphPayloads.Error("InvalidAuthenticationToken", "Continuous access evaluation resulted in challenge."));
                response.Headers.TryAddWithoutValidation("WWW-Authenticate",
                    $"Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\", error=\"insufficient_claims\", claims=\"{challenge}\"");
                return response;
            })
            .Respond(HttpStatusCode.OK, GraphPayloads.Adele);

        var result = await _host.Actions.LookupUserAsync(GraphPayloads.AdeleId);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        _host.Handler.Requests.Should().HaveCount(2);
        _host.Credential.LastClaims.Should().Be(Claims);
        _host.Credential.LastIsCaeEnabled.Should().BeTrue();
    }

    [Fact]
    public async Task LookupUserAsync_401WithoutClaims_IsUnauthorizedWithoutAResend()
    {
        _host.Handler.Respond(HttpStatusCode.Unauthorized, GraphPayloads.Error("InvalidAuthenticationToken", "Access token has expired or is not yet valid."),
            ("WWW-Authenticate", "Bearer realm=\"\", error=\"invalid_token\""));

        var result = await _host.Actions.LookupUserAsync(GraphPayloads.AdeleId);

        result.Error!.Kind.Should().Be(EntraErrorKind.Unauthorized);
        _host.Handler.Requests.Should().ContainSingle();
        _host.Credential.LastClaims.Should().BeNull();
    }

    [Fact]
    public async Task LookupUserAsync_PrimaryHandlerFollowsARedirectToAnotherHost_RefusesThatHostsAnswer()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var redirecting = new RedirectFollowingHandler(new Uri("https://evil.example.com/collect"));
        services.AddEntraActions(o => o.Credential = new FakeTokenCredential()).ConfigurePrimaryHttpMessageHandler(() => redirecting);
        await using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<IEntraActions>().LookupUserAsync(GraphPayloads.AdeleId);

        result.Succeeded.Should().BeFalse("the body came from evil.example.com, not from Graph");
        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Error.Message.Should().Contain("evil.example.com").And.Contain("Graph's answer was refused:", "Graph was reached; its answer came from elsewhere");
        redirecting.Sent.Should().Be(1);
    }

    [Theory]
    [InlineData("Bearer realm=\"\", claims=\"\"")]
    [InlineData("Bearer realm=\"\", error=\"insufficient_claims\", claims=\"%%%\"")]
    [InlineData("Basic realm=\"x\"")]
    public void ClaimsChallenge_NoUsableClaims_IsNull(string header)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        response.Headers.TryAddWithoutValidation("WWW-Authenticate", header);

        GraphTransport.ClaimsChallenge(response).Should().BeNull();
    }

    /// <summary>Behaves as a primary handler with redirects on: the request is re-pointed at the new location and answered from there.</summary>
    private sealed class RedirectFollowingHandler(Uri location) : HttpMessageHandler
    {
        public int Sent { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Sent++;
            request.RequestUri = location;
            var response = StubGraphHandler.Create(HttpStatusCode.OK, GraphPayloads.Adele);
            response.RequestMessage = request;
            return Task.FromResult(response);
        }
    }
}
