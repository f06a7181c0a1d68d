namespace Entra.Actions.Emulator.Tool;

/// <summary>The <c>entra-emulator</c> command.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        using var shutdown = new ShutdownSignal();
        return await EmulatorTool.RunAsync(args, Console.Out, Console.Error, shutdown.Requested).ConfigureAwait(false);
    }
}
