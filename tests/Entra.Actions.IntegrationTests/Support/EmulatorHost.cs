namespace Entra.Actions.IntegrationTests.Support;

/// <summary>How the emulator is reached: through its in-process handler (no socket) or over loopback HTTP with Kestrel.</summary>
public enum EmulatorHost
{
    InProcess,
    Kestrel,
}
