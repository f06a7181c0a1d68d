using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Entra.Actions.Benchmarks.Cluster;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, without persistence, for the coordinated runs; it can be stopped in
/// the middle of a run (<c>SHUTDOWN NOSAVE</c>). A missing <c>redis-server</c> fails the scenario with its name.
/// </summary>
internal sealed class RedisLauncher : IAsyncDisposable
{
    private const string Executable = "redis-server";
    private readonly Process _process;
    private readonly string _directory;

    private RedisLauncher(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis connection string.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false";

    public bool Running => !_process.HasExited;

    public static async Task<RedisLauncher> StartAsync()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, Executable)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"'{Executable}' was not found on PATH (Debian: apt-get install -y redis-server); the cluster scenario needs it.");
        var directory = System.IO.Directory.CreateTempSubdirectory("entra-cluster-redis-").FullName;
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var info = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--daemonize", "no", "--dir", directory })
            {
                info.ArgumentList.Add(argument);
            }

            var process = Process.Start(info) ?? throw new InvalidOperationException($"{Executable} could not be started.");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var launcher = new RedisLauncher(process, directory, port);
            if (await launcher.WaitForPongAsync())
            {
                return launcher;
            }

            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"{Executable} did not answer PING on 127.0.0.1:{port} after {attempt} attempts.");
            }
        }
    }

    /// <summary>Stops the server at once (<c>SHUTDOWN NOSAVE</c>; killed when it does not exit within 5 s).</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        try
        {
            await SendAsync("SHUTDOWN NOSAVE");
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            // Already going away.
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        System.IO.Directory.Delete(_directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<bool> WaitForPongAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                if ((await SendAsync("PING")).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return true;
                }
            }
            catch (SocketException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        return false;
    }

    private async Task<string> SendAsync(string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}
