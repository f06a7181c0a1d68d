using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Entra.Actions.Emulator.Tests.Support;
using static Entra.Actions.Emulator.Tests.Support.OAuthValues;

namespace Entra.Actions.Emulator.Tests.Auth;

public sealed class SignInEndpointTests : IDisposable
{
    private const string ClientId = "5a1f0c2e-0000-4000-8000-00000000c11e";
    private const string Redirect = "https://app.contoso.com/entra/callback";
    private const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk0123";
    private const string Scope = "https://graph.microsoft.com/User.Read.All https://graph.microsoft.com/GroupMember.ReadWrite.All offline_access openid profile";

    private readonly GraphEmulator _emulator = Emulators.Demo();
    private readonly ManualTimeProvider _time = new();
    private readonly HttpClient _http;

    public SignInEndpointTests()
    {
        _emulator.Options.TimeProvider = _time;
        _emulator.Authority.RegisterClient(ClientId, [Redirect]);
        _http = new HttpClient(_emulator.CreateHandler()) { BaseAddress = new Uri("https://login.emulator.local/") };
    }

    public void Dispose() => _http.Dispose();

    private Task<HttpResponseMessage> AuthorizeAsync(string tenant = "organizations", string clientId = ClientId, string redirect = Redirect,
        string? challenge = null, string method = "S256", string? loginHint = null, string scope = Scope)
    {
        var query = $"client_id={clientId}&response_type=code&redirect_uri={Uri.EscapeDataString(redirect)}&response_mode=query"
            + $"&scope={Uri.EscapeDataString(scope)}&state=st-1&code_challenge={challenge ?? Challenge(Verifier)}&code_challenge_method={method}"
            + (loginHint is null ? string.Empty : $"&login_hint={Uri.EscapeDataString(loginHint)}");
        return _http.GetAsync($"{tenant}/oauth2/v2.0/authorize?{query}");
    }

    private async Task<string> CodeAsync(string? loginHint = null)
    {
        using var response = await AuthorizeAsync(loginHint: loginHint);
        response.StatusCode.Should().Be(HttpStatusCode.Found);
        return QueryOf(response.Headers.Location!)["code"];
    }

    private async Task<(int Status, JsonObject Json)> TokenAsync(params (string Name, string Value)[] form)
    {
        using var response = await _http.PostAsync("organizations/oauth2/v2.0/token",
            new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private Task<(int Status, JsonObject Json)> RedeemAsync(string code, string verifier = Verifier, string redirect = Redirect) =>
        TokenAsync(("grant_type", "authorization_code"), ("client_id", ClientId), ("code", code), ("redirect_uri", redirect), ("code_verifier", verifier), ("scope", Scope));

    private Task<(int Status, JsonObject Json)> RefreshAsync(string refreshToken) =>
        TokenAsync(("grant_type", "refresh_token"), ("client_id", ClientId), ("refresh_token", refreshToken), ("scope", Scope));

    private static void ShouldBeAadError((int Status, JsonObject Json) reply, int status, string error, int code)
    {
        reply.Status.Should().Be(status, reply.Json.ToJsonString());
        reply.Json["error"]!.GetValue<string>().Should().Be(error);
        reply.Json["error_codes"]!.AsArray().Select(c => c!.GetValue<int>()).Should().Equal(code);
        reply.Json["error_description"]!.GetValue<string>().Should().StartWith($"AADSTS{code}: ");
        reply.Json["trace_id"].Should().NotBeNull();
        reply.Json["correlation_id"].Should().NotBeNull();
    }

    [Fact]
    public async Task Authorize_RegisteredClient_RedirectsToRedirectUriWithCodeAndState()
    {
        using var response = await AuthorizeAsync();

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        response.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be(Redirect);
        var query = QueryOf(response.Headers.Location);
        query["state"].Should().Be("st-1");
        query["code"].Should().NotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("organizations")]
    [InlineData("common")]
    [InlineData(DemoTenant.TenantId)]
    [InlineData("contoso.com")]
    public async Task Authorize_KnownTenantNames_Accepted(string tenant)
    {
        using var response = await AuthorizeAsync(tenant: tenant);

        response.StatusCode.Should().Be(HttpStatusCode.Found);
    }

    [Fact]
    public async Task Authorize_UnknownTenant_400WithAadsts90002()
    {
        using var response = await AuthorizeAsync(tenant: "fabrikam.com");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("AADSTS90002");
    }

    [Fact]
    public async Task Authorize_UnknownClient_400WithAadsts700016AndNoRedirect()
    {
        using var response = await AuthorizeAsync(clientId: Guid.NewGuid().ToString());

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        json["error"]!.GetValue<string>().Should().Be("unauthorized_client");
        json["error_codes"]![0]!.GetValue<int>().Should().Be(700016);
        json["error_description"]!.GetValue<string>().Should().Contain("RegisterClient");
    }

    [Fact]
    public async Task Authorize_UnregisteredRedirectUri_400WithAadsts50011AndNoRedirect()
    {
        using var response = await AuthorizeAsync(redirect: "https://evil.example/cb");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
        (await response.Content.ReadAsStringAsync()).Should().Contain("AADSTS50011");
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("")]
    public async Task Authorize_ChallengeMethodNotS256_RedirectsWithInvalidRequest(string method)
    {
        using var response = await AuthorizeAsync(method: method);

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        var query = QueryOf(response.Headers.Location!);
        query["error"].Should().Be("invalid_request");
        query["error_description"].Should().Contain("S256");
        query["state"].Should().Be("st-1");
        query.Should().NotContainKey("code");
    }

    [Fact]
    public async Task Authorize_NoChallenge_RedirectsWithPkceRequired()
    {
        using var response = await _http.GetAsync($"organizations/oauth2/v2.0/authorize?client_id={ClientId}&response_type=code&redirect_uri={Uri.EscapeDataString(Redirect)}&scope=openid&state=s");

        QueryOf(response.Headers.Location!)["error_description"].Should().StartWith("AADSTS9002325");
    }

    [Fact]
    public async Task Authorize_DisabledUser_RedirectsWithAccessDenied()
    {
        var disabled = _emulator.Directory.Users.First(u => !u.AccountEnabled);

        using var response = await AuthorizeAsync(loginHint: disabled.UserPrincipalName);

        var query = QueryOf(response.Headers.Location!);
        query["error"].Should().Be("access_denied");
        query["error_description"].Should().StartWith("AADSTS50057");
    }

    [Fact]
    public async Task Token_CodeWithVerifier_IssuesDelegatedTokensGraphAccepts()
    {
        var code = await CodeAsync();

        var (status, json) = await RedeemAsync(code);

        status.Should().Be(200, json.ToJsonString());
        json["token_type"]!.GetValue<string>().Should().Be("Bearer");
        json["expires_in"]!.GetValue<long>().Should().Be(3600);
        json["refresh_token"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        var access = Claims(json["access_token"]!.GetValue<string>());
        access["scp"]!.GetValue<string>().Should().Be("User.Read.All GroupMember.ReadWrite.All");
        access["upn"]!.GetValue<string>().Should().Be(DemoTenant.AdeleVanceUpn);
        access["tid"]!.GetValue<string>().Should().Be(DemoTenant.TenantId);
        access["appid"]!.GetValue<string>().Should().Be(ClientId);
        var id = Claims(json["id_token"]!.GetValue<string>());
        id["aud"]!.GetValue<string>().Should().Be(ClientId);
        id["preferred_username"]!.GetValue<string>().Should().Be(DemoTenant.AdeleVanceUpn);
        id["name"]!.GetValue<string>().Should().Be("Adele Vance");

        var graph = new Api(_emulator.CreateHandler(), json["access_token"]!.GetValue<string>());
        (await graph.GetAsync("v1.0/me")).Status.Should().Be(200);
    }

    [Fact]
    public async Task Token_LoginHint_SignsInThatUser()
    {
        var code = await CodeAsync(loginHint: "MeganB@contoso.com");

        var (_, json) = await RedeemAsync(code);

        Claims(json["access_token"]!.GetValue<string>())["oid"]!.GetValue<string>().Should().Be(DemoTenant.MeganBowenId);
    }

    [Fact]
    public async Task Token_SignInUserSetting_SignsInThatUser()
    {
        _emulator.Authority.SignInUser = DemoTenant.MeganBowenId;
        var code = await CodeAsync();

        var (_, json) = await RedeemAsync(code);

        Claims(json["access_token"]!.GetValue<string>())["oid"]!.GetValue<string>().Should().Be(DemoTenant.MeganBowenId);
    }

    [Fact]
    public async Task Token_CodeRedeemedTwice_SecondIsInvalidGrant54005()
    {
        var code = await CodeAsync();
        await RedeemAsync(code);

        ShouldBeAadError(await RedeemAsync(code), 400, "invalid_grant", 54005);
    }

    [Fact]
    public async Task Token_WrongVerifier_InvalidGrant501481()
    {
        var code = await CodeAsync();

        ShouldBeAadError(await RedeemAsync(code, verifier: Verifier.Replace('d', 'e')), 400, "invalid_grant", 501481);
    }

    [Fact]
    public async Task Token_OtherRedirectUri_InvalidGrant()
    {
        _emulator.Authority.RegisterClient(ClientId, [Redirect, "https://app.contoso.com/other"]);
        var code = await CodeAsync();

        ShouldBeAadError(await RedeemAsync(code, redirect: "https://app.contoso.com/other"), 400, "invalid_grant", 70000);
    }

    [Fact]
    public async Task Token_CodeAfterItsLifetime_InvalidGrant70008()
    {
        var code = await CodeAsync();
        _time.Advance(TimeSpan.FromMinutes(11));

        ShouldBeAadError(await RedeemAsync(code), 400, "invalid_grant", 70008);
    }

    [Fact]
    public async Task Token_GarbageCode_InvalidGrant9002313()
    {
        ShouldBeAadError(await RedeemAsync("not-a-code"), 400, "invalid_grant", 9002313);
    }

    [Fact]
    public async Task Token_MissingVerifier_InvalidRequestNamingIt()
    {
        var code = await CodeAsync();

        var reply = await TokenAsync(("grant_type", "authorization_code"), ("client_id", ClientId), ("code", code), ("redirect_uri", Redirect));

        ShouldBeAadError(reply, 400, "invalid_request", 900144);
        reply.Json["error_description"]!.GetValue<string>().Should().Contain("'code_verifier'");
    }

    [Fact]
    public async Task Token_UnsupportedGrant_UnsupportedGrantType()
    {
        ShouldBeAadError(await TokenAsync(("grant_type", "password"), ("client_id", ClientId)), 400, "unsupported_grant_type", 70003);
    }

    [Fact]
    public async Task Token_RefreshToken_RotatesAndRefusesTheOldOne()
    {
        var (_, first) = await RedeemAsync(await CodeAsync());
        var rt1 = first["refresh_token"]!.GetValue<string>();

        var (status, second) = await RefreshAsync(rt1);
        var reuse = await RefreshAsync(rt1);
        var (status3, _) = await RefreshAsync(second["refresh_token"]!.GetValue<string>());

        status.Should().Be(200);
        second["refresh_token"]!.GetValue<string>().Should().NotBe(rt1);
        Claims(second["access_token"]!.GetValue<string>())["scp"]!.GetValue<string>().Should().Be("User.Read.All GroupMember.ReadWrite.All");
        ShouldBeAadError(reuse, 400, "invalid_grant", 9002313);
        status3.Should().Be(200);
    }

    [Fact]
    public async Task Token_RefreshAskingForMoreScopes_InvalidGrant65001()
    {
        var (_, json) = await RedeemAsync(await CodeAsync());

        var reply = await TokenAsync(("grant_type", "refresh_token"), ("client_id", ClientId), ("refresh_token", json["refresh_token"]!.GetValue<string>()),
            ("scope", "https://graph.microsoft.com/Directory.ReadWrite.All offline_access"));

        ShouldBeAadError(reply, 400, "invalid_grant", 65001);
    }

    [Fact]
    public async Task Token_RevokedRefreshToken_InvalidGrant50173()
    {
        var (_, json) = await RedeemAsync(await CodeAsync());

        _emulator.Authority.RevokeRefreshTokens(DemoTenant.AdeleVanceUpn).Should().Be(1);

        ShouldBeAadError(await RefreshAsync(json["refresh_token"]!.GetValue<string>()), 400, "invalid_grant", 50173);
    }

    [Fact]
    public async Task Token_RefreshTokenPastLifetime_InvalidGrant700082()
    {
        _emulator.Options.SignIn.RefreshTokenLifetime = TimeSpan.FromDays(1);
        var (_, json) = await RedeemAsync(await CodeAsync());
        _time.Advance(TimeSpan.FromDays(2));

        ShouldBeAadError(await RefreshAsync(json["refresh_token"]!.GetValue<string>()), 400, "invalid_grant", 700082);
    }

    [Fact]
    public async Task Token_ShortAccessTokenLifetime_ExpiresOnEmulatorClock()
    {
        _emulator.Options.SignIn.AccessTokenLifetime = TimeSpan.FromMinutes(5);
        var (_, json) = await RedeemAsync(await CodeAsync());
        var graph = new Api(_emulator.CreateHandler(), json["access_token"]!.GetValue<string>());

        json["expires_in"]!.GetValue<long>().Should().Be(300);
        (await graph.GetAsync("v1.0/me")).Status.Should().Be(200);
        _time.Advance(TimeSpan.FromMinutes(6));
        var expired = await graph.GetAsync("v1.0/me");
        expired.Status.Should().Be(401);
        expired.ErrorMessage.Should().Contain("expired");
    }

    [Fact]
    public async Task Token_ConfidentialClient_SecretRequiredAndChecked()
    {
        _emulator.Authority.RegisterClient(ClientId, [Redirect], clientSecret: "right-secret");
        var code = await CodeAsync();
        (string, string)[] Form(params (string, string)[] extra) =>
            [("grant_type", "authorization_code"), ("client_id", ClientId), ("code", code), ("redirect_uri", Redirect), ("code_verifier", Verifier), .. extra];

        ShouldBeAadError(await TokenAsync(Form()), 401, "invalid_client", 7000218);
        ShouldBeAadError(await TokenAsync(Form(("client_secret", "wrong"))), 401, "invalid_client", 7000215);
        (await TokenAsync(Form(("client_secret", "right-secret")))).Status.Should().Be(200);
    }

    [Fact]
    public async Task Token_PublicClientSendingSecret_InvalidClient700025()
    {
        var code = await CodeAsync();

        var reply = await TokenAsync(("grant_type", "authorization_code"), ("client_id", ClientId), ("code", code), ("redirect_uri", Redirect), ("code_verifier", Verifier), ("client_secret", "x"));

        ShouldBeAadError(reply, 401, "invalid_client", 700025);
    }

    [Fact]
    public async Task Token_Get_MethodNotAllowed()
    {
        using var response = await _http.GetAsync("organizations/oauth2/v2.0/token");

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Journal_TokenRequests_SecretsRedacted()
    {
        _emulator.Authority.RegisterClient(ClientId, [Redirect], clientSecret: "right-secret");
        var code = await CodeAsync();
        await TokenAsync(("grant_type", "authorization_code"), ("client_id", ClientId), ("code", code), ("redirect_uri", Redirect), ("code_verifier", Verifier), ("client_secret", "right-secret"));

        var entry = _emulator.Journal.Entries.Last(e => e.RawPath.EndsWith("/token", StringComparison.Ordinal));

        entry.Body.Should().Contain("grant_type=authorization_code").And.Contain("code=(redacted)").And.Contain("code_verifier=(redacted)").And.Contain("client_secret=(redacted)");
        entry.Body.Should().NotContain(Verifier).And.NotContain("right-secret").And.NotContain(Uri.EscapeDataString(code));
    }

    [Fact]
    public async Task Faults_PathlessRule_DoesNotHitSignInButPathRuleDoes()
    {
        _emulator.Faults.FailNext(1, 503);
        (await AuthorizeAsync()).StatusCode.Should().Be(HttpStatusCode.Found);
        _emulator.Faults.Clear();

        _emulator.Faults.FailNext(1, 503, path: "/*/oauth2/v2.0/token");
        (await RedeemAsync(await CodeAsync())).Status.Should().Be(503);
    }

    [Fact]
    public async Task Kestrel_AuthorizeAndToken_SameBehaviour()
    {
        await using var server = await EmulatorServer.StartAsync(_emulator);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{server.Port}/") };
        var query = $"client_id={ClientId}&response_type=code&redirect_uri={Uri.EscapeDataString(Redirect)}&scope={Uri.EscapeDataString(Scope)}&state=k&code_challenge={Challenge(Verifier)}&code_challenge_method=S256";

        using var authorize = await http.GetAsync($"{DemoTenant.TenantId}/oauth2/v2.0/authorize?{query}");
        var code = QueryOf(authorize.Headers.Location!)["code"];
        using var token = await http.PostAsync($"{DemoTenant.TenantId}/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = ClientId,
            ["code"] = code,
            ["redirect_uri"] = Redirect,
            ["code_verifier"] = Verifier,
        }));
        var json = JsonNode.Parse(await token.Content.ReadAsStringAsync())!;
        using var me = new HttpRequestMessage(HttpMethod.Get, "v1.0/me");
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", json["access_token"]!.GetValue<string>());
        using var meResponse = await http.SendAsync(me);

        authorize.StatusCode.Should().Be(HttpStatusCode.Found);
        token.StatusCode.Should().Be(HttpStatusCode.OK);
        meResponse.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
