using System.Net;
using System.Text.Json.Nodes;
using Azure.Core;
using Entra.Actions.Samples.ActionBuilder.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.Samples.ActionBuilder.Tests.Api;

/// <summary>No access token, refresh token or authorization code reaches the browser or a log line (logs captured at Trace).</summary>
public sealed class NoTokenLeakTests : SingleNodeTest
{
    [Fact]
    public async Task WholeSession_TokensAndCode_NeverInResponsesOrLogs()
    {
        var transcript = new Transcript();
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        using var admin = new AdminBrowser(Node.Url);
        var store = Node.App.Services.GetRequiredService<IEntraTokenStore>();
        var flow = Node.App.Services.GetRequiredService<IEntraConnectFlow>();

        (await transcript.KeepAsync(admin.Http.GetAsync("/"))).Dispose();
        (await transcript.KeepAsync(admin.Http.GetAsync("/api/actions"))).Dispose();
        (await transcript.KeepAsync(admin.Http.GetAsync("/api/antiforgery"))).Dispose();
        using var connect = await transcript.KeepAsync(admin.SendAsync(HttpMethod.Post, "/api/connections/contoso/connect"));
        var authorize = new Uri((await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<JsonObject>(connect.Content))!["authorizationUrl"]!.GetValue<string>());
        var callback = await AdminBrowser.SignInAsUserAsync(authorize, EmulatedEntra.ServiceAccountUpn);
        var code = AdminFlows.QueryValue(callback, "code");
        code.Should().MatchRegex(Transcript.OpaqueSecret().ToString(), "the shape this test scans for must be the emulator's");
        using (var back = await transcript.KeepAsync(admin.Http.GetAsync(callback)))
        {
            back.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        secrets.UnionWith(await RefreshTokensAsync(store));
        (await transcript.KeepAsync(admin.Http.GetAsync("/"))).Dispose();
        (await transcript.KeepAsync(admin.Http.GetAsync("/api/connections"))).Dispose();
        (await transcript.KeepAsync(admin.Http.GetAsync("/api/connections/contoso"))).Dispose();
        (await transcript.KeepAsync(admin.SendAsync(HttpMethod.Post, "/api/connections/contoso/actions/entra.lookup_user", new JsonObject { ["userId"] = DemoTenant.AdeleVanceUpn }))).Dispose();
        (await transcript.KeepAsync(admin.SendAsync(HttpMethod.Post, "/api/connections/contoso/actions/entra.lookup_user", new JsonObject { ["userId"] = Guid.NewGuid().ToString() }))).Dispose();
        (await transcript.KeepAsync(admin.SendAsync(HttpMethod.Post, "/api/connections/contoso/actions/entra.add_user_to_group",
            new JsonObject { ["userId"] = DemoTenant.AdeleVanceUpn, ["groupId"] = DemoTenant.ProjectFalconGroupId, ["dryRun"] = true }))).Dispose();

        // The access token the node holds for the connection (cached by the flow since the runs) and the rotated refresh token.
        var accessToken = await flow.GetCredential("contoso").GetTokenAsync(new TokenRequestContext(["https://graph.microsoft.com/.default"]), default);
        accessToken.Token.Should().MatchRegex(Transcript.Jwt().ToString());
        secrets.Add(accessToken.Token);
        secrets.UnionWith(await RefreshTokensAsync(store));
        secrets.Should().HaveCountGreaterThanOrEqualTo(2, "the refresh token and the access token");

        (await transcript.KeepAsync(admin.SendAsync(HttpMethod.Delete, "/api/connections/contoso"))).Dispose();
        (await transcript.KeepAsync(admin.Http.GetAsync("/api/connections"))).Dispose();

        var received = transcript.Text;
        var logs = string.Join(Environment.NewLine, Node.Logs.Lines);
        logs.Should().Contain("contoso", "the logs were captured");
        foreach (var secret in secrets)
        {
            received.Should().NotContain(secret);
            logs.Should().NotContain(secret);
        }

        Transcript.Jwt().Matches(received).Should().BeEmpty("no access or id token reaches the browser");
        Transcript.OpaqueSecret().Matches(received).Should().BeEmpty("no refresh token or code reaches the browser");
        Transcript.Jwt().Matches(logs).Should().BeEmpty("no access or id token is logged");
        Transcript.OpaqueSecret().Matches(logs).Should().BeEmpty("no refresh token or code is logged");
        logs.Should().NotContain(code);
        logs.Should().NotContain(Uri.EscapeDataString(code));
    }

    private static async Task<IEnumerable<string>> RefreshTokensAsync(IEntraTokenStore store)
    {
        var stored = await store.GetAsync("connection:contoso");
        stored.Should().NotBeNull("the connection is stored under its canonical name");
        var tokens = Transcript.OpaqueSecret().Matches(stored!).Select(m => m.Value).ToList();
        tokens.Should().ContainSingle("the stored connection holds its refresh token");
        return tokens;
    }
}
