namespace Entra.Actions.Emulator;

/// <summary>What an injected fault does.</summary>
public enum FaultKind
{
    /// <summary>Delays the request, then serves it normally.</summary>
    Latency = 0,

    /// <summary>Answers with an error status (and optional <c>Retry-After</c>) instead of, or after, serving the request.</summary>
    Status = 1,

    /// <summary>Drops the connection: the in-process handler throws <see cref="HttpRequestException"/>; Kestrel aborts the connection.</summary>
    DropConnection = 2,

    /// <summary>Serves the request, then truncates the JSON body so it no longer parses.</summary>
    MalformedBody = 3,
}
