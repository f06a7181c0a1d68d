using System.Net;
using System.Text.Json.Nodes;
using Entra.Actions.Samples.ActionBuilder.Tests.Support;

namespace Entra.Actions.Samples.ActionBuilder.Tests.Api;

/// <summary>State-changing requests need this browser session's antiforgery token; names are checked before anything happens.</summary>
public sealed class AntiforgeryTests : SingleNodeTest
{
    [Fact]
    public async Task StateChangingRequests_WithoutToken_Answer400AndChangeNothing()
    {
        using var admin = new AdminBrowser(Node.Url);
        await AdminFlows.ConnectAsync(admin, "contoso");
        var group = Guid.Parse(DemoTenant.ProjectFalconGroupId);
        var adele = Guid.Parse(DemoTenant.AdeleVanceId);
        var graphCalls = EmulatorServer.Emulator.Journal.Count;

        using (var connect = await admin.SendAsync(HttpMethod.Post, "/api/connections/other/connect", withToken: false))
        {
            connect.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await connect.Content.ReadAsStringAsync()).Should().Contain("X-CSRF-TOKEN").And.NotContain("authorizationUrl");
        }

        using (var run = await admin.SendAsync(HttpMethod.Post, "/api/connections/contoso/actions/entra.add_user_to_group", AddAdele(), withToken: false))
        {
            run.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        using (var delete = await admin.SendAsync(HttpMethod.Delete, "/api/connections/contoso", withToken: false))
        {
            delete.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        EmulatorServer.Emulator.Directory.IsMember(group, adele).Should().BeFalse();
        EmulatorServer.Emulator.Journal.Count.Should().Be(graphCalls, "a refused request reaches neither the authority nor Graph");
        (await AdminFlows.ConnectionNamesAsync(admin)).Should().Equal("contoso");
    }

    [Fact]
    public async Task StateChangingRequests_WithAnotherSessionsToken_Answer400AndChangeNothing()
    {
        using var admin = new AdminBrowser(Node.Url);
        await AdminFlows.ConnectAsync(admin, "contoso");
        using var other = new AdminBrowser(Node.Url);
        var othersToken = await other.AntiforgeryAsync();

        foreach (var (method, path, body) in new (HttpMethod, string, JsonNode?)[]
        {
            (HttpMethod.Post, "/api/connections/other/connect", null),
            (HttpMethod.Post, "/api/connections/contoso/actions/entra.add_user_to_group", AddAdele()),
            (HttpMethod.Delete, "/api/connections/contoso", null),
        })
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body) };
            request.Headers.Add("X-CSRF-TOKEN", othersToken);
            using var response = await admin.Http.SendAsync(request);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"{method} {path}");
        }

        EmulatorServer.Emulator.Directory.IsMember(Guid.Parse(DemoTenant.ProjectFalconGroupId), Guid.Parse(DemoTenant.AdeleVanceId)).Should().BeFalse();
        (await AdminFlows.ConnectionNamesAsync(admin)).Should().Equal("contoso");
    }

    [Fact]
    public async Task StateChangingRequests_WithGarbageToken_Answer400()
    {
        using var admin = new AdminBrowser(Node.Url);
        await admin.AntiforgeryAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/connections/contoso/connect");
        request.Headers.Add("X-CSRF-TOKEN", "not-a-token");

        using var response = await admin.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("a%20b")]
    [InlineData("%2E%2E")]
    [InlineData("..")]
    [InlineData("a%2Fb")]
    [InlineData("caf%C3%A9")]
    [InlineData("a;b")]
    [InlineData("65")]
    public async Task Connect_InvalidName_Answers400Or404AndCreatesNothing(string name)
    {
        if (name == "65")
        {
            name = new string('a', 65);
        }

        using var admin = new AdminBrowser(Node.Url);
        var authorityCalls = EmulatorServer.Emulator.Journal.Count;

        using var connect = await admin.SendAsync(HttpMethod.Post, $"/api/connections/{name}/connect");
        using var check = await admin.Http.GetAsync($"/api/connections/{name}");
        using var run = await admin.SendAsync(HttpMethod.Post, $"/api/connections/{name}/actions/entra.lookup_user", new JsonObject { ["userId"] = DemoTenant.AdeleVanceUpn });
        using var delete = await admin.SendAsync(HttpMethod.Delete, $"/api/connections/{name}");

        ((int)connect.StatusCode).Should().BeOneOf([400, 404, 405], name);
        if (name.Length == 65 || name == "a%20b")
        {
            connect.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a name the route accepts is checked before the sign-in starts");
        }

        ((int)check.StatusCode).Should().BeOneOf([400, 404], name);
        ((int)run.StatusCode).Should().BeOneOf([400, 404, 405], name);
        ((int)delete.StatusCode).Should().BeOneOf([400, 404, 405], name);
        (await AdminFlows.ConnectionNamesAsync(admin)).Should().BeEmpty();
        EmulatorServer.Emulator.Journal.Count.Should().Be(authorityCalls);
    }

    [Fact]
    public async Task Connect_NameOf64Characters_Accepted()
    {
        using var admin = new AdminBrowser(Node.Url);

        var authorize = await admin.BeginConnectAsync(new string('a', 64));

        authorize.AbsolutePath.Should().EndWith("/oauth2/v2.0/authorize");
    }

    private static JsonObject AddAdele() => new() { ["userId"] = DemoTenant.AdeleVanceUpn, ["groupId"] = DemoTenant.ProjectFalconGroupId };
}
