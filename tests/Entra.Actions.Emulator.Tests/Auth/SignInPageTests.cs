using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Entra.Actions.Emulator.Tests.Support;
using static Entra.Actions.Emulator.Tests.Support.OAuthValues;

namespace Entra.Actions.Emulator.Tests.Auth;

/// <summary>The interactive sign-in page of the authorize endpoint and the POST that takes its decision.</summary>
public sealed partial class SignInPageTests : IDisposable
{
    private const string ClientId = "5a1f0c2e-0000-4000-8000-00000000c11e";
    private const string Redirect = "https://app.contoso.com/entra/callback";
    private const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk0123";
    private const string Scope = "https://graph.microsoft.com/User.Read.All https://graph.microsoft.com/GroupMember.ReadWrite.All offline_access openid profile";
    private const string AuthorizePath = "organizations/oauth2/v2.0/authorize";

    private readonly GraphEmulator _emulator = Emulators.Demo();
    private readonly HttpClient _http;

    public SignInPageTests()
    {
        _emulator.Authority.RegisterClient(ClientId, "Contoso Actions", [Redirect]);
        _emulator.Options.SignIn.Interactive = true;
        _http = new HttpClient(_emulator.CreateHandler()) { BaseAddress = new Uri("https://login.emulator.local/") };
    }

    public void Dispose() => _http.Dispose();

    private static Dictionary<string, string> Parameters(string? loginHint = null, string scope = Scope, string state = "st-1", string? prompt = null)
    {
        var parameters = new Dictionary<string, string>
        {
            ["client_id"] = ClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = Redirect,
            ["response_mode"] = "query",
            ["scope"] = scope,
            ["state"] = state,
            ["code_challenge"] = Challenge(Verifier),
            ["code_challenge_method"] = "S256",
            ["nonce"] = "n-1",
        };
        if (loginHint is not null)
        {
            parameters["login_hint"] = loginHint;
        }

        if (prompt is not null)
        {
            parameters["prompt"] = prompt;
        }

        return parameters;
    }

    private static string QueryString(Dictionary<string, string> parameters) =>
        string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

    private async Task<(HttpResponseMessage Response, string Html)> PageAsync(Dictionary<string, string>? parameters = null)
    {
        var response = await _http.GetAsync($"{AuthorizePath}?{QueryString(parameters ?? Parameters())}");
        return (response, await response.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> PostAsync(Dictionary<string, string> form) =>
        _http.PostAsync(AuthorizePath, new FormUrlEncodedContent(form));

    /// <summary>What a browser posts: the page's hidden fields plus the picked account and the pressed button.</summary>
    private static Dictionary<string, string> FormOf(string html, string? account, string decision)
    {
        var form = HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        if (account is not null)
        {
            form["account"] = account;
        }

        form["decision"] = decision;
        return form;
    }

    private static List<string> AccountIds(string html) => [.. AccountRadio().Matches(html).Select(m => m.Groups[1].Value)];

    private static string? CheckedAccount(string html) => AccountRadio().Matches(html).SingleOrDefault(m => m.Groups[2].Success)?.Groups[1].Value;

    private async Task<JsonObject> RedeemAsync(string code)
    {
        using var response = await _http.PostAsync("organizations/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = ClientId,
            ["code"] = code,
            ["redirect_uri"] = Redirect,
            ["code_verifier"] = Verifier,
        }));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("<input type=\"radio\" name=\"account\" id=\"account-[^\"]*\" value=\"([^\"]*)\"[^>]*?( checked)?>")]
    private static partial Regex AccountRadio();

    [Fact]
    public async Task Authorize_Interactive_AnswersTheSignInPage()
    {
        var (response, html) = await PageAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/html; charset=utf-8");
        html.Should().Contain("<title>Sign in to your account</title>").And.Contain("Permissions requested")
            .And.Contain("Contoso Actions").And.Contain(ClientId).And.Contain(_emulator.Directory.Organization.DisplayName)
            .And.Contain("<form method=\"post\" action=\"/organizations/oauth2/v2.0/authorize\"")
            .And.Contain("name=\"decision\" value=\"accept\"").And.Contain(">Accept</button>")
            .And.Contain("name=\"decision\" value=\"cancel\"").And.Contain(">Cancel</button>");
        html.Should().NotContain("<script").And.NotContain("src=").And.NotContain("href=");
        _emulator.Authority.Clients.Should().ContainSingle().Which.DisplayName.Should().Be("Contoso Actions");
    }

    [Fact]
    public async Task Authorize_NotInteractive_RedirectsWithoutPage()
    {
        _emulator.Options.SignIn.Interactive = false;

        var (response, _) = await PageAsync();

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        QueryOf(response.Headers.Location!).Should().ContainKey("code");
    }

    [Theory]
    [InlineData("select_account")]
    [InlineData("consent")]
    [InlineData("login")]
    public async Task Authorize_PromptAsksForPage_PageEvenWhenNotInteractive(string prompt)
    {
        _emulator.Options.SignIn.Interactive = false;

        var (response, html) = await PageAsync(Parameters(prompt: prompt));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("Sign in to your account");
    }

    [Fact]
    public async Task Authorize_InteractiveWithPromptNone_RedirectsWithoutPage()
    {
        var (response, _) = await PageAsync(Parameters(prompt: "none"));

        response.StatusCode.Should().Be(HttpStatusCode.Found);
    }

    [Fact]
    public async Task Page_ListsEnabledUsersOnly_FirstPreselectedWithoutHint()
    {
        var (_, html) = await PageAsync();

        var enabled = _emulator.Directory.Users.Where(u => u.AccountEnabled).Select(u => u.Id.ToString()).ToList();
        AccountIds(html).Should().Equal(enabled);
        AccountIds(html).Should().NotContain(DemoTenant.DisabledUserId);
        html.Should().Contain("Megan Bowen").And.Contain("MeganB@contoso.com").And.NotContain(DemoTenant.DisabledUserUpn);
        html.Should().Contain($"data-testid=\"account-{DemoTenant.MeganBowenId}\"");
        CheckedAccount(html).Should().Be(enabled[0]);
    }

    [Fact]
    public async Task Page_LoginHint_PreselectsThatUser()
    {
        var (_, html) = await PageAsync(Parameters(loginHint: "MeganB@contoso.com"));

        CheckedAccount(html).Should().Be(DemoTenant.MeganBowenId);
    }

    [Fact]
    public async Task Page_ScopeOnTheEmulatorsOwnAddress_DescribedLikeGraphs()
    {
        var (_, html) = await PageAsync(Parameters(scope: "http://127.0.0.1:5195/GroupMember.ReadWrite.All offline_access"));

        html.Should().Contain("data-scope=\"http://127.0.0.1:5195/GroupMember.ReadWrite.All\"><span class=\"scope-description\">Read and write group memberships</span>");
    }

    [Fact]
    public async Task Page_Scopes_EachWithItsDescriptionUnknownAsIs()
    {
        var (_, html) = await PageAsync(Parameters(scope: Scope + " email api://other/Custom.Do"));

        html.Should().Contain("Read all users&#39; full profiles").And.Contain("Read and write group memberships")
            .And.Contain("Maintain access to data you have given it access to").And.Contain("Sign you in").And.Contain("View your basic profile")
            .And.Contain("View your email address").And.Contain("data-scope=\"api://other/Custom.Do\"><span class=\"scope-description\">api://other/Custom.Do</span>");
        Regex.Count(html, "data-testid=\"scope\"").Should().Be(7);
    }

    [Fact]
    public async Task Page_Headers_LockDownThePageButAllowTheRedirect()
    {
        var (response, _) = await PageAsync();

        response.Headers.GetValues("Content-Security-Policy").Single().Should()
            .Be("default-src 'none'; style-src 'unsafe-inline'; form-action 'self' https://app.contoso.com; frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Headers.CacheControl.NoCache.Should().BeFalse();
    }

    [Fact]
    public async Task Page_ClientWithoutDisplayName_ShowsClientIdAsAppName()
    {
        _emulator.Authority.RegisterClient(ClientId, [Redirect]);

        var (_, html) = await PageAsync();

        html.Should().Contain($"<strong data-testid=\"app-name\">{ClientId}</strong>").And.NotContain("Contoso Actions");
    }

    [Fact]
    public async Task Page_CustomSchemeRedirect_FormActionAllowsTheScheme()
    {
        _emulator.Authority.RegisterClient(ClientId, "Contoso Actions", ["msal5a1f0c2e://auth"]);
        var parameters = Parameters();
        parameters["redirect_uri"] = "msal5a1f0c2e://auth";

        var (response, _) = await PageAsync(parameters);

        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("form-action 'self' msal5a1f0c2e:;");
    }

    [Fact]
    public async Task Page_HiddenFields_CarryEveryQueryParameter()
    {
        var parameters = Parameters(loginHint: "MeganB@contoso.com", prompt: "select_account");

        var (_, html) = await PageAsync(parameters);

        FormOf(html, account: null, "x").Where(p => p.Key != "decision").ToDictionary().Should().BeEquivalentTo(parameters);
    }

    [Fact]
    public async Task Page_HostileValues_HtmlEncoded()
    {
        const string Hostile = "\"><script>alert(1)</script><img src=x onerror=alert(2)>'&";
        var parameters = Parameters(loginHint: Hostile, scope: "openid " + Hostile, state: Hostile);
        parameters[Hostile] = Hostile;

        var (response, html) = await PageAsync(parameters);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        html.Should().NotContain("<script").And.NotContain("<img").And.NotContain("onerror=alert(2)>");
        html.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt;").And.Contain("&quot;").And.Contain("&#39;&amp;");
        var form = FormOf(html, account: null, "x");
        form["state"].Should().Be(Hostile);
        form["login_hint"].Should().Be(Hostile);
        form[Hostile].Should().Be(Hostile);
    }

    [Fact]
    public async Task Page_ValidationErrors_SameAsWithoutPage()
    {
        var unknownClient = Parameters();
        unknownClient["client_id"] = Guid.NewGuid().ToString();
        var noPkce = Parameters();
        noPkce.Remove("code_challenge");

        var (clientResponse, clientBody) = await PageAsync(unknownClient);
        var (pkceResponse, _) = await PageAsync(noPkce);

        clientResponse.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        clientBody.Should().Contain("AADSTS700016");
        pkceResponse.StatusCode.Should().Be(HttpStatusCode.Found);
        QueryOf(pkceResponse.Headers.Location!)["error_description"].Should().StartWith("AADSTS9002325");
    }

    [Fact]
    public async Task Post_Accept_CodeForTheChosenAccountRedeemableWithVerifier()
    {
        var (_, html) = await PageAsync();

        using var response = await PostAsync(FormOf(html, DemoTenant.MeganBowenId, "accept"));

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        response.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be(Redirect);
        var query = QueryOf(response.Headers.Location);
        query["state"].Should().Be("st-1");
        query["session_state"].Should().NotBeNullOrEmpty();
        var json = await RedeemAsync(query["code"]);
        var access = Claims(json["access_token"]!.GetValue<string>());
        access["oid"]!.GetValue<string>().Should().Be(DemoTenant.MeganBowenId);
        access["upn"]!.GetValue<string>().Should().Be("MeganB@contoso.com");
        access["scp"]!.GetValue<string>().Should().Be("User.Read.All GroupMember.ReadWrite.All");
        Claims(json["id_token"]!.GetValue<string>())["nonce"]!.GetValue<string>().Should().Be("n-1");
        _emulator.Journal.Entries.Should().NotContain(e => (e.Query + e.Body).Contains(Uri.EscapeDataString(query["code"]), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_Cancel_RedirectsWithAccessDeniedAndState()
    {
        var (_, html) = await PageAsync();

        using var response = await PostAsync(FormOf(html, DemoTenant.MeganBowenId, "cancel"));

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        var query = QueryOf(response.Headers.Location!);
        query["error"].Should().Be("access_denied");
        query["error_description"].Should().Be("AADSTS65004: User declined to consent to access the app.");
        query["state"].Should().Be("st-1");
        query.Should().NotContainKey("code");
    }

    [Theory]
    [InlineData("client_id", "unknown", 400, "AADSTS700016")]
    [InlineData("redirect_uri", "https://evil.example/cb", 400, "AADSTS50011")]
    [InlineData("code_challenge", null, 302, "AADSTS9002325")]
    [InlineData("code_challenge_method", "plain", 302, "AADSTS9002325")]
    [InlineData("response_type", "token", 302, "AADSTS700054")]
    [InlineData("account", "nobody@contoso.com", 302, "AADSTS50034")]
    [InlineData("account", DemoTenant.DisabledUserId, 302, "AADSTS50057")]
    [InlineData("account", null, 400, "'account'")]
    [InlineData("decision", "maybe", 400, "'decision'")]
    [InlineData("decision", null, 400, "'decision'")]
    public async Task Post_Tampered_RefusedAsTheGetWouldBe(string field, string? value, int status, string expected)
    {
        var (_, html) = await PageAsync();
        var form = FormOf(html, DemoTenant.MeganBowenId, "accept");
        if (value is null)
        {
            form.Remove(field);
        }
        else
        {
            form[field] = value;
        }

        using var response = await PostAsync(form);

        ((int)response.StatusCode).Should().Be(status);
        if (status == 302)
        {
            var query = QueryOf(response.Headers.Location!);
            query.Should().NotContainKey("code");
            query["error_description"].Should().StartWith(expected);
            query["state"].Should().Be("st-1");
        }
        else
        {
            response.Headers.Location.Should().BeNull();
            var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            json["error"]!.GetValue<string>().Should().BeOneOf("invalid_request", "unauthorized_client");
            json["error_description"]!.GetValue<string>().Should().Contain(expected);
        }
    }

    [Fact]
    public async Task Post_NotFormEncoded_InvalidRequest()
    {
        using var response = await _http.PostAsync(AuthorizePath, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("invalid_request");
    }

    [Fact]
    public async Task Put_Authorize_MethodNotAllowed()
    {
        using var response = await _http.PutAsync(AuthorizePath, new FormUrlEncodedContent([]));

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Kestrel_PageThenFormPost_RedirectsWithCode()
    {
        await using var server = await EmulatorServer.StartAsync(_emulator);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{server.Port}/") };
        var path = $"{DemoTenant.TenantId}/oauth2/v2.0/authorize";

        using var page = await http.GetAsync($"{path}?{QueryString(Parameters(loginHint: DemoTenant.MeganBowenId))}");
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain($"action=\"/{DemoTenant.TenantId}/oauth2/v2.0/authorize\"");
        using var posted = await http.PostAsync(path, new FormUrlEncodedContent(FormOf(html, CheckedAccount(html), "accept")));

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.ToString().Should().Be("text/html; charset=utf-8");
        page.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("form-action 'self' https://app.contoso.com");
        page.Headers.CacheControl!.NoStore.Should().BeTrue();
        posted.StatusCode.Should().Be(HttpStatusCode.Found);
        var code = QueryOf(posted.Headers.Location!)["code"];
        var access = Claims((await RedeemAsync(code))["access_token"]!.GetValue<string>());
        access["oid"]!.GetValue<string>().Should().Be(DemoTenant.MeganBowenId);
    }
}
