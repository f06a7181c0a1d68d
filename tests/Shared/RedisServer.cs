using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

// The namespace is shared by several test projects; no Visual Basic code consumes it.
#pragma warning disable CA1716
namespace Entra.Actions.Tests.Shared;
#pragma warning restore CA1716

/// <summary>
/// A real <c>redis-server</c> (Debian's package) on a free loopback port, with no persistence, started for the tests and shut
/// down after them. A missing <c>redis-server</c> fails the tests with its name; nothing is skipped. A test can stop it and
/// start it again on the same port (an outage).
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private const string Executable = "redis-server";
    private Process? _process;
    private string? _path;
    private string? _directory;

    /// <summary>The port it listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The StackExchange.Redis connection string.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false";

    /// <summary>Whether the server runs (between <see cref="StopAsync"/> and <see cref="StartAsync"/> it does not).</summary>
    public bool IsRunning => _process is { HasExited: false };

    public async Task InitializeAsync()
    {
        _path = Locate() ?? throw new InvalidOperationException(
            $"'{Executable}' was not found on PATH. Install it (Debian: apt-get install -y redis-server); .ci/run does this when it is missing.");
        _directory = System.IO.Directory.CreateTempSubdirectory("entra-actions-redis-").FullName;
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort.Next();
            _process = Start(_path, Port, _directory);
            if (await WaitForPongAsync(_process).ConfigureAwait(false))
            {
                return;
            }

            Kill(_process);
            _process = null;
            if (attempt == 3)
            {
                throw new InvalidOperationException($"{Executable} did not answer PING on 127.0.0.1:{Port} after {attempt} attempts.");
            }
        }
    }

    /// <summary>Stops the server (its data is gone); clients see the connection drop and nothing listening.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        if (!process.HasExited)
        {
            try
            {
                await SendAsync("SHUTDOWN NOSAVE").ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException)
            {
                // Already going away.
            }

            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await process.WaitForExitAsync(exited.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        process.Dispose();
    }

    /// <summary>Starts the server again on the same port, empty, after <see cref="StopAsync"/>.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var path = _path ?? throw new InvalidOperationException("The server was never initialized.");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            _process = Start(path, Port, _directory!);
            if (await WaitForPongAsync(_process).ConfigureAwait(false))
            {
                return;
            }

            // The old socket may linger for a moment; the port is ours to take again.
            Kill(_process);
            _process = null;
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{Executable} did not start again on 127.0.0.1:{Port}.");
            }

            await Task.Delay(200).ConfigureAwait(false);
        }
    }

    public async Task DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (_directory is not null)
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
    }

    private static string? Locate() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, Executable))
            .FirstOrDefault(File.Exists);

    private static Process Start(string path, int port, string directory)
    {
        var info = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--daemonize", "no", "--dir", directory })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{Executable} could not be started.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<bool> WaitForPongAsync(Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await SendAsync("PING").ConfigureAwait(false)).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException)
            {
                // Not listening yet.
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        return false;
    }

    private async Task<string> SendAsync(string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port).ConfigureAwait(false);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n")).ConfigureAwait(false);
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer).ConfigureAwait(false);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    private static void Kill(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        process.Dispose();
    }
}
