namespace Entra.Actions.Emulator;

/// <summary>One request the emulator received (a top-level request or a <c>$batch</c> step).</summary>
public sealed class JournalEntry
{
    /// <summary>Gets the time the request arrived (on the emulator's clock). Entries are journaled in completion order, not by this time.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets the HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>Gets the path as on the wire (percent-encoded, including <c>/v1.0</c>); for a batch step, <c>/v1.0</c> plus the step URL's path.</summary>
    public required string RawPath { get; init; }

    /// <summary>Gets the raw query string without <c>?</c> (empty when none).</summary>
    public required string Query { get; init; }

    /// <summary>Gets the request headers; the <c>Authorization</c> value is redacted.</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>Gets a value indicating whether an <c>Authorization</c> header was sent (for a batch step: on the envelope).</summary>
    public required bool HasAuthorization { get; init; }

    /// <summary>Gets the body text, or <see langword="null"/>.</summary>
    public string? Body { get; init; }

    /// <summary>Gets the response status code (0 when the connection was dropped).</summary>
    public required int StatusCode { get; init; }

    /// <summary>Gets the <c>request-id</c> the emulator answered with.</summary>
    public required string RequestId { get; init; }

    /// <summary>Gets the batch step id, or <see langword="null"/> for a top-level request.</summary>
    public string? BatchStepId { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Method} {RawPath}{(Query.Length > 0 ? "?" + Query : string.Empty)} -> {StatusCode}";
}
