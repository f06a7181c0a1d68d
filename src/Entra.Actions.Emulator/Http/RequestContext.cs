namespace Entra.Actions.Emulator;

/// <summary>Everything a handler needs about one request (top-level or batch step).</summary>
internal sealed class RequestContext
{
    public required GraphEmulator Emulator { get; init; }

    public required EmulatorRequest Request { get; init; }

    public required string RequestId { get; init; }

    public required string ClientRequestId { get; init; }

    public required DateTimeOffset Now { get; init; }

    public Principal Principal { get; set; } = Principal.Unrestricted;

    public ODataQuery Query { get; set; } = ODataQuery.Empty;

    public EmulatedDirectory Directory => Emulator.Directory;

    public bool HasEventualConsistency =>
        string.Equals(Request.Header("ConsistencyLevel")?.Trim(), "eventual", StringComparison.OrdinalIgnoreCase);
}
