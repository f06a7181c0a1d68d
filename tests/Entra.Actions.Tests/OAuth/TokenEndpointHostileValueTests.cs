using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Identity;

namespace Entra.Actions.Tests.OAuth;

/// <summary>Hostile numbers in the token endpoint's answer (or the callback) end as clean connect errors or credential failures, never as exceptions.</summary>
public sealed class TokenEndpointHostileValueTests
{
    private static readonly TokenRequestContext GraphScope = new(["https://graph.microsoft.com/.default"]);

    // An error body's fields, a text its message keeps, and the codes it yields: a code that is not a plain ASCII integer in range is
    // dropped, and an error_codes array with no usable code falls back to the codes in the description. A string that cannot be
    // decoded (a lone surrogate escape) counts as absent.
    public static TheoryData<string, string, int[]> HostileErrorFields => new()
    {
        { "\"error_description\":\"AADSTS99999999999: overflowing code.\"", "AADSTS99999999999", [] },
        { "\"error_description\":\"AADSTS\u0665\u0664\u0660\u0660\u0665: Arabic-Indic digits.\"", "AADSTS", [] },
        { "\"error_description\":\"AADSTS54005: fine.\",\"error_codes\":[1.5]", "AADSTS54005", [54005] },
        { "\"error_description\":\"AADSTS54005: fine.\",\"error_codes\":[1e20]", "AADSTS54005", [54005] },
        { "\"error_description\":\"AADSTS54005: fine.\",\"error_codes\":[-7, \"70000\"]", "AADSTS54005", [54005] },
        { "\"error_description\":\"AADSTS54005: fine.\",\"error_codes\":[1.5, 70000]", "AADSTS54005", [70000] },
        { "\"error_description\":\"\\uD800 lone surrogate AADSTS54005: fine.\",\"trace_id\":\"\\uDC00\"", "(no description)", [] },
    };

    // The same bodies for the refresh path, where only the outcome (disconnect or keep) is visible.
    public static TheoryData<string, string> HostileErrorBodies
    {
        get
        {
            var bodies = new TheoryData<string, string>();
            foreach (var row in HostileErrorFields)
            {
                bodies.Add((string)row[0], (string)row[1]);
            }

            return bodies;
        }
    }

    public static TheoryData<string> HostileExpiresIn => ["1e12", "1e300", "\"Infinity\"", "\"1e300\"", "86401"];

    [Theory]
    [MemberData(nameof(HostileErrorFields))]
    public async Task CompleteConnect_InvalidGrantWithHostileCodes_InvalidGrantWithoutThoseCodes(string fields, string inMessage, int[] codes)
    {
        var fixture = new FlowFixture();
        fixture.Stub.Responder = _ => Task.FromResult(Raw(HttpStatusCode.BadRequest, $"{{\"error\":\"invalid_grant\",{fields}}}"));

        var result = await fixture.ConnectAsync();

        result.Error!.Kind.Should().Be(EntraConnectErrorKind.InvalidGrant);
        result.Error.OAuthError.Should().Be("invalid_grant");
        result.Error.ErrorCodes.Should().Equal(codes);
        result.Error.Message.Should().Contain(inMessage);
    }

    [Fact]
    public async Task CompleteConnect_ErrorCallbackWithHostileCodes_AuthorizationFailedWithoutThoseCodes()
    {
        var fixture = new FlowFixture();
        var start = await fixture.Flow.BeginConnectAsync("contoso");
        var description = Uri.EscapeDataString("AADSTS99999999999 and AADSTS\u0665\u0664\u0660 and AADSTS65004: declined.");

        var result = await fixture.Flow.CompleteConnectAsync(new Uri($"https://app.contoso.com/entra/callback?error=access_denied&error_description={description}&state={start.State}"));

        result.Error!.Kind.Should().Be(EntraConnectErrorKind.AuthorizationFailed);
        result.Error.ErrorCodes.Should().Equal(65004);
    }

    [Theory]
    [MemberData(nameof(HostileExpiresIn))]
    public async Task CompleteConnect_HostileExpiresIn_ConnectsWithLifetimeCappedAtOneDay(string expiresIn)
    {
        var fixture = new FlowFixture();
        fixture.Stub.Responder = form => Task.FromResult(WithExpiresIn(form, expiresIn));

        var result = await fixture.ConnectAsync();
        var token = await fixture.Flow.GetCredential("contoso").GetTokenAsync(GraphScope, default);

        result.Succeeded.Should().BeTrue(result.ToString());
        token.ExpiresOn.Should().Be(fixture.Time.GetUtcNow().AddDays(1));
    }

    [Theory]
    [InlineData("0.25", 1)]
    [InlineData("0", 3600)]
    [InlineData("-1e300", 3600)]
    [InlineData("\"NaN\"", 3600)]
    [InlineData("\"-Infinity\"", 3600)]
    [InlineData("\"soon\"", 3600)]
    [InlineData("\"4000\"", 4000)]
    public async Task CompleteConnect_ExpiresInBelowRangeOrUnreadable_OneSecondFloorOrTheUsualHour(string expiresIn, int seconds)
    {
        var fixture = new FlowFixture(o => o.RefreshBeforeExpiry = TimeSpan.Zero);
        fixture.Stub.Responder = form => Task.FromResult(WithExpiresIn(form, expiresIn));

        var result = await fixture.ConnectAsync();
        var token = await fixture.Flow.GetCredential("contoso").GetTokenAsync(GraphScope, default);

        result.Succeeded.Should().BeTrue(result.ToString());
        token.ExpiresOn.Should().Be(fixture.Time.GetUtcNow().AddSeconds(seconds));
    }

    [Theory]
    [MemberData(nameof(HostileErrorBodies))]
    public async Task Credential_RefreshRefusedWithInvalidGrantAndHostileCodes_Disconnects(string fields, string inMessage)
    {
        var fixture = new FlowFixture();
        await fixture.ConnectAsync();
        fixture.Stub.Responder = _ => Task.FromResult(Raw(HttpStatusCode.BadRequest, $"{{\"error\":\"invalid_grant\",{fields}}}"));
        fixture.Time.Advance(TimeSpan.FromHours(2));

        var act = async () => await fixture.Flow.GetCredential("contoso").GetTokenAsync(GraphScope, default);

        (await act.Should().ThrowAsync<AuthenticationFailedException>()).WithMessage($"*'contoso' is no longer authorized and was disconnected*{inMessage}*");
        (await fixture.Flow.GetConnectionAsync("contoso")).Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(HostileErrorBodies))]
    public async Task Credential_RefreshHitsServerErrorWithHostileCodes_KeepsConnection(string fields, string inMessage)
    {
        var fixture = new FlowFixture();
        await fixture.ConnectAsync();
        fixture.Stub.Responder = _ => Task.FromResult(Raw(HttpStatusCode.ServiceUnavailable, $"{{\"error\":\"temporarily_unavailable\",{fields}}}"));
        fixture.Time.Advance(TimeSpan.FromHours(2));

        var act = async () => await fixture.Flow.GetCredential("contoso").GetTokenAsync(GraphScope, default);

        (await act.Should().ThrowAsync<AuthenticationFailedException>()).WithMessage($"*could not be refreshed*{inMessage}*kept*");
        (await fixture.Flow.GetConnectionAsync("contoso")).Should().NotBeNull();
    }

    [Theory]
    [MemberData(nameof(HostileExpiresIn))]
    public async Task Credential_RefreshWithHostileExpiresIn_ReturnsTokenWithLifetimeCappedAtOneDay(string expiresIn)
    {
        var fixture = new FlowFixture();
        await fixture.ConnectAsync();
        fixture.Stub.Responder = form => Task.FromResult(WithExpiresIn(form, expiresIn));
        fixture.Time.Advance(TimeSpan.FromHours(2));

        var token = await fixture.Flow.GetCredential("contoso").GetTokenAsync(GraphScope, default);

        token.ExpiresOn.Should().Be(fixture.Time.GetUtcNow().AddDays(1));
        fixture.Stub.Forms[^1]["grant_type"].Should().Be("refresh_token");
    }

    [Fact]
    public async Task CompleteConnect_IdTokenClaimsThatAreNoValidText_FallBackToTheAccessTokensClaims()
    {
        var fixture = new FlowFixture();
        static string Encode(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var payload = Encoding.UTF8.GetBytes("{\"preferred_username\":\"\\uD800\",\"name\":\"x\",\"oid\":\"oid-1\"}");
        var idToken = $"{Encode(Encoding.UTF8.GetBytes("{\"alg\":\"none\"}"))}.{Encode(payload)}.";
        fixture.Stub.Responder = form =>
        {
            var body = JsonNode.Parse(TokenEndpointStub.Tokens(form).Content.ReadAsStringAsync().GetAwaiter().GetResult())!;
            body["id_token"] = idToken;
            return Task.FromResult(TokenEndpointStub.Json(HttpStatusCode.OK, body));
        };

        var result = await fixture.ConnectAsync();

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Account!.UserPrincipalName.Should().Be("svc@contoso.com", "the access token's upn stands in for the unreadable id-token claim");
        result.Account.DisplayName.Should().Be("x");
    }

    private static HttpResponseMessage Raw(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    // The stub's success answer with expires_in replaced by raw JSON text (a number literal or a string).
    private static HttpResponseMessage WithExpiresIn(Dictionary<string, string> form, string expiresIn)
    {
        var body = JsonNode.Parse(TokenEndpointStub.Tokens(form).Content.ReadAsStringAsync().GetAwaiter().GetResult())!.AsObject();
        body.Remove("expires_in");
        var json = body.ToJsonString();
        return Raw(HttpStatusCode.OK, $"{{\"expires_in\":{expiresIn},{json[1..]}");
    }
}
