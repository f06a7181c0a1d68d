using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Entra.Actions.Samples.ActionBuilder.Tests.Support;

/// <summary>
/// A real <c>redis-server</c> (Debian's package) on a free loopback port, with no persistence, started for the tests and shut
/// down after them. A missing <c>redis-server</c> fails the tests with its name; nothing is skipped.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private const string Executable = "redis-server";
    private Process? _process;
    private string? _directory;

    /// <summary>The port it listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The StackExchange.Redis connection string.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false";

    public async Task InitializeAsync()
    {
        var path = Locate() ?? throw new InvalidOperationException(
            $"'{Executable}' was not found on PATH. Install it (Debian: apt-get install -y redis-server); .ci/run does this when it is missing.");
        _directory = System.IO.Directory.CreateTempSubdirectory("entra-actions-redis-").FullName;
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort.Next();
            _process = Start(path, Port, _directory);
            if (await WaitForPongAsync(_process).ConfigureAwait(false))
            {
                return;
            }

            Stop(_process);
            if (attempt == 3)
            {
                throw new InvalidOperationException($"{Executable} did not answer PING on 127.0.0.1:{Port} after {attempt} attempts.");
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            try
            {
                await SendAsync("SHUTDOWN NOSAVE").ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException)
            {
                // Already going away.
            }

            if (!process.WaitForExit(5000))
            {
                process.Kill(entireProcessTree: true);
            }
        }

        _process?.Dispose();
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
            catch (SocketException)
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

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        process.Dispose();
    }
}
