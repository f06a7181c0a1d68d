using System.Runtime.InteropServices;

namespace Entra.Actions.Emulator.Tool;

/// <summary>
/// Completes <see cref="Requested"/> on the first SIGINT (Ctrl+C), SIGTERM (<c>kill</c>, <c>docker stop</c>), SIGQUIT or SIGHUP,
/// and cancels the runtime's default reaction so the server is disposed and the process exits with code 0.
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    private static readonly PosixSignal[] Signals = [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT, PosixSignal.SIGHUP];

    private readonly TaskCompletionSource<PosixSignal> _requested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<PosixSignalRegistration> _registrations = [];

    /// <summary>Initializes a new instance of the <see cref="ShutdownSignal"/> class and starts listening.</summary>
    public ShutdownSignal()
    {
        foreach (var signal in Signals)
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
        }
    }

    /// <summary>Gets a task that completes with the first stop signal received.</summary>
    public Task<PosixSignal> Requested => _requested.Task;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _registrations.Clear();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        _requested.TrySetResult(context.Signal);
    }
}
