using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Entra.Actions.Samples.ActionBuilder.Tests.Support;

namespace Entra.Actions.Samples.ActionBuilder.Tests.Api;

public sealed class ConnectRunDisconnectTests : SingleNodeTest
{
    [Fact]
    public async Task ConnectCheckRunDisconnect_OverHttp_Works()
    {
        using var browser = new AdminBrowser(Node.Url);
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

        var result = await AdminFlows.LookupAdeleAsync(browser, "contoso");
        result["success"]!.GetValue<bool>().Should().BeTrue(result.ToJsonString());
        result["outputs"]!["id"]!.GetValue<string>().Should().Be(DemoTenant.AdeleVanceId);

        using var gone = await browser.SendAsync(HttpMethod.Delete, "/api/connections/contoso");
        gone.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await browser.Http.GetFromJsonAsync<JsonArray>("/api/connections"))!.Should().BeEmpty();

        using var afterwards = await browser.Http.GetAsync("/api/connections/contoso");
        afterwards.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var runAfterwards = await browser.SendAsync(HttpMethod.Post, "/api/connections/contoso/actions/entra.lookup_user", new JsonObject { ["userId"] = DemoTenant.AdeleVanceUpn });
        runAfterwards.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var deleteAgain = await browser.SendAsync(HttpMethod.Delete, "/api/connections/contoso");
        deleteAgain.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Check_ConnectedServiceAccount_ShowsTenantAccountPermissionsAndWarnings()
    {
        using var browser = new AdminBrowser(Node.Url);
        await AdminFlows.ConnectAsync(browser, "contoso");

        var json = (await browser.Http.GetFromJsonAsync<JsonObject>("/api/connections/contoso"))!;
        json["name"]!.GetValue<string>().Should().Be("contoso");
        json["connected"]!.GetValue<bool>().Should().BeTrue();
        json["tenantId"]!.GetValue<string>().Should().Be(DemoTenant.TenantId);
        json["displayName"]!.GetValue<string>().Should().Be("Flow Service Account");

        var check = json["check"]!.AsObject();
        check["works"]!.GetValue<bool>().Should().BeTrue(check.ToJsonString());
        check["connectionName"]!.GetValue<string>().Should().Be("contoso");
        check["tenantId"]!.GetValue<string>().Should().Be(DemoTenant.TenantId);
        check["organizationDisplayName"]!.GetValue<string>().Should().Be(DemoTenant.DisplayName);
        Strings(check["verifiedDomains"]).Should().BeEquivalentTo(DemoTenant.Domain, DemoTenant.InitialDomain);
        check["verifiedDomains"]![0]!.GetValue<string>().Should().Be(DemoTenant.Domain, "the default domain comes first");
        check["permissionModel"]!.GetValue<string>().Should().Be("Delegated");
        check["userPrincipalName"]!.GetValue<string>().Should().Be(EmulatedEntra.ServiceAccountUpn);
        check["userObjectId"]!.GetValue<string>().Should().Be(EmulatedEntra.ServiceAccountId);
        check["applicationId"]!.GetValue<string>().Should().Be(EmulatedEntra.ClientId);

        // Granted: the least privilege the actions need, plus User.Read (a sign-in scope, so not excess) for the organization.
        var granted = Strings(check["grantedPermissions"]);
        granted.Should().BeEquivalentTo([.. EntraConnectOptions.DefaultScopes, "User.Read"]);
        Strings(check["excessPermissions"]).Should().BeEmpty();

        var catalog = new EntraActionCatalog();
        var readiness = check["actions"]!.AsArray().Select(a => a!.AsObject()).ToList();
        readiness.Select(a => a["actionId"]!.GetValue<string>()).Should().BeEquivalentTo(catalog.Actions.Select(a => a.Id));
        foreach (var action in readiness)
        {
            var descriptor = catalog.Find(action["actionId"]!.GetValue<string>())!;
            Strings(action["requiredPermissions"]).Should().BeEquivalentTo(descriptor.DelegatedPermissions, descriptor.Id);
            Strings(action["missingPermissions"]).Should().BeEmpty(descriptor.Id);
            action["canRun"]!.GetValue<bool>().Should().BeTrue(descriptor.Id);
        }

        var warnings = check["warnings"]!.AsArray().Select(w => w!["kind"]!.GetValue<string>()).ToList();
        warnings.Should().Contain("DelegatedConnection").And.NotContain("ExcessPermissions").And.NotContain("MissingPermissions");
        check["warnings"]!.AsArray().Single(w => w!["kind"]!.GetValue<string>() == "DelegatedConnection")!["message"]!.GetValue<string>()
            .Should().Contain("service account");
    }

    [Fact]
    public async Task RunAddUserToGroup_DryRunThenForReal_ChangesMembershipOnlyForReal()
    {
        using var browser = new AdminBrowser(Node.Url);
        await AdminFlows.ConnectAsync(browser, "contoso");
        var group = Guid.Parse(DemoTenant.ProjectFalconGroupId);
        var adele = Guid.Parse(DemoTenant.AdeleVanceId);
        EmulatorServer.Emulator.Directory.IsMember(group, adele).Should().BeFalse();

        var dryRun = await AdminFlows.RunAsync(browser, "contoso", "entra.add_user_to_group",
            new JsonObject { ["userId"] = DemoTenant.AdeleVanceUpn, ["groupId"] = DemoTenant.ProjectFalconGroupId, ["dryRun"] = true });
        dryRun["success"]!.GetValue<bool>().Should().BeTrue(dryRun.ToJsonString());
        EmulatorServer.Emulator.Directory.IsMember(group, adele).Should().BeFalse("a dry run changes nothing");

        var real = await AdminFlows.RunAsync(browser, "contoso", "entra.add_user_to_group",
            new JsonObject { ["userId"] = DemoTenant.AdeleVanceUpn, ["groupId"] = DemoTenant.ProjectFalconGroupId });
        real["success"]!.GetValue<bool>().Should().BeTrue(real.ToJsonString());
        EmulatorServer.Emulator.Directory.IsMember(group, adele).Should().BeTrue();
    }

    [Fact]
    public async Task Run_ActionFailsInGraph_AnswersErrorWithKindMessageAndRequestId()
    {
        using var browser = new AdminBrowser(Node.Url);
        await AdminFlows.ConnectAsync(browser, "contoso");
        var missing = Guid.NewGuid().ToString();

        var result = await AdminFlows.RunAsync(browser, "contoso", "entra.lookup_user", new JsonObject { ["userId"] = missing });

        result["success"]!.GetValue<bool>().Should().BeFalse();
        var error = result["error"]!.AsObject();
        error["kind"]!.GetValue<string>().Should().Be("NotFound");
        error["message"]!.GetValue<string>().Should().Contain(missing);
        var requestId = error["requestId"]!.GetValue<string>();
        EmulatorServer.Emulator.Journal.Entries.Should().Contain(e => e.RequestId == requestId && e.StatusCode == 404);
    }

    [Fact]
    public async Task Run_UnknownActionId_AnswersInvalidInputNamingTheKnownActions()
    {
        using var browser = new AdminBrowser(Node.Url);
        await AdminFlows.ConnectAsync(browser, "contoso");

        var result = await AdminFlows.RunAsync(browser, "contoso", "entra.delete_tenant", []);

        result["success"]!.GetValue<bool>().Should().BeFalse();
        result["error"]!["kind"]!.GetValue<string>().Should().Be("InvalidInput");
        result["error"]!["message"]!.GetValue<string>().Should().Contain("entra.delete_tenant").And.Contain("entra.lookup_user");
    }

    [Theory]
    [InlineData("[\"AdeleV@contoso.com\"]")]
    [InlineData("\"AdeleV@contoso.com\"")]
    [InlineData("null")]
    [InlineData("{\"userId\":")]
    [InlineData("")]
    public async Task Run_BodyNotAJsonObject_Answers400(string body)
    {
        using var browser = new AdminBrowser(Node.Url);
        await AdminFlows.ConnectAsync(browser, "contoso");
        var token = await browser.AntiforgeryAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/connections/contoso/actions/entra.lookup_user")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-CSRF-TOKEN", token);

        using var response = await browser.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>().Should().Contain("JSON object");
    }

    [Fact]
    public async Task GetActions_Always_ListsEveryCatalogActionWithSchemas()
    {
        using var browser = new AdminBrowser(Node.Url);

        var actions = (await browser.Http.GetFromJsonAsync<JsonArray>("/api/actions"))!.Select(a => a!.AsObject()).ToList();

        var catalog = new EntraActionCatalog();
        actions.Select(a => a["id"]!.GetValue<string>()).Should().Equal(catalog.Actions.Select(a => a.Id));
        foreach (var action in actions)
        {
            var id = action["id"]!.GetValue<string>();
            action["displayName"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace(id);
            action["inputSchema"]!["type"]!.GetValue<string>().Should().Be("object", id);
            action["outputSchema"]!["type"]!.GetValue<string>().Should().Be("object", id);
            action["inputs"]!.AsArray().Should().NotBeEmpty(id);
            Strings(action["delegatedPermissions"]).Should().Equal(catalog.Find(id)!.DelegatedPermissions, id);
        }

        actions.Single(a => a["id"]!.GetValue<string>() == "entra.add_user_to_group")["isWrite"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task GetConnections_TwoConnected_ListsNamesAndStatus()
    {
        using var browser = new AdminBrowser(Node.Url);
        (await browser.Http.GetFromJsonAsync<JsonArray>("/api/connections"))!.Should().BeEmpty();
        await AdminFlows.ConnectAsync(browser, "contoso");
        await AdminFlows.ConnectAsync(browser, "contoso-adele", DemoTenant.AdeleVanceUpn);

        var list = (await browser.Http.GetFromJsonAsync<JsonArray>("/api/connections"))!.Select(c => c!.AsObject()).ToList();

        list.Select(c => c["name"]!.GetValue<string>()).Should().BeEquivalentTo("contoso", "contoso-adele");
        list.Should().OnlyContain(c => c["connected"]!.GetValue<bool>());
        list.Single(c => c["name"]!.GetValue<string>() == "contoso-adele")["userPrincipalName"]!.GetValue<string>().Should().Be(DemoTenant.AdeleVanceUpn);
        list.Should().OnlyContain(c => !c.ContainsKey("refreshToken") && !c.ContainsKey("accessToken"));
    }

    private static List<string> Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];
}
