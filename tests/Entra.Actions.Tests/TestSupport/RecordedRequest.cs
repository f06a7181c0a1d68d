namespace Entra.Actions.Tests.TestSupport;

/// <summary>A request as it reached the wire (after every handler of the pipeline).</summary>
public sealed record RecordedRequest(
    string Method,
    Uri Uri,
    string? Authorization,
    string? Body,
    IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The path exactly as sent (percent-encoding preserved).</summary>
    public string WirePath => Uri.GetComponents(UriComponents.Path | UriComponents.KeepDelimiter, UriFormat.UriEscaped);

    public string Query => Uri.Query;
}
