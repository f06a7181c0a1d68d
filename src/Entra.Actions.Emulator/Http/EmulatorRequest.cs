namespace Entra.Actions.Emulator;

/// <summary>A host-independent HTTP request as the emulator's pipeline sees it.</summary>
internal sealed class EmulatorRequest
{
    /// <summary>Gets the HTTP method in upper case.</summary>
    public required string Method { get; init; }

    /// <summary>Gets the request target as on the wire: percent-encoded path plus optional <c>?query</c>.</summary>
    public required string RawTarget { get; init; }

    /// <summary>Gets the scheme and authority the client used (for <c>@odata.nextLink</c>).</summary>
    public required Uri BaseAddress { get; init; }

    /// <summary>Gets the request headers (case-insensitive names; multiple values joined with a comma).</summary>
    public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the body text, or <see langword="null"/>.</summary>
    public string? Body { get; init; }

    /// <summary>Gets the id of the <c>$batch</c> step this request came from, or <see langword="null"/> for a top-level request.</summary>
    public string? BatchStepId { get; init; }

    /// <summary>Gets the path part of <see cref="RawTarget"/> (before <c>?</c>).</summary>
    public string RawPath
    {
        get
        {
            var q = RawTarget.IndexOf('?', StringComparison.Ordinal);
            return q < 0 ? RawTarget : RawTarget[..q];
        }
    }

    /// <summary>Gets the query part of <see cref="RawTarget"/> without <c>?</c>.</summary>
    public string RawQuery
    {
        get
        {
            var q = RawTarget.IndexOf('?', StringComparison.Ordinal);
            return q < 0 ? string.Empty : RawTarget[(q + 1)..];
        }
    }

    /// <summary>Gets a header value or <see langword="null"/>.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The value.</returns>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
