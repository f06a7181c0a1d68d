using Entra.Actions.Emulator.Tests.Support;

namespace Entra.Actions.Emulator.Tests.Auth;

public class AuthenticationTests
{
    private readonly GraphEmulator _emulator = Emulators.Demo();
    private static string AdelePath => $"v1.0/users/{DemoTenant.AdeleVanceId}";

    [Fact]
    public async Task Get_NoToken_Returns401InvalidAuthenticationToken()
    {
        var reply = await new Api(_emulator.CreateHandler(), token: null).GetAsync(AdelePath);

        reply.Status.Should().Be(401);
        reply.ErrorCode.Should().Be("InvalidAuthenticationToken");
        reply.Header("WWW-Authenticate").Should().StartWith("Bearer");
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("a.%%%.b")]
    public async Task Get_GarbledToken_Returns401(string token)
    {
        var reply = await new Api(_emulator.CreateHandler(), token).GetAsync(AdelePath);

        reply.Status.Should().Be(401);
        reply.ErrorCode.Should().Be("InvalidAuthenticationToken");
    }

    [Fact]
    public async Task Get_ExpiredToken_Returns401Expired()
    {
        var token = EmulatorTokens.CreateApplication(Api.AllRead, lifetime: TimeSpan.FromMinutes(-5));

        var reply = await new Api(_emulator.CreateHandler(), token).GetAsync(AdelePath);

        reply.Status.Should().Be(401);
        reply.ErrorMessage.Should().Contain("expired");
    }

    [Fact]
    public async Task Get_TokenForOtherTenant_Returns401()
    {
        var token = EmulatorTokens.CreateApplication(Api.AllRead, tenantId: Guid.NewGuid().ToString());

        var reply = await new Api(_emulator.CreateHandler(), token).GetAsync(AdelePath);

        reply.Status.Should().Be(401);
    }

    [Fact]
    public async Task Get_AuthenticationDisabled_NoTokenActsWithAllPermissions()
    {
        _emulator.Options.RequireAuthentication = false;

        var reply = await new Api(_emulator.CreateHandler(), token: null).GetAsync(AdelePath);

        reply.Status.Should().Be(200);
    }

    [Fact]
    public void EmulatorTokens_Delegated_CarriesSpaceSeparatedScpAndUserClaims()
    {
        var token = EmulatorTokens.CreateDelegated(["User.Read", "GroupMember.ReadWrite.All"]);

        var parts = token.Split('.');
        parts.Should().HaveCount(3);
        parts[2].Should().BeEmpty();
        var header = System.Text.Encoding.UTF8.GetString(TokenReader.Base64UrlDecode(parts[0]));
        var payload = System.Text.Json.Nodes.JsonNode.Parse(TokenReader.Base64UrlDecode(parts[1]))!;
        header.Should().Contain("\"alg\":\"none\"");
        payload["scp"]!.GetValue<string>().Should().Be("User.Read GroupMember.ReadWrite.All");
        payload["oid"]!.GetValue<string>().Should().Be(DemoTenant.AdeleVanceId);
        payload["upn"]!.GetValue<string>().Should().Be(DemoTenant.AdeleVanceUpn);
        payload["tid"]!.GetValue<string>().Should().Be(DemoTenant.TenantId);
    }

    [Fact]
    public void EmulatorTokens_Application_CarriesRolesArray()
    {
        var payload = System.Text.Json.Nodes.JsonNode.Parse(TokenReader.Base64UrlDecode(EmulatorTokens.CreateApplication(["User.Read.All"]).Split('.')[1]))!;

        payload["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("User.Read.All");
        payload["appid"]!.GetValue<string>().Should().Be(DemoTenant.ApplicationId);
        payload.AsObject().ContainsKey("scp").Should().BeFalse();
    }

    [Fact]
    public async Task EmulatorCredential_ForApplication_ReturnsTokenWithExpiry()
    {
        var credential = EmulatorCredential.ForApplication("GroupMember.Read.All");

        var token = await credential.GetTokenAsync(new Azure.Core.TokenRequestContext(["https://graph.microsoft.com/.default"]), default);

        token.Token.Should().Contain(".");
        token.ExpiresOn.Should().BeAfter(DateTimeOffset.UtcNow.AddMinutes(50));
        credential.TokenRequestCount.Should().Be(1);
    }

    [Fact]
    public async Task TokenEndpoint_Roles_IssuesUsableToken()
    {
        var http = new HttpClient(_emulator.CreateHandler());
        var json = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync("https://graph.emulator.local/_emulator/token?roles=User.Read.All"))!;

        var reply = await new Api(_emulator.CreateHandler(), json["access_token"]!.GetValue<string>()).GetAsync(AdelePath);

        reply.Status.Should().Be(200);
    }
}
