using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Entra.Actions.Samples.ActionBuilder.Tests.Support;

namespace Entra.Actions.Samples.ActionBuilder.Tests.Api;

public sealed class ConnectRunDisconnectTests : IAsyncLifetime
{
    private EmulatorServer _emulator = null!;
    private AppNode _node = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorServer.StartAsync(EmulatedEntra.CreateEmulator());
        _node = await AppNode.StartAsync(_emulator);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task ConnectCheckRunDisconnect_OverHttp_Works()
    {
        using var browser = new AdminBrowser(_node.Url);
        var authorize = await browser.BeginConnectAsync("contoso");
        var callback = await AdminBrowser.SignInAsync(authorize, EmulatedEntra.ServiceAccountId);

        using (var back = await browser.Http.GetAsync(callback))
        {
            back.StatusCode.Should().Be(HttpStatusCode.Redirect);
            back.Headers.Location!.OriginalString.Should().Be("/?connected=contoso");
        }

        var check = await browser.Http.GetFromJsonAsync<JsonObject>("/api/connections/contoso");
        check!["check"]!["works"]!.GetValue<bool>().Should().BeTrue();
        check["userPrincipalName"]!.GetValue<string>().Should().Be(EmulatedEntra.ServiceAccountUpn);
        check["check"]!["organizationDisplayName"]!.GetValue<string>().Should().Be(DemoTenant.DisplayName);

        using var run = await browser.SendAsync(HttpMethod.Post, "/api/connections/contoso/actions/entra.lookup_user", new JsonObject { ["userId"] = DemoTenant.AdeleVanceUpn });
        var result = await run.Content.ReadFromJsonAsync<JsonObject>();
        result!["success"]!.GetValue<bool>().Should().BeTrue(result.ToJsonString());
        result["outputs"]!["id"]!.GetValue<string>().Should().Be(DemoTenant.AdeleVanceId);

        using var gone = await browser.SendAsync(HttpMethod.Delete, "/api/connections/contoso");
        gone.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await browser.Http.GetFromJsonAsync<JsonArray>("/api/connections"))!.Should().BeEmpty();
    }
}
