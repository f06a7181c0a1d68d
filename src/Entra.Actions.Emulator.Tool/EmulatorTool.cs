using System.Text.Json;

namespace Entra.Actions.Emulator.Tool;

/// <summary>The standalone emulator's run: parse, load the tenant, serve until asked to stop, then dispose the server.</summary>
internal static class EmulatorTool
{
    /// <summary>Runs the emulator.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="output">Where the banner and help go.</param>
    /// <param name="error">Where the one-line errors go.</param>
    /// <param name="stopRequested">Completes when the server should stop.</param>
    /// <returns>The exit code: 0 stopped or help shown, 1 could not start, 2 bad argument or seed file.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, Task stopRequested)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(stopRequested);
        var commandLine = EmulatorCommandLine.Parse(args);
        if (commandLine.ShowHelp)
        {
            await output.WriteLineAsync(EmulatorCommandLine.HelpText).ConfigureAwait(false);
            return 0;
        }

        if (commandLine.Error is { } usage)
        {
            await error.WriteLineAsync(usage).ConfigureAwait(false);
            return EmulatorCommandLine.UsageError;
        }

        EmulatedDirectory directory;
        try
        {
            directory = commandLine.SeedFile is { } seed ? EmulatedDirectory.FromJsonFile(seed) : DemoTenant.Create();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            var reason = ex is JsonException ? $"not a valid tenant file: {OneLine(ex.Message)}" : OneLine(ex.Message);
            await error.WriteLineAsync($"--seed '{commandLine.SeedFile}': {reason}").ConfigureAwait(false);
            return EmulatorCommandLine.UsageError;
        }

        EmulatorServer server;
        try
        {
            server = await EmulatorServer.StartAsync(new GraphEmulator(directory, commandLine.CreateOptions()), commandLine.Port).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await error.WriteLineAsync($"--port {commandLine.Port}: cannot listen on 127.0.0.1:{commandLine.Port} ({OneLine(ex.Message)})").ConfigureAwait(false);
            return EmulatorCommandLine.StartError;
        }

        await using (server.ConfigureAwait(false))
        {
            await output.WriteLineAsync(EmulatorBanner.Create(server, commandLine.SeedFile)).ConfigureAwait(false);
            await stopRequested.ConfigureAwait(false);
        }

        await output.WriteLineAsync("Stopped.").ConfigureAwait(false);
        return 0;
    }

    // A message can span lines (a JSON error quotes the text it choked on); the error stays one line with all of it.
    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
