using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Entra.Actions.Samples.ActionBuilder.Tests.Browser;

/// <summary>
/// The action builder's page in chromium, against the emulated tenant: connect a service account through the emulator's sign-in
/// page, see the connection's details and the step sidebar, run actions (a write once as a dry run), disconnect. Each stage is saved
/// as a PNG under <see cref="ScreenshotFolders.Root"/>.
/// </summary>
public sealed class ActionBuilderPageTests : IClassFixture<ActionBuilderSite>
{
    private const string LookupUser = "entra.lookup_user";
    private const string AddUserToGroup = "entra.add_user_to_group";

    private readonly ActionBuilderSite _site;
    private readonly EntraActionCatalog _catalog;

    public ActionBuilderPageTests(ActionBuilderSite site)
    {
        _site = site;
        _catalog = site.Node.App.Services.GetRequiredService<EntraActionCatalog>();

        // The machine is shared with parallel builds: give the page time, but still fail on what never shows.
        SetDefaultExpectTimeout(30_000);
    }

    [Fact]
    public async Task ConnectRunDisconnect_ServiceAccountPickedOnSignInPage_ShowsEveryStage()
    {
        await using var session = await _site.OpenAsync(nameof(ConnectRunDisconnect_ServiceAccountPickedOnSignInPage_ShowsEveryStage));
        var page = session.Page;
        var directory = _site.Emulator.Emulator.Directory;
        var group = Guid.Parse(DemoTenant.ProjectFalconGroupId);
        var adele = Guid.Parse(DemoTenant.AdeleVanceId);
        directory.IsMember(group, adele).Should().BeFalse("Project Falcon starts empty");

        await page.GotoAsync("/");
        await Expect(page.GetByTestId("actions").Locator("button")).ToHaveCountAsync(_catalog.Actions.Count);
        foreach (var action in _catalog.Actions)
        {
            var button = page.GetByTestId($"action-{action.Id}");
            await Expect(button.Locator("strong")).ToHaveTextAsync(action.DisplayName);
            await Expect(button.Locator("span")).ToHaveTextAsync(action.Description);
        }

        await session.ScreenshotAsync("page");

        // Connect: the page asks the backend for the authorization URL and goes there; the emulator answers its sign-in page.
        await ConnectAsync(session, "contoso");
        await Expect(page.Locator("[data-scope$='GroupMember.ReadWrite.All']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-scope$='User.Read.All']")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("tenant")).ToHaveTextAsync(DemoTenant.DisplayName);
        await Expect(page.GetByTestId("app-name")).ToHaveTextAsync(AppName());
        await page.GetByTestId($"account-{EmulatedEntra.ServiceAccountId}").CheckAsync();
        await session.ScreenshotAsync("sign-in");
        await page.GetByTestId("accept").ClickAsync();
        await WaitForAppAsync(page);

        await Expect(page.GetByTestId("status")).ToHaveTextAsync("Connected");
        await Expect(page.GetByTestId("status")).ToHaveClassAsync("badge ok");
        await Expect(page.GetByTestId("tenant")).ToHaveTextAsync($"{DemoTenant.DisplayName} ({DemoTenant.TenantId})");
        await Expect(page.GetByTestId("domains")).ToContainTextAsync(DemoTenant.Domain);
        await Expect(page.GetByTestId("account")).ToContainTextAsync(EmulatedEntra.ServiceAccountUpn);
        await Expect(page.GetByTestId("granted")).ToContainTextAsync("GroupMember.ReadWrite.All");
        await Expect(page.GetByTestId("warnings")).ToContainTextAsync("dedicated service account");
        await Expect(page.GetByTestId("excess")).ToHaveTextAsync("none");
        await Expect(page.GetByTestId("readiness").Locator("tbody tr")).ToHaveCountAsync(_catalog.Actions.Count);
        await Expect(page.GetByTestId("readiness")).Not.ToContainTextAsync("missing");
        await Expect(page.GetByTestId("connection-contoso")).ToContainTextAsync(EmulatedEntra.ServiceAccountUpn);
        await session.ScreenshotAsync("connected");

        // Lookup user: a read, no dry-run switch.
        await ChooseAsync(page, LookupUser);
        await Expect(page.GetByTestId("dry-run")).ToBeHiddenAsync();
        await page.GetByTestId("input-userId").FillAsync(DemoTenant.AdeleVanceUpn);
        await page.GetByTestId("run").ClickAsync();
        await Expect(page.GetByTestId("output")).ToContainTextAsync(DemoTenant.AdeleVanceId);
        await Expect(page.Locator("#result-title")).ToHaveTextAsync("Output");
        (await OutputAsync(page))["id"]!.GetValue<string>().Should().Be(DemoTenant.AdeleVanceId);
        await session.ScreenshotAsync("lookup-user");

        // The README's picture (docs/images/action-builder.png is a copy of this file): connected, with an action's output.
        var readmeImage = await session.ViewportScreenshotAsync("readme-action-builder.png");

        // Add user to group, first as a dry run: the output says what would happen and the directory is unchanged.
        await ChooseAsync(page, AddUserToGroup);
        await page.GetByTestId("input-userId").FillAsync(DemoTenant.AdeleVanceUpn);
        await page.GetByTestId("input-groupId").FillAsync(DemoTenant.ProjectFalconGroupId);
        await page.GetByTestId("dry-run").CheckAsync();
        await page.GetByTestId("run").ClickAsync();
        await Expect(page.GetByTestId("output")).ToContainTextAsync("\"isDryRun\": true");
        var dryRun = await OutputAsync(page);
        dryRun["outcome"]!.GetValue<string>().Should().Be("Added");
        dryRun["changed"]!.GetValue<bool>().Should().BeFalse();
        directory.IsMember(group, adele).Should().BeFalse("a dry run writes nothing");
        await session.ScreenshotAsync("add-user-dry-run");

        // Then for real.
        await page.GetByTestId("dry-run").UncheckAsync();
        await page.GetByTestId("run").ClickAsync();
        await Expect(page.GetByTestId("output")).ToContainTextAsync("\"isDryRun\": false");
        var added = await OutputAsync(page);
        added["outcome"]!.GetValue<string>().Should().Be("Added");
        added["changed"]!.GetValue<bool>().Should().BeTrue();
        added["memberId"]!.GetValue<string>().Should().Be(DemoTenant.AdeleVanceId);
        directory.IsMember(group, adele).Should().BeTrue();
        await session.ScreenshotAsync("add-user");

        await page.GetByTestId("disconnect").ClickAsync();
        await Expect(page.GetByTestId("notice")).ToHaveTextAsync("Disconnected contoso.");
        await Expect(page.GetByTestId("details")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("connection-contoso")).ToHaveCountAsync(0);
        (await ConnectionAsync("contoso")).Should().BeNull("the tokens are gone from the store");
        await session.ScreenshotAsync("disconnected");

        session.Screenshots.Select(Path.GetFileName).Should().Equal(
            "01-page.png", "02-sign-in.png", "03-connected.png", "04-lookup-user.png", "05-add-user-dry-run.png", "06-add-user.png", "07-disconnected.png");
        session.Screenshots.Should().AllSatisfy(AssertPng);
        AssertPng(readmeImage);
        session.Problems.Should().BeEmpty();
    }

    [Fact]
    public async Task Connect_CancelOnSignInPage_ReturnsWithErrorAndNoConnection()
    {
        await using var session = await _site.OpenAsync(nameof(Connect_CancelOnSignInPage_ReturnsWithErrorAndNoConnection));
        var page = session.Page;

        await page.GotoAsync("/");
        await ConnectAsync(session, "declined");
        await session.ScreenshotAsync("sign-in");
        await page.GetByTestId("cancel").ClickAsync();
        await WaitForAppAsync(page);

        await Expect(page.GetByTestId("notice")).ToContainTextAsync("Connect failed");
        await Expect(page.GetByTestId("notice")).ToContainTextAsync("access_denied");
        await Expect(page.GetByTestId("notice")).ToContainTextAsync("User declined");
        await Expect(page.GetByTestId("notice")).ToHaveClassAsync("notice error");
        await Expect(page.GetByTestId("connection-declined")).ToHaveCountAsync(0);
        page.Url.Should().Be(_site.Node.Url.AbsoluteUri, "the page drops the error from its address once shown");
        (await ConnectionAsync("declined")).Should().BeNull();
        await session.ScreenshotAsync("cancelled");

        session.Screenshots.Should().HaveCount(2).And.AllSatisfy(AssertPng);
        session.Problems.Should().BeEmpty();
    }

    [Fact]
    public async Task Page_EveryFormRunAndError_ContentSecurityPolicyBlocksNothingAndNoScriptFails()
    {
        await using var session = await _site.OpenAsync(nameof(Page_EveryFormRunAndError_ContentSecurityPolicyBlocksNothingAndNoScriptFails));
        var page = session.Page;

        await page.GotoAsync("/");
        await ConnectAsync(session, "csp-check");
        await page.GetByTestId($"account-{EmulatedEntra.ServiceAccountId}").CheckAsync();
        await page.GetByTestId("accept").ClickAsync();
        await WaitForAppAsync(page);
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("Connected");

        // Every action's form is generated from its input schema (the dry-run flag is the switch, not a field).
        foreach (var action in _catalog.Actions)
        {
            await ChooseAsync(page, action.Id);
            var fields = await page.Locator("#inputs [name]").EvaluateAllAsync<string[]>("fields => fields.map(f => f.name)");
            fields.Should().BeEquivalentTo(action.Inputs.Select(i => i.Name).Where(n => n != "dryRun"), action.Id);
            await Expect(page.GetByTestId("dry-run")).ToBeVisibleAsync(new() { Visible = action.Inputs.Any(i => i.Name == "dryRun") });
        }

        // A failed run shows the error's kind, message and Graph request id.
        await ChooseAsync(page, LookupUser);
        await page.GetByTestId("input-userId").FillAsync("nobody@contoso.com");
        await page.GetByTestId("run").ClickAsync();
        await Expect(page.Locator("#result-title")).ToHaveTextAsync("Error");
        await Expect(page.GetByTestId("error-kind")).ToHaveTextAsync("NotFound");
        await Expect(page.GetByTestId("error-message")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("error-request-id")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f-]{36}$"));
        await session.ScreenshotAsync("run-error");

        await page.GetByTestId("disconnect").ClickAsync();
        await Expect(page.GetByTestId("notice")).ToHaveTextAsync("Disconnected csp-check.");
        session.Problems.Should().BeEmpty("the page, its scripts and the sign-in round trip must run under their Content Security Policies");

        // The watcher is not blind: an inline script, which the page's policy forbids, is reported.
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1'; document.body.append(s); }");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!session.Problems.Any(IsScriptViolation) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        session.Problems.Should().Contain(p => IsScriptViolation(p));
        (await page.EvaluateAsync<bool>("() => window.injected === 1")).Should().BeFalse();
    }

    private static bool IsScriptViolation(string problem) => problem.Contains("CSP violation: script-src", StringComparison.Ordinal);

    /// <summary>Names the connection, clicks Connect and waits for the emulator's sign-in page.</summary>
    private async Task ConnectAsync(PageSession session, string name)
    {
        var page = session.Page;
        await Expect(page.GetByTestId("actions").Locator("button")).ToHaveCountAsync(_catalog.Actions.Count);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.GetByLabel("Connection name").FillAsync(name);
        await page.GetByTestId("connect").ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(_site.Emulator.BaseUrl.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal));
        await Expect(page.GetByTestId("sign-in-form")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("accept")).ToBeVisibleAsync();
    }

    /// <summary>Waits until the authorize redirect and the app's callback have brought the browser back to the page.</summary>
    private Task WaitForAppAsync(IPage page) =>
        page.WaitForURLAsync(url => url.StartsWith(_site.Node.Url.AbsoluteUri, StringComparison.Ordinal));

    private static async Task ChooseAsync(IPage page, string actionId)
    {
        await page.GetByTestId($"action-{actionId}").ClickAsync();
        await Expect(page.Locator("#run-description")).ToContainTextAsync(actionId);
    }

    /// <summary>What the sign-in page calls the app: its registration's display name, else its client id.</summary>
    private string AppName()
    {
        var client = _site.Emulator.Emulator.Authority.Clients.Single(c => c.ClientId == EmulatedEntra.ClientId);
        return client.DisplayName ?? client.ClientId;
    }

    private static async Task<JsonObject> OutputAsync(IPage page) =>
        JsonNode.Parse(await page.GetByTestId("output").TextContentAsync() ?? string.Empty)!.AsObject();

    private Task<EntraConnectedAccount?> ConnectionAsync(string name) =>
        _site.Node.App.Services.GetRequiredService<IEntraConnectFlow>().GetConnectionAsync(name);

    private static void AssertPng(string path)
    {
        var file = new FileInfo(path);
        file.Exists.Should().BeTrue(path);
        file.Length.Should().BeGreaterThan(1000, path);
        using var stream = file.OpenRead();
        var header = new byte[8];
        stream.ReadExactly(header);
        header.Should().Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], path);
    }
}
