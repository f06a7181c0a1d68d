namespace Entra.Actions.Samples.ActionBuilder.Tests.Support;

/// <summary>The base of the API tests: a fresh emulator (demo tenant plus the service account) and one app node on it, per test.</summary>
public abstract class SingleNodeTest : IAsyncLifetime
{
    /// <summary>The emulator on loopback.</summary>
    protected EmulatorServer EmulatorServer { get; private set; } = null!;

    /// <summary>The app node.</summary>
    protected AppNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        EmulatorServer = await EmulatorServer.StartAsync(EmulatedEntra.CreateEmulator());
        Node = await AppNode.StartAsync(EmulatorServer);
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        await EmulatorServer.DisposeAsync();
    }
}
