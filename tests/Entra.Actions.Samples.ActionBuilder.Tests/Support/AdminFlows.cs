using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Entra.Actions.Samples.ActionBuilder.Tests.Support;

/// <summary>The steps an admin takes over the HTTP API, shared by the API and the two-node tests.</summary>
internal static class AdminFlows
{
    /// <summary>Connects <paramref name="name"/> as <paramref name="account"/> (default: the dedicated service account).</summary>
    public static async Task ConnectAsync(AdminBrowser browser, string name, string account = EmulatedEntra.ServiceAccountUpn)
    {
        var authorize = await browser.BeginConnectAsync(name);
        var callback = await AdminBrowser.SignInAsUserAsync(authorize, account);
        using var back = await browser.Http.GetAsync(callback);
        back.StatusCode.Should().Be(HttpStatusCode.Redirect, await back.Content.ReadAsStringAsync());
        back.Headers.Location!.OriginalString.Should().Be("/?connected=" + name);
    }

    /// <summary>Runs an action and reads its invocation result.</summary>
    public static async Task<JsonObject> RunAsync(AdminBrowser browser, string name, string actionId, JsonObject inputs)
    {
        using var run = await browser.SendAsync(HttpMethod.Post, $"/api/connections/{name}/actions/{actionId}", inputs);
        run.StatusCode.Should().Be(HttpStatusCode.OK, await run.Content.ReadAsStringAsync());
        return (await run.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Looks Adele Vance up and returns the result.</summary>
    public static Task<JsonObject> LookupAdeleAsync(AdminBrowser browser, string name) =>
        RunAsync(browser, name, "entra.lookup_user", new JsonObject { ["userId"] = DemoTenant.AdeleVanceUpn });

    /// <summary>The names of the connections the node lists.</summary>
    public static async Task<IReadOnlyList<string>> ConnectionNamesAsync(AdminBrowser browser)
    {
        var list = await browser.Http.GetFromJsonAsync<JsonArray>("/api/connections");
        return [.. list!.Select(c => c!["name"]!.GetValue<string>())];
    }

    /// <summary>The state query value of an authorization or callback URL.</summary>
    public static string QueryValue(Uri url, string name) =>
        url.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).First(p => p[0] == name)[1] is var v ? Uri.UnescapeDataString(v) : string.Empty;
}
