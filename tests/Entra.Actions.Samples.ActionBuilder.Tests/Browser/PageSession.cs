using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Entra.Actions.Samples.ActionBuilder.Tests.Browser;

/// <summary>
/// One admin's browser tab on the action builder: its own context (cookies), every console error, uncaught script error, CSP
/// violation and failed request it saw (<see cref="Problems"/>), and the screenshots it took (<see cref="ScreenshotAsync"/>).
/// </summary>
public sealed class PageSession : IAsyncDisposable
{
    // Reported to the console by the page itself for every Content Security Policy violation (Chromium also logs a
    // "Refused to ..." error); the init script is injected by the browser, so the page's own CSP does not block it.
    private const string ReportViolations = """
        document.addEventListener('securitypolicyviolation', (e) =>
          console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} in ${e.sourceFile || document.location.href}`));
        """;

    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly List<string> _screenshots = [];

    private PageSession(IBrowserContext context, IPage page, string screenshotFolder)
    {
        _context = context;
        Page = page;
        ScreenshotFolder = screenshotFolder;
        page.Console += (_, message) =>
        {
            if (message.Type is "error")
            {
                _problems.Enqueue($"console error: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => _problems.Enqueue($"script error: {error}");
        page.RequestFailed += (_, request) =>
        {
            // A request still running when the page navigates (Connect leaves for the sign-in page) is aborted, not failed.
            if (request.Failure != "net::ERR_ABORTED")
            {
                _problems.Enqueue($"request failed: {request.Method} {request.Url}: {request.Failure}");
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Where this test's screenshots go: <c>{test output}/TestResults/screenshots/{test}</c>.</summary>
    public string ScreenshotFolder { get; }

    /// <summary>Console errors, script errors, CSP violations and failed requests, in order.</summary>
    public IReadOnlyCollection<string> Problems => _problems;

    /// <summary>The screenshots taken so far, in order.</summary>
    public IReadOnlyList<string> Screenshots => _screenshots;

    public static async Task<PageSession> OpenAsync(IBrowser browser, Uri baseUrl, string testName)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = baseUrl.AbsoluteUri, ViewportSize = new() { Width = 1280, Height = 800 } });
        try
        {
            await context.AddInitScriptAsync(ReportViolations);
            var page = await context.NewPageAsync();
            return new PageSession(context, page, ScreenshotFolders.For(testName));
        }
        catch
        {
            await context.DisposeAsync();
            throw;
        }
    }

    /// <summary>Saves the whole page as <c>NN-stage.png</c> in <see cref="ScreenshotFolder"/>.</summary>
    public async Task<string> ScreenshotAsync(string stage)
    {
        var path = Path.Combine(ScreenshotFolder, $"{_screenshots.Count + 1:D2}-{stage}.png");
        await Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        _screenshots.Add(path);
        return path;
    }

    /// <summary>Saves what the 1280x800 viewport shows as <paramref name="fileName"/> in <see cref="ScreenshotFolder"/> (a small image for docs).</summary>
    public async Task<string> ViewportScreenshotAsync(string fileName)
    {
        var path = Path.Combine(ScreenshotFolder, fileName);
        await Page.ScreenshotAsync(new() { Path = path });
        return path;
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
