using System.Net;
using Entra.Actions.Samples.ActionBuilder.Tests.Support;

namespace Entra.Actions.Samples.ActionBuilder.Tests.Api;

/// <summary>Requests addressed to another host name (DNS rebinding) and state changes from another origin are refused.</summary>
public sealed class HostAndOriginTests : SingleNodeTest
{
    [Theory]
    [InlineData("/")]
    [InlineData("/api/antiforgery")]
    [InlineData("/api/connections")]
    public async Task AnyRequest_ForeignHostName_Refused(string path)
    {
        using var browser = new AdminBrowser(Node.Url);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = $"rebound.example:{Node.Url.Port}";

        using var response = await browser.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a name that merely resolves to this address is not this app");
    }

    [Fact]
    public async Task Connect_FromAnotherOrigin_RefusedEvenWithAValidToken()
    {
        using var browser = new AdminBrowser(Node.Url);
        var token = await browser.AntiforgeryAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/connections/contoso/connect");
        request.Headers.Add("X-CSRF-TOKEN", token);
        request.Headers.Add("Origin", "http://evil.example");

        using var response = await browser.Http.SendAsync(request);
        using var sameOrigin = await browser.SendAsync(HttpMethod.Post, "/api/connections/contoso/connect");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        sameOrigin.StatusCode.Should().Be(HttpStatusCode.OK, "the page's own requests still work");
        EmulatorServer.Emulator.Journal.Entries.Should().BeEmpty("connect only builds the authorization URL");
    }
}
