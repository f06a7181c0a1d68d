using System.Net;
using Entra.Actions.Samples.ActionBuilder.Tests.Support;

namespace Entra.Actions.Samples.ActionBuilder.Tests.Api;

public sealed class SecurityHeadersTests : SingleNodeTest
{
    [Theory]
    [InlineData("/", false)]
    [InlineData("/index.html", false)]
    [InlineData("/app.js", false)]
    [InlineData("/api/actions", true)]
    [InlineData("/api/connections", true)]
    [InlineData("/api/connections/none", true)]
    [InlineData("/api/antiforgery", true)]
    [InlineData("/signin-entra?state=x&code=y", true)]
    public async Task Get_AnyPath_CarriesSecurityHeaders(string path, bool noStore)
    {
        using var admin = new AdminBrowser(Node.Url);

        using var response = await admin.Http.GetAsync(path);

        AssertSecurityHeaders(response, noStore);
    }

    [Fact]
    public async Task SuccessfulCallbackAndStateChanges_CarrySecurityHeaders()
    {
        using var admin = new AdminBrowser(Node.Url);
        using (var connect = await admin.SendAsync(HttpMethod.Post, "/api/connections/contoso/connect"))
        {
            AssertSecurityHeaders(connect, noStore: true);
        }

        var callback = await AdminBrowser.SignInAsUserAsync(await admin.BeginConnectAsync("contoso"), EmulatedEntra.ServiceAccountUpn);
        using (var back = await admin.Http.GetAsync(callback))
        {
            back.StatusCode.Should().Be(HttpStatusCode.Redirect);
            AssertSecurityHeaders(back, noStore: true);
        }

        using var refused = await admin.SendAsync(HttpMethod.Delete, "/api/connections/contoso", withToken: false);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        AssertSecurityHeaders(refused, noStore: true);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response, bool noStore)
    {
        var path = response.RequestMessage!.RequestUri!.PathAndQuery;
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        directives.Should().Contain("frame-ancestors 'none'", path);
        directives.Should().Contain("script-src 'self'", path);
        directives.Should().Contain("object-src 'none'", path);
        directives.Should().Contain(d => d.StartsWith("default-src", StringComparison.Ordinal), path);
        csp.Should().NotContain("unsafe-inline").And.NotContain("unsafe-eval");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal(["nosniff"], path);
        response.Headers.GetValues("Referrer-Policy").Should().Equal(["no-referrer"], path);
        response.Headers.GetValues("X-Frame-Options").Should().Equal(["DENY"], path);
        if (noStore)
        {
            response.Headers.CacheControl!.NoStore.Should().BeTrue(path);
        }
    }
}
