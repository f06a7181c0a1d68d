using Entra.Actions.Samples.ActionBuilder.Tests.Support;

namespace Entra.Actions.Samples.ActionBuilder.Tests.Browser;

/// <summary>
/// The site the browser tests drive: the emulated tenant (<see cref="EmulatedEntra.CreateEmulator"/>, whose authorize endpoint
/// answers its sign-in page for the app's <c>prompt=select_account</c>), one app node on it, and chromium. Shared by the tests of
/// a class; each test opens its own <see cref="PageSession"/> (a fresh browser context) and uses its own connection name.
/// </summary>
public sealed class ActionBuilderSite : IAsyncLifetime
{
    public EmulatorServer Emulator { get; private set; } = null!;

    public AppNode Node { get; private set; } = null!;

    public Chromium Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The browser first: a missing chromium fails here with the package to install, before anything else is started.
        Chromium = await Chromium.LaunchAsync();
        Emulator = await EmulatorServer.StartAsync(EmulatedEntra.CreateEmulator());
        Node = await AppNode.StartAsync(Emulator);
    }

    /// <summary>Opens a page in a fresh context (1280x800) that keeps its screenshots under <paramref name="testName"/>.</summary>
    public Task<PageSession> OpenAsync(string testName) => PageSession.OpenAsync(Chromium.Browser, Node.Url, testName);

    public async Task DisposeAsync()
    {
        if (Node is not null)
        {
            await Node.DisposeAsync();
        }

        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }

        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }
    }
}
