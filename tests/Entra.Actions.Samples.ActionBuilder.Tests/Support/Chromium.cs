using Microsoft.Playwright;

namespace Entra.Actions.Samples.ActionBuilder.Tests.Support;

/// <summary>
/// Debian's <c>chromium</c> package driven by Playwright (headless). Playwright cannot download its own browser on these machines,
/// so it is launched by path; a missing chromium fails the tests with the package to install, it never skips them.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    /// <summary>Where Debian's package installs the browser.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    /// <summary>The running browser; give every test its own context (cookies, storage).</summary>
    public IBrowser Browser { get; }

    /// <summary>Starts Playwright's driver and launches chromium.</summary>
    /// <returns>The running browser.</returns>
    public static Task<Chromium> LaunchAsync() => LaunchAsync(ExecutablePath);

    /// <summary>Launches the chromium at <paramref name="executablePath"/>.</summary>
    /// <param name="executablePath">The browser's path.</param>
    /// <returns>The running browser.</returns>
    internal static async Task<Chromium> LaunchAsync(string executablePath)
    {
        if (!File.Exists(executablePath))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {executablePath}. The browser tests drive Debian's chromium package (Playwright cannot download " +
                "its own browser here). Install it: apt-get install -y chromium (.ci/run does this when it is missing).");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = executablePath, Headless = true });
            return new Chromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
