using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Identity;
using Entra.Actions.OAuth.Internal;

namespace Entra.Actions.Tests.OAuth;

public sealed class EntraConnectFlowTests
{
    private static readonly TokenRequestContext GraphScope = new(["https://graph.microsoft.com/.default"]);

    [Fact]
    public async Task BeginConnect_Defaults_AuthorizationUrlWithPkceS256StateAndGraphScopes()
    {
        var fixture = new FlowFixture();

        var start = await fixture.Flow.BeginConnectAsync("contoso", loginHint: "svc@contoso.com");

        var url = start.AuthorizationUrl;
        url.GetLeftPart(UriPartial.Path).Should().Be("https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize");
        var query = FlowFixture.Query(url);
        query["client_id"].Should().Be(FlowFixture.ClientId);
        query["response_type"].Should().Be("code");
        query["response_mode"].Should().Be("query");
        query["redirect_uri"].Should().Be("https://app.contoso.com/entra/callback");
        query["scope"].Should().Be("https://graph.microsoft.com/User.Read.All https://graph.microsoft.com/GroupMember.ReadWrite.All offline_access openid profile");
        query["state"].Should().Be(start.State).And.HaveLength(43);
        query["login_hint"].Should().Be("svc@contoso.com");
        query["code_challenge_method"].Should().Be("S256");
        var verifier = await fixture.VerifierAsync(start.State);
        verifier.Should().HaveLength(43).And.MatchRegex("^[A-Za-z0-9_-]+$");
        var expected = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        query["code_challenge"].Should().Be(expected);
        url.ToString().Should().NotContain(verifier);
        start.ExpiresOn.Should().Be(fixture.Time.GetUtcNow().AddMinutes(10));
    }

    [Fact]
    public async Task BeginConnect_TwoCalls_FreshStateAndVerifierEachTime()
    {
        var fixture = new FlowFixture();

        var first = await fixture.Flow.BeginConnectAsync("contoso");
        var second = await fixture.Flow.BeginConnectAsync("contoso");

        second.State.Should().NotBe(first.State);
        (await fixture.VerifierAsync(second.State)).Should().NotBe(await fixture.VerifierAsync(first.State));
    }

    [Fact]
    public async Task BeginConnect_NationalCloudTenantAndScopes_UsesThoseHosts()
    {
        var fixture = new FlowFixture(o =>
        {
            o.AuthorityHost = new Uri("https://login.microsoftonline.us");
            o.TenantId = "contoso.onmicrosoft.us";
            o.GraphBaseUrl = new Uri("https://graph.microsoft.us/v1.0");
            o.Scopes = ["User.Read.All"];
            o.Prompt = "select_account";
        });

        var start = await fixture.Flow.BeginConnectAsync("gov");

        start.AuthorizationUrl.GetLeftPart(UriPartial.Path).Should().Be("https://login.microsoftonline.us/contoso.onmicrosoft.us/oauth2/v2.0/authorize");
        var query = FlowFixture.Query(start.AuthorizationUrl);
        query["scope"].Should().Be("https://graph.microsoft.us/User.Read.All offline_access openid profile");
        query["prompt"].Should().Be("select_account");
    }

    [Fact]
    public async Task CompleteConnect_RedeemsCodeWithVerifier_StoresRefreshTokenAndAccount()
    {
        var fixture = new FlowFixture(o => o.ClientSecret = "client-secret-value");
        var start = await fixture.Flow.BeginConnectAsync("contoso");
        var verifier = await fixture.VerifierAsync(start.State);

        var result = await fixture.Flow.CompleteConnectAsync(start.State, "the-code");

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Account!.UserPrincipalName.Should().Be("svc@contoso.com");
        result.Account.DisplayName.Should().Be("Service Account");
        result.Account.ObjectId.Should().Be("oid-1");
        result.Account.TenantId.Should().Be("tid-1");
        result.Account.Scopes.Should().Equal("User.Read.All", "GroupMember.ReadWrite.All");
        var form = fixture.Stub.Forms.Should().ContainSingle().Subject;
        form["grant_type"].Should().Be("authorization_code");
        form["code"].Should().Be("the-code");
        form["code_verifier"].Should().Be(verifier);
        form["redirect_uri"].Should().Be("https://app.contoso.com/entra/callback");
        form["client_id"].Should().Be(FlowFixture.ClientId);
        form["client_secret"].Should().Be("client-secret-value");
        fixture.Stub.Uris.Single().ToString().Should().Be("https://login.microsoftonline.com/organizations/oauth2/v2.0/token");
        (await fixture.Store.GetAsync("connection:contoso")).Should().Contain("rt-1-secret-refresh-token-value");
        (await fixture.Flow.GetConnectionAsync("contoso"))!.ObjectId.Should().Be("oid-1");
        result.ToString().Should().NotContain("rt-1").And.NotContain("the-code");
    }

    [Fact]
    public async Task CompleteConnect_UnknownState_InvalidStateWithoutCallingEntra()
    {
        var fixture = new FlowFixture();

        var result = await fixture.Flow.CompleteConnectAsync("not-a-state", "the-code");

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraConnectErrorKind.InvalidState);
        result.Error.Message.Should().Contain("Start the connect again");
        fixture.Stub.Forms.Should().BeEmpty();
    }

    [Fact]
    public async Task CompleteConnect_StateUsedTwice_SecondIsInvalidState()
    {
        var fixture = new FlowFixture();
        var start = await fixture.Flow.BeginConnectAsync("contoso");

        var first = await fixture.Flow.CompleteConnectAsync(start.State, "the-code");
        var second = await fixture.Flow.CompleteConnectAsync(start.State, "the-code");

        first.Succeeded.Should().BeTrue();
        second.Error!.Kind.Should().Be(EntraConnectErrorKind.InvalidState);
        fixture.Stub.Forms.Should().ContainSingle();
    }

    [Fact]
    public async Task CompleteConnect_ConcurrentCallbacksForOneState_OnlyOneRedeems()
    {
        var fixture = new FlowFixture();
        var start = await fixture.Flow.BeginConnectAsync("contoso");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => fixture.Flow.CompleteConnectAsync(start.State, "the-code"))));

        results.Count(r => r.Succeeded).Should().Be(1);
        results.Where(r => !r.Succeeded).Should().OnlyContain(r => r.Error!.Kind == EntraConnectErrorKind.InvalidState);
        fixture.Stub.Forms.Should().ContainSingle();
    }

    [Fact]
    public async Task CompleteConnect_AfterStateLifetime_InvalidState()
    {
        var fixture = new FlowFixture();
        var start = await fixture.Flow.BeginConnectAsync("contoso");
        fixture.Time.Advance(TimeSpan.FromMinutes(11));

        var result = await fixture.Flow.CompleteConnectAsync(start.State, "the-code");

        result.Error!.Kind.Should().Be(EntraConnectErrorKind.InvalidState);
        fixture.Stub.Forms.Should().BeEmpty();
    }

    [Fact]
    public async Task CompleteConnect_CodeAlreadyRedeemed_InvalidGrantWithAadstsDetails()
    {
        var fixture = new FlowFixture();
        fixture.Stub.Responder = _ => Task.FromResult(TokenEndpointStub.Error(HttpStatusCode.BadRequest, "invalid_grant", 54005, "OAuth2 Authorization code was already redeemed."));
        var start = await fixture.Flow.BeginConnectAsync("contoso");

        var result = await fixture.Flow.CompleteConnectAsync(start.State, "the-code");

        result.ConnectionName.Should().Be("contoso");
        result.Error!.Kind.Should().Be(EntraConnectErrorKind.InvalidGrant);
        result.Error.OAuthError.Should().Be("invalid_grant");
        result.Error.ErrorCodes.Should().Equal(54005);
        result.Error.TraceId.Should().Be("t-1");
        result.Error.CorrelationId.Should().Be("c-1");
        result.Error.StatusCode.Should().Be(400);
        result.Error.Message.Should().Be("Microsoft Entra answered 400 invalid_grant: AADSTS54005: OAuth2 Authorization code was already redeemed.");
        (await fixture.Flow.GetConnectionAsync("contoso")).Should().BeNull();
    }

    [Fact]
    public async Task CompleteConnect_WrongClientSecret_Configuration()
    {
        var fixture = new FlowFixture();
        fixture.Stub.Responder = _ => Task.FromResult(TokenEndpointStub.Error(HttpStatusCode.Unauthorized, "invalid_client", 7000215, "Invalid client secret provided."));

        var result = await fixture.ConnectAsync();

        result.Error!.Kind.Should().Be(EntraConnectErrorKind.Configuration);
        result.Error.ErrorCodes.Should().Equal(7000215);
    }

    [Fact]
    public async Task CompleteConnect_TokenEndpointAnswersHtml_ServiceError()
    {
        var fixture = new FlowFixture();
        fixture.Stub.Responder = _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>bad gateway</html>") });

        var result = await fixture.ConnectAsync();

        result.Error!.Kind.Should().Be(EntraConnectErrorKind.ServiceError);
        result.Error.StatusCode.Should().Be(502);
    }

    [Fact]
    public async Task CompleteConnect_NoRefreshToken_ConfigurationNamingOfflineAccess()
    {
        var fixture = new FlowFixture();
        fixture.Stub.Responder = _ => Task.FromResult(TokenEndpointStub.Json(HttpStatusCode.OK, new System.Text.Json.Nodes.JsonObject { ["access_token"] = "a.b.c", ["expires_in"] = 3600 }));

        var result = await fixture.ConnectAsync();

        result.Error!.Kind.Should().Be(EntraConnectErrorKind.Configuration);
        result.Error.Message.Should().Contain("offline_access");
    }

    [Fact]
    public async Task CompleteConnect_ErrorCallback_AuthorizationFailedAndStateConsumed()
    {
        var fixture = new FlowFixture();
        var start = await fixture.Flow.BeginConnectAsync("contoso");
        var callback = new Uri($"https://app.contoso.com/entra/callback?error=access_denied&error_description=AADSTS65004%3A+User+declined+to+consent.&state={start.State}");

        var result = await fixture.Flow.CompleteConnectAsync(callback);
        var again = await fixture.Flow.CompleteConnectAsync(start.State, "the-code");

        result.Error!.Kind.Should().Be(EntraConnectErrorKind.AuthorizationFailed);
        result.Error.OAuthError.Should().Be("access_denied");
        result.Error.ErrorCodes.Should().Equal(65004);
        result.Error.Message.Should().Contain("User declined to consent.");
        again.Error!.Kind.Should().Be(EntraConnectErrorKind.InvalidState);
        fixture.Stub.Forms.Should().BeEmpty();
    }

    [Fact]
    public async Task CompleteConnect_CallbackUrlWithCode_Connects()
    {
        var fixture = new FlowFixture();
        var start = await fixture.Flow.BeginConnectAsync("contoso");

        var result = await fixture.Flow.CompleteConnectAsync(new Uri($"https://app.contoso.com/entra/callback?code=abc%2Bdef&state={start.State}&session_state=x"));

        result.Succeeded.Should().BeTrue();
        fixture.Stub.Forms.Single()["code"].Should().Be("abc+def");
    }

    [Fact]
    public async Task Credential_AfterConnect_ReturnsAccessTokenWithoutRefreshing()
    {
        var fixture = new FlowFixture();
        await fixture.ConnectAsync();

        var token = await fixture.Flow.GetCredential("contoso").GetTokenAsync(GraphScope, default);

        token.Token.Should().Contain(".");
        token.ExpiresOn.Should().Be(fixture.Time.GetUtcNow().AddHours(1));
        fixture.Stub.Forms.Should().ContainSingle();
        fixture.Flow.GetCredential("contoso").Should().BeSameAs(fixture.Flow.GetCredential("contoso"));
    }

    [Fact]
    public async Task Credential_NearExpiry_RefreshesWithStoredTokenAndStoresRotatedOne()
    {
        var fixture = new FlowFixture();
        await fixture.ConnectAsync();
        fixture.Stub.Responder = form => Task.FromResult(TokenEndpointStub.Tokens(form, refreshNumber: 2));
        fixture.Time.Advance(TimeSpan.FromMinutes(56));

        var token = await fixture.Flow.GetCredential("contoso").GetTokenAsync(GraphScope, default);

        token.ExpiresOn.Should().Be(fixture.Time.GetUtcNow().AddHours(1));
        var refresh = fixture.Stub.Forms[^1];
        refresh["grant_type"].Should().Be("refresh_token");
        refresh["refresh_token"].Should().Be("rt-1-secret-refresh-token-value");
        refresh["scope"].Should().EndWith("offline_access openid profile");
        fixture.Stub.Uris[^1].AbsolutePath.Should().Be("/tid-1/oauth2/v2.0/token", "after the connect, refreshes go to the account's own tenant");
        (await fixture.Store.GetAsync("connection:contoso")).Should().Contain("rt-2-").And.NotContain("rt-1-");
        (await fixture.Flow.GetConnectionAsync("contoso"))!.RefreshedOn.Should().Be(fixture.Time.GetUtcNow());
    }

    [Fact]
    public async Task Credential_ParallelCallersAfterExpiry_ExactlyOneRefresh()
    {
        var fixture = new FlowFixture();
        await fixture.ConnectAsync();
        var release = new TaskCompletionSource();
        fixture.Stub.Responder = async form =>
        {
            await release.Task;
            return TokenEndpointStub.Tokens(form, refreshNumber: fixture.Stub.NextRefreshNumber());
        };
        fixture.Time.Advance(TimeSpan.FromHours(2));
        var credential = fixture.Flow.GetCredential("contoso");

        var calls = Enumerable.Range(0, 32).Select(_ => Task.Run(() => credential.GetTokenAsync(GraphScope, default).AsTask())).ToList();
        await Task.Delay(50);
        release.SetResult();
        var tokens = await Task.WhenAll(calls);

        fixture.Stub.Forms.Count(f => f["grant_type"] == "refresh_token").Should().Be(1);
        tokens.Select(t => t.Token).Distinct().Should().ContainSingle();
        (await fixture.Store.GetAsync("connection:contoso")).Should().Contain("rt-2-");
    }

    [Fact]
    public async Task Credential_NotConnected_AuthenticationFailedNamingConnection()
    {
        var fixture = new FlowFixture();

        var act = async () => await fixture.Flow.GetCredential("fabrikam").GetTokenAsync(GraphScope, default);

        (await act.Should().ThrowAsync<AuthenticationFailedException>())
            .WithMessage("*'fabrikam' is not connected*BeginConnectAsync*");
        fixture.Stub.Forms.Should().BeEmpty();
    }

    [Fact]
    public async Task Credential_RefreshRefusedWithInvalidGrant_DisconnectsAndSaysConnectAgain()
    {
        var fixture = new FlowFixture();
        await fixture.ConnectAsync();
        fixture.Stub.Responder = _ => Task.FromResult(TokenEndpointStub.Error(HttpStatusCode.BadRequest, "invalid_grant", 50173, "The provided grant has expired due to it being revoked."));
        fixture.Time.Advance(TimeSpan.FromHours(2));
        var credential = fixture.Flow.GetCredential("contoso");

        var act = async () => await credential.GetTokenAsync(GraphScope, default);

        var thrown = await act.Should().ThrowAsync<AuthenticationFailedException>();
        thrown.WithMessage("*'contoso' is no longer authorized and was disconnected*AADSTS50173*Connect it again*");
        thrown.Which.Message.Should().NotContain("rt-1");
        (await fixture.Flow.GetConnectionAsync("contoso")).Should().BeNull();
        (await act.Should().ThrowAsync<AuthenticationFailedException>()).WithMessage("*not connected*");
    }

    [Fact]
    public async Task Credential_AnotherNodeRotatedTheRefreshTokenFirst_RetriesWithTheStoredOneAndStaysConnected()
    {
        var fixture = new FlowFixture();
        await fixture.ConnectAsync();
        const string First = "rt-1-secret-refresh-token-value";
        const string Rotated = "rt-9-secret-refresh-token-value";
        fixture.Stub.Responder = async form =>
        {
            if (form["refresh_token"] == First)
            {
                // Another node sharing the store redeemed rt-1 a moment earlier and stored what the authority rotated it to.
                var stored = await fixture.Store.GetAsync("connection:contoso");
                await fixture.Store.SetAsync("connection:contoso", stored!.Replace(First, Rotated, StringComparison.Ordinal), null);
                return TokenEndpointStub.Error(HttpStatusCode.BadRequest, "invalid_grant", 54005, "The refresh token was already redeemed.");
            }

            return TokenEndpointStub.Tokens(form, refreshNumber: 10);
        };
        fixture.Time.Advance(TimeSpan.FromHours(2));

        var token = await fixture.Flow.GetCredential("contoso").GetTokenAsync(GraphScope, default);

        token.Token.Should().NotBeNullOrEmpty();
        fixture.Stub.Forms.Where(f => f.GetValueOrDefault("grant_type") == "refresh_token").Select(f => f["refresh_token"]).Should().Equal(First, Rotated);
        (await fixture.Flow.GetConnectionAsync("contoso")).Should().NotBeNull("the connection survives a refresh another node won");
        (await fixture.Store.GetAsync("connection:contoso")).Should().Contain("rt-10-secret-refresh-token-value");
    }

    [Fact]
    public async Task Credential_RefreshHitsServerError_KeepsConnection()
    {
        var fixture = new FlowFixture();
        await fixture.ConnectAsync();
        fixture.Stub.Responder = _ => Task.FromResult(TokenEndpointStub.Error(HttpStatusCode.ServiceUnavailable, "temporarily_unavailable", 90033, "A transient error has occurred."));
        fixture.Time.Advance(TimeSpan.FromHours(2));

        var act = async () => await fixture.Flow.GetCredential("contoso").GetTokenAsync(GraphScope, default);

        (await act.Should().ThrowAsync<AuthenticationFailedException>()).WithMessage("*could not be refreshed*kept*try again*");
        (await fixture.Flow.GetConnectionAsync("contoso")).Should().NotBeNull();
    }

    [Fact]
    public async Task Disconnect_Connected_RemovesTokensAndNextTokenRequestFails()
    {
        var fixture = new FlowFixture();
        await fixture.ConnectAsync();
        var credential = fixture.Flow.GetCredential("contoso");
        await credential.GetTokenAsync(GraphScope, default);

        var removed = await fixture.Flow.DisconnectAsync("contoso");
        var again = await fixture.Flow.DisconnectAsync("contoso");

        removed.Should().BeTrue();
        again.Should().BeFalse();
        (await fixture.Store.GetAsync("connection:contoso")).Should().BeNull();
        var act = async () => await credential.GetTokenAsync(GraphScope, default);
        (await act.Should().ThrowAsync<AuthenticationFailedException>()).WithMessage("*not connected*");
    }

    [Fact]
    public async Task Connections_AreIsolatedByName()
    {
        var fixture = new FlowFixture();
        await fixture.ConnectAsync("a");

        (await fixture.Flow.GetConnectionAsync("a")).Should().NotBeNull();
        (await fixture.Flow.GetConnectionAsync("b")).Should().BeNull();
        await fixture.Flow.DisconnectAsync("b");
        (await fixture.Flow.GetConnectionAsync("a")).Should().NotBeNull();
    }

    [Fact]
    public async Task Credential_ManyUnknownConnectionNames_LeaveNoStateBehind()
    {
        var fixture = new FlowFixture();
        var flow = (EntraConnectFlow)fixture.Flow;

        for (var i = 0; i < 200; i++)
        {
            var act = async () => await fixture.Flow.GetCredential($"typo-{i}").GetTokenAsync(GraphScope, default);
            await act.Should().ThrowAsync<AuthenticationFailedException>();
        }

        flow.TrackedConnectionCount.Should().Be(0);
    }

    [Fact]
    public async Task Disconnect_ForgetsTheConnectionsState()
    {
        var fixture = new FlowFixture();
        var flow = (EntraConnectFlow)fixture.Flow;
        await fixture.ConnectAsync("a");
        await fixture.ConnectAsync("b");
        await fixture.Flow.DisconnectAsync("never-connected");

        await fixture.Flow.DisconnectAsync("a");

        flow.TrackedConnectionCount.Should().Be(1);
        (await fixture.Flow.GetCredential("b").GetTokenAsync(GraphScope, default)).Token.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Connections_NamesDifferingOnlyInCase_AreOneConnection()
    {
        var fixture = new FlowFixture();
        await fixture.ConnectAsync("Contoso");

        (await fixture.Flow.GetConnectionAsync("contoso")).Should().NotBeNull("the connection factory treats the names as one connection too");
        (await fixture.Flow.GetCredential("CONTOSO").GetTokenAsync(GraphScope, default)).Token.Should().NotBeNullOrEmpty();
        fixture.Flow.GetCredential("contoso").Should().BeSameAs(fixture.Flow.GetCredential("Contoso"));
        fixture.Stub.Forms.Should().ContainSingle("the token cached at connect serves every spelling");

        (await fixture.Flow.DisconnectAsync("CONTOSO")).Should().BeTrue();
        (await fixture.Flow.GetConnectionAsync("Contoso")).Should().BeNull();
    }

    [Fact]
    public async Task Credential_ClaimsChallenge_RefreshesDespiteAFreshTokenAndSendsTheClaims()
    {
        var fixture = new FlowFixture();
        await fixture.ConnectAsync();
        var credential = fixture.Flow.GetCredential("contoso");
        var cached = await credential.GetTokenAsync(GraphScope, default);
        fixture.Stub.Responder = form => Task.FromResult(TokenEndpointStub.Tokens(form, expiresIn: 1800, refreshNumber: 2));
        const string Claims = """{"access_token":{"nbf":{"essential":true,"value":"1767254400"}}}""";

        var challenged = await credential.GetTokenAsync(new TokenRequestContext(GraphScope.Scopes, claims: Claims), default);

        var refresh = fixture.Stub.Forms[^1];
        refresh["grant_type"].Should().Be("refresh_token", "a claims challenge (CAE) means the cached token was rejected");
        refresh["claims"].Should().Be(Claims);
        challenged.ExpiresOn.Should().Be(fixture.Time.GetUtcNow().AddMinutes(30)).And.NotBe(cached.ExpiresOn);
        (await credential.GetTokenAsync(GraphScope, default)).ExpiresOn.Should().Be(challenged.ExpiresOn, "the new token is cached");
        fixture.Stub.Forms.Should().HaveCount(2);
    }
}
