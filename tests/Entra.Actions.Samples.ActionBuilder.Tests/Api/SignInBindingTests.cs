using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Entra.Actions.Samples.ActionBuilder.Tests.Support;

namespace Entra.Actions.Samples.ActionBuilder.Tests.Api;

/// <summary>The OAuth callback is accepted only from the browser session that clicked Connect, once.</summary>
public sealed class SignInBindingTests : SingleNodeTest
{
    [Fact]
    public async Task Callback_FromAnotherBrowserSession_RefusedAndTheRightSessionCanStillComplete()
    {
        using var admin = new AdminBrowser(Node.Url);
        using var attacker = new AdminBrowser(Node.Url);
        await attacker.AntiforgeryAsync(); // the attacker has a session of its own
        var callback = await AdminBrowser.SignInAsUserAsync(await admin.BeginConnectAsync("contoso"), EmulatedEntra.ServiceAccountUpn);

        using (var stolen = await attacker.Http.GetAsync(callback))
        {
            stolen.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await stolen.Content.ReadAsStringAsync()).Should().Contain("not started from this browser session");
        }

        (await AdminFlows.ConnectionNamesAsync(admin)).Should().BeEmpty();
        using (var check = await admin.Http.GetAsync("/api/connections/contoso"))
        {
            check.StatusCode.Should().Be(HttpStatusCode.NotFound, "the code was not redeemed");
        }

        using var back = await admin.Http.GetAsync(callback);
        back.StatusCode.Should().Be(HttpStatusCode.Redirect);
        back.Headers.Location!.OriginalString.Should().Be("/?connected=contoso");
        (await AdminFlows.ConnectionNamesAsync(admin)).Should().Equal("contoso");
    }

    [Fact]
    public async Task Callback_WithoutSessionCookie_Refused()
    {
        using var admin = new AdminBrowser(Node.Url);
        var callback = await AdminBrowser.SignInAsUserAsync(await admin.BeginConnectAsync("contoso"), EmulatedEntra.ServiceAccountUpn);
        using var cookieless = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });

        using var response = await cookieless.GetAsync(callback);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await AdminFlows.ConnectionNamesAsync(admin)).Should().BeEmpty();
    }

    [Fact]
    public async Task SessionCookie_NotIssuedByTheApp_IsNoSession()
    {
        using var admin = new AdminBrowser(Node.Url);
        var callback = await AdminBrowser.SignInAsUserAsync(await admin.BeginConnectAsync("contoso"), EmulatedEntra.ServiceAccountUpn);
        var issued = admin.Cookies.GetCookies(Node.Url)["eab.session"]!.Value;
        using var forger = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, callback);
        request.Headers.Add("Cookie", "eab.session=" + new string('A', 43));

        using var forged = await forger.SendAsync(request);

        issued.Should().NotMatchRegex("^[A-Za-z0-9_-]{43}$", "the cookie carries the session id protected, not the id itself");
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a session cookie the app did not issue is no session");
        (await AdminFlows.ConnectionNamesAsync(admin)).Should().BeEmpty();
    }

    [Fact]
    public async Task Callback_Replayed_RefusedTheSecondTime()
    {
        using var admin = new AdminBrowser(Node.Url);
        var callback = await AdminBrowser.SignInAsUserAsync(await admin.BeginConnectAsync("contoso"), EmulatedEntra.ServiceAccountUpn);
        using (var first = await admin.Http.GetAsync(callback))
        {
            first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        using var again = await admin.Http.GetAsync(callback);

        again.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await AdminFlows.ConnectionNamesAsync(admin)).Should().Equal("contoso");
    }

    [Fact]
    public async Task Callback_WithUnknownState_Refused()
    {
        using var admin = new AdminBrowser(Node.Url);
        var callback = await AdminBrowser.SignInAsUserAsync(await admin.BeginConnectAsync("contoso"), EmulatedEntra.ServiceAccountUpn);
        var forged = new Uri(callback.AbsoluteUri.Replace("state=", "state=x", StringComparison.Ordinal));

        using var response = await admin.Http.GetAsync(forged);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await AdminFlows.ConnectionNamesAsync(admin)).Should().BeEmpty();
    }

    [Fact]
    public async Task Callback_AccessDenied_BackOnThePageWithConnectErrorAndNothingCreated()
    {
        using var admin = new AdminBrowser(Node.Url);
        var authorize = await admin.BeginConnectAsync("contoso");
        var state = AdminFlows.QueryValue(authorize, "state");
        var denied = new Uri(Node.Url, $"/signin-entra?error=access_denied&error_description={Uri.EscapeDataString("AADSTS65004: User declined to consent.")}&state={Uri.EscapeDataString(state)}");

        using var response = await admin.Http.GetAsync(denied);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!.OriginalString;
        location.Should().MatchRegex("^/\\?connectError=[A-Za-z0-9_-]{22}$", "the address carries an id, never text to show");
        var id = location["/?connectError=".Length..];
        var error = await admin.Http.GetFromJsonAsync<JsonObject>($"/api/connect-errors/{id}");
        error!["message"]!.GetValue<string>().Should().Contain("access_denied").And.Contain("User declined");
        using (var other = new AdminBrowser(Node.Url))
        using (var elsewhere = await other.Http.GetAsync($"/api/connect-errors/{id}"))
        using (var crafted = await admin.Http.GetAsync("/api/connect-errors/Call-0800-555-0100-now"))
        {
            elsewhere.StatusCode.Should().Be(HttpStatusCode.NotFound, "the error belongs to the browser session that signed in");
            crafted.StatusCode.Should().Be(HttpStatusCode.NotFound, "only what the app recorded is shown");
        }

        (await AdminFlows.ConnectionNamesAsync(admin)).Should().BeEmpty();
        using var check = await admin.Http.GetAsync("/api/connections/contoso");
        check.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Connect_Answer_IsTheEmulatorsAuthorizeUrlWithStatePkceAndRedirectUri()
    {
        using var admin = new AdminBrowser(Node.Url);
        using var response = await admin.SendAsync(HttpMethod.Post, "/api/connections/contoso/connect");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        json.Select(p => p.Key).Should().Equal("authorizationUrl");
        var url = new Uri(json["authorizationUrl"]!.GetValue<string>());
        url.GetLeftPart(UriPartial.Authority).Should().Be(EmulatorServer.BaseUrl.GetLeftPart(UriPartial.Authority));
        url.AbsolutePath.Should().EndWith("/oauth2/v2.0/authorize");
        AdminFlows.QueryValue(url, "redirect_uri").Should().Be(new Uri(Node.Url, "/signin-entra").ToString());
        AdminFlows.QueryValue(url, "code_challenge_method").Should().Be("S256");
        AdminFlows.QueryValue(url, "state").Should().NotBeNullOrEmpty();
    }
}
