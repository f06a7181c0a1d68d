namespace Entra.Actions.Emulator;

/// <summary>A host-independent HTTP response produced by the emulator's pipeline.</summary>
internal sealed class EmulatorResponse
{
    /// <summary>The Content-Type Graph sends with OData JSON payloads.</summary>
    public const string ODataJson = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

    /// <summary>Gets or sets the status code.</summary>
    public int StatusCode { get; set; }

    /// <summary>Gets the response headers except Content-Type.</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the body text, or <see langword="null"/> for no body.</summary>
    public string? Body { get; set; }

    /// <summary>Gets or sets the Content-Type of <see cref="Body"/>.</summary>
    public string? ContentType { get; set; }

    /// <summary>Gets or sets a value indicating whether the host must drop the connection instead of answering.</summary>
    public bool DropConnection { get; set; }

    /// <summary>Gets or sets the resource units charged (for <c>x-ms-resource-unit</c>).</summary>
    public int ResourceUnits { get; set; } = 1;
}
