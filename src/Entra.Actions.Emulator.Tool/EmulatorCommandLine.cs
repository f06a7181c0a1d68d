using System.Globalization;

namespace Entra.Actions.Emulator.Tool;

/// <summary>
/// The standalone emulator's command line: <see cref="Parse"/> turns the arguments into settings, a request for help,
/// or one line saying which option is wrong and why.
/// </summary>
internal sealed class EmulatorCommandLine
{
    /// <summary>The port served when <c>--port</c> is not given.</summary>
    public const int DefaultPort = 5195;

    /// <summary>Exit code for a bad argument or an unusable seed file.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code for a server that could not start (for example, the port is in use).</summary>
    public const int StartError = 1;

    /// <summary>The <c>--help</c> text: every option on one line, then the exit codes.</summary>
    public const string HelpText = """
        Usage: entra-emulator [options]

        Serves an emulated Microsoft Graph v1.0 directory and its sign-in endpoints on http://127.0.0.1:<port>.

        Options:
          --port <n>               Port to listen on, 0-65535 (default 5195; 0 picks a free port).
          --seed <tenant.json>     Load the tenant from a JSON seed file instead of the Contoso demo tenant.
          --no-auth                Accept requests without a bearer token.
          --no-throttling          Never answer 429 (no resource-unit or write quotas).
          --time-scale <x>         Run the throttling windows x times faster than real time (a positive number, default 1).
          --interactive-sign-in    Show the sign-in page (pick an account, Accept or Cancel) on every authorize request.
          -h, --help               Show this help and exit.

        Stops on Ctrl+C (SIGINT), SIGTERM, SIGQUIT or SIGHUP.
        Exit codes: 0 stopped or help shown, 1 could not start the server (for example, the port is in use),
        2 bad argument or unreadable seed file.
        """;

    private EmulatorCommandLine()
    {
    }

    /// <summary>Gets the port to listen on (0 picks a free one).</summary>
    public int Port { get; private set; } = DefaultPort;

    /// <summary>Gets the seed file, or <see langword="null"/> for the demo tenant.</summary>
    public string? SeedFile { get; private set; }

    /// <summary>Gets a value indicating whether requests need a bearer token.</summary>
    public bool RequireAuthentication { get; private set; } = true;

    /// <summary>Gets a value indicating whether throttling is on.</summary>
    public bool Throttling { get; private set; } = true;

    /// <summary>Gets the throttling time scale.</summary>
    public double TimeScale { get; private set; } = 1.0;

    /// <summary>Gets a value indicating whether every authorize request shows the sign-in page.</summary>
    public bool InteractiveSignIn { get; private set; }

    /// <summary>Gets a value indicating whether <c>--help</c> was asked for (nothing else is then meaningful).</summary>
    public bool ShowHelp { get; private set; }

    /// <summary>Gets the one-line error for a bad command line, or <see langword="null"/> when it is valid.</summary>
    public string? Error { get; private set; }

    /// <summary>Parses the arguments; stops at the first error or at <c>--help</c>.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The settings, the help request or the error.</returns>
    public static EmulatorCommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var line = new EmulatorCommandLine();
        for (var i = 0; i < args.Count && line.Error is null && !line.ShowHelp; i++)
        {
            var arg = args[i];
            string? Value() => i + 1 < args.Count ? args[++i] : null;
            switch (arg)
            {
                case "--port":
                    line.ReadPort(Value());
                    break;
                case "--seed":
                    line.ReadSeed(Value());
                    break;
                case "--time-scale":
                    line.ReadTimeScale(Value());
                    break;
                case "--no-auth":
                    line.RequireAuthentication = false;
                    break;
                case "--no-throttling":
                    line.Throttling = false;
                    break;
                case "--interactive-sign-in":
                    line.InteractiveSignIn = true;
                    break;
                case "--help" or "-h" or "-?":
                    line.ShowHelp = true;
                    break;
                default:
                    line.Error = $"Unknown argument '{arg}'. Use --help.";
                    break;
            }
        }

        return line;
    }

    /// <summary>Creates the emulator options these settings describe.</summary>
    /// <returns>New options.</returns>
    public GraphEmulatorOptions CreateOptions()
    {
        var options = new GraphEmulatorOptions { RequireAuthentication = RequireAuthentication };
        options.Throttling.Enabled = Throttling;
        options.Throttling.TimeScale = TimeScale;
        options.SignIn.Interactive = InteractiveSignIn;
        return options;
    }

    private void ReadPort(string? value)
    {
        if (value is null)
        {
            Error = "--port needs a value: a port number 0-65535.";
        }
        else if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535)
        {
            Port = port;
        }
        else
        {
            Error = $"--port '{value}' is not a port number 0-65535.";
        }
    }

    private void ReadSeed(string? value)
    {
        if (value is null)
        {
            Error = "--seed needs a value: the path of a tenant JSON file.";
        }
        else if (!File.Exists(value))
        {
            Error = $"--seed '{value}': file not found.";
        }
        else
        {
            SeedFile = value;
        }
    }

    private void ReadTimeScale(string? value)
    {
        if (value is null)
        {
            Error = "--time-scale needs a value: a positive number such as 10 or 0.5.";
        }
        else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && double.IsFinite(scale) && scale > 0)
        {
            TimeScale = scale;
        }
        else
        {
            Error = $"--time-scale '{value}' is not a positive number (use a dot for decimals, such as 0.5).";
        }
    }
}
