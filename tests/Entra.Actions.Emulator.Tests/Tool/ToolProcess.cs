using System.Collections.Concurrent;
using System.Diagnostics;

namespace Entra.Actions.Emulator.Tests.Tool;

/// <summary>The built entra-emulator tool running as its own process (<c>dotnet Entra.Actions.Emulator.Tool.dll ...</c>), with its output captured.</summary>
internal sealed class ToolProcess : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _error = new();
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ToolProcess(params string[] args)
    {
        // The test project references the tool, so the build copies its dll, deps.json and runtimeconfig.json next to the tests.
        var tool = Path.Combine(AppContext.BaseDirectory, "Entra.Actions.Emulator.Tool.dll");
        File.Exists(tool).Should().BeTrue($"the tool is built to {tool}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(tool);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Collect(e.Data, _output, _outputClosed);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data, _error, _errorClosed);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public IReadOnlyList<string> Output => [.. _output];

    public IReadOnlyList<string> Error => [.. _error];

    public static ToolProcess Start(params string[] args) => new(args);

    /// <summary>Waits until the banner's last line is printed and returns the banner.</summary>
    public async Task<IReadOnlyList<string>> WaitForBannerAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!_output.Any(line => line.StartsWith("Press Ctrl+C", StringComparison.Ordinal)))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"No banner. Output: {string.Join('\n', Output)} Error: {string.Join('\n', Error)}");
            }

            await Task.Delay(50);
        }

        return Output;
    }

    /// <summary>Waits for the process to exit and for its output to be read to the end; returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        await Task.WhenAll(_outputClosed.Task, _errorClosed.Task).WaitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>Sends a real POSIX signal (for example TERM or INT) with the shell's kill.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", $"kill -{signal} {Id}" }, UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        kill.ExitCode.Should().Be(0, $"kill -{signal} {Id} succeeds");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static void Collect(string? line, ConcurrentQueue<string> lines, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
        }
        else
        {
            lines.Enqueue(line);
        }
    }
}
