using System.Text.Json.Nodes;
using Entra.Actions.Emulator.Tests.Support;

namespace Entra.Actions.Emulator.Tests.Hosting;

/// <summary>The loopback host answers exactly like the in-process handler.</summary>
public class KestrelHostTests
{
    public static TheoryData<string, string, string?> Requests => new()
    {
        { "GET", $"v1.0/users/{DemoTenant.AdeleVanceId}", null },
        { "GET", "v1.0/users/jane.doe_fabrikam.com%23EXT%23@contoso.onmicrosoft.com?$select=displayName", null },
        { "GET", "v1.0/users('AdeleV@contoso.com')", null },
        { "GET", $"v1.0/groups/{DemoTenant.HrTaskforceGroupId}", null },
        { "GET", "v1.0/groups/not-a-guid", null },
        { "GET", $"v1.0/groups/{DemoTenant.AllCompanyGroupId}/members?$top=3&$select=id", null },
        { "POST", $"v1.0/groups/{DemoTenant.DynamicGroupId}/members/$ref", $$"""{"@odata.id":"https://graph.microsoft.com/v1.0/directoryObjects/{{DemoTenant.AdeleVanceId}}"}""" },
        { "POST", $"v1.0/groups/{DemoTenant.ProjectFalconGroupId}/members/$ref", $$"""{"@odata.id":"https://graph.microsoft.com/v1.0/directoryObjects/{{DemoTenant.AdeleVanceId}}"}""" },
        { "DELETE", $"v1.0/groups/{DemoTenant.HrTaskforceGroupId}/members/{DemoTenant.AdeleVanceId}/$ref", null },
        { "POST", "v1.0/$batch", $$"""{"requests":[{"id":"1","method":"GET","url":"/users/{{DemoTenant.AdeleVanceId}}"},{"id":"2","method":"GET","url":"/users/x@y.z","dependsOn":["1"]}]}""" },
        { "GET", "v1.0/nothing", null },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Request_KestrelAndInProcess_AnswerIdentically(string method, string path, string? body)
    {
        var inProcess = Emulators.Demo();
        await using var server = await EmulatorServer.StartAsync(Emulators.Demo());
        var token = EmulatorTokens.CreateApplication(Api.ReadWrite);
        var local = new Api(inProcess.CreateHandler(), token);
        var remote = new Api(new SocketsHttpHandler(), token, server.BaseUrl.GetLeftPart(UriPartial.Authority) + "/");

        var a = await local.SendAsync(new HttpMethod(method), path, body);
        var b = await remote.SendAsync(new HttpMethod(method), path, body);

        b.Status.Should().Be(a.Status);
        b.ContentType.Should().Be(a.ContentType);
        Normalize(b.Body, server.BaseUrl).Should().Be(Normalize(a.Body, new Uri(GraphEmulator.InProcessBaseUrl)));
        foreach (var header in new[] { "x-ms-resource-unit", "Cache-Control", "OData-Version" })
        {
            b.Header(header).Should().Be(a.Header(header), header);
        }

        b.Header("request-id").Should().NotBeNullOrEmpty();
        b.Header("client-request-id").Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Throttled_KestrelAndInProcess_AnswerIdentically()
    {
        static GraphEmulator Throttled()
        {
            var time = new ManualTimeProvider();
            var emulator = new GraphEmulator(DemoTenant.Create(), new GraphEmulatorOptions { TimeProvider = time });
            emulator.Options.Throttling.ResourceUnitQuota = 3;
            return emulator;
        }

        var inProcess = Throttled();
        await using var server = await EmulatorServer.StartAsync(Throttled());
        var token = EmulatorTokens.CreateApplication(Api.ReadWrite);
        var local = new Api(inProcess.CreateHandler(), token);
        var remote = new Api(new SocketsHttpHandler(), token, server.BaseUrl.GetLeftPart(UriPartial.Authority) + "/");
        var path = $"v1.0/groups/{DemoTenant.AllCompanyGroupId}/members";

        await local.GetAsync(path);
        await remote.GetAsync(path);
        var a = await local.GetAsync(path);
        var b = await remote.GetAsync(path);

        a.Status.Should().Be(429);
        b.Status.Should().Be(a.Status);
        b.ContentType.Should().Be(a.ContentType);
        Normalize(b.Body, server.BaseUrl).Should().Be(Normalize(a.Body, new Uri(GraphEmulator.InProcessBaseUrl)));
        foreach (var header in new[] { "Retry-After", "x-ms-throttle-scope", "x-ms-throttle-information", "x-ms-resource-unit", "Cache-Control" })
        {
            b.Header(header).Should().NotBeNull(header).And.Be(a.Header(header), header);
        }
    }

    [Fact]
    public async Task NoContent_KestrelAndInProcess_AnswerIdentically()
    {
        var inProcess = Emulators.Demo();
        await using var server = await EmulatorServer.StartAsync(Emulators.Demo());
        var token = EmulatorTokens.CreateApplication(Api.ReadWrite);
        var path = $"v1.0/groups/{DemoTenant.HrTaskforceGroupId}/members/{DemoTenant.MeganBowenId}/$ref";

        var a = await new Api(inProcess.CreateHandler(), token).DeleteAsync(path);
        var b = await new Api(new SocketsHttpHandler(), token, server.BaseUrl.GetLeftPart(UriPartial.Authority) + "/").DeleteAsync(path);

        a.Status.Should().Be(204);
        b.Status.Should().Be(204);
        a.Body.Should().BeEmpty();
        b.Body.Should().BeEmpty();
        b.ContentType.Should().Be(a.ContentType);
        foreach (var header in new[] { "x-ms-resource-unit", "Cache-Control" })
        {
            b.Header(header).Should().Be(a.Header(header), header);
        }
    }

    [Fact]
    public async Task StartAsync_PortZero_ServesOnLoopbackWithV10Base()
    {
        await using var server = await EmulatorServer.StartAsync(port: 0);

        server.BaseUrl.Host.Should().Be("127.0.0.1");
        server.BaseUrl.AbsolutePath.Should().Be("/v1.0");
        server.Port.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task DropConnection_Kestrel_ClientSeesHttpRequestException()
    {
        await using var server = await EmulatorServer.StartAsync(Emulators.Demo());
        server.Emulator.Faults.DropConnection();
        var api = new Api(new SocketsHttpHandler(), EmulatorTokens.CreateApplication(Api.ReadWrite), server.BaseUrl.GetLeftPart(UriPartial.Authority) + "/");

        var act = () => api.GetAsync($"v1.0/users/{DemoTenant.AdeleVanceId}");

        await act.Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task GraphSdk_OverKestrel_LooksUpAndAddsMember()
    {
        await using var server = await EmulatorServer.StartAsync(Emulators.Demo());
        var graph = Emulators.Graph(new SocketsHttpHandler(), server.BaseUrl.ToString(), EmulatorCredential.ForApplication(Api.ReadWrite));

        var user = await graph.Users[DemoTenant.GuestUserUpn].GetAsync();
        await graph.Groups[DemoTenant.ProjectFalconGroupId].Members.Ref.PostAsync(new Microsoft.Graph.Models.ReferenceCreate { OdataId = Emulators.Ref(user!.Id!) });

        server.Emulator.Directory.IsMember(Guid.Parse(DemoTenant.ProjectFalconGroupId), Guid.Parse(DemoTenant.GuestUserId)).Should().BeTrue();
        server.Emulator.Journal.Entries[0].HasAuthorization.Should().BeTrue();
        server.Emulator.Journal.Entries[0].RawPath.Should().Contain("%23EXT%23");
    }

    private static string Normalize(string body, Uri baseUrl)
    {
        if (string.IsNullOrEmpty(body) || !body.StartsWith('{'))
        {
            return body;
        }

        var json = JsonNode.Parse(body.Replace(baseUrl.GetLeftPart(UriPartial.Authority), "BASE", StringComparison.Ordinal))!;
        Strip(json);
        return json.ToJsonString();
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in new[] { "date", "request-id", "client-request-id" })
                {
                    o.Remove(key);
                }

                foreach (var child in o.Select(p => p.Value).ToList())
                {
                    Strip(child);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Strip(child);
                }

                break;
        }
    }
}
