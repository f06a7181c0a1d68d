using System.Text.RegularExpressions;

namespace Entra.Actions.Emulator;

/// <summary>One injected fault: what to do, to which requests, how many times. Create through <see cref="FaultInjector"/>.</summary>
public sealed class FaultRule
{
    private readonly Regex? _pattern;
    private int _remaining;
    private int _hits;

    internal FaultRule(FaultKind kind, string? method, string? pathPattern, int? count)
    {
        Kind = kind;
        Method = method;
        PathPattern = pathPattern;
        _remaining = count ?? -1;
        _pattern = pathPattern is null
            ? null
            : new Regex(
                "^" + Regex.Escape(pathPattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled,
                TimeSpan.FromSeconds(1));
    }

    /// <summary>Gets the kind of fault.</summary>
    public FaultKind Kind { get; }

    /// <summary>Gets the HTTP method to match (case-insensitive), or <see langword="null"/> for any.</summary>
    public string? Method { get; }

    /// <summary>
    /// Gets the path pattern to match, or <see langword="null"/> for any. <c>*</c> matches within and across segments; the pattern
    /// is compared case-insensitively with the path with and without the <c>/v1.0</c> prefix, both as sent (percent-encoded) and
    /// percent-decoded, so <c>/users/AdeleV@contoso.com</c> matches the SDK's <c>/users/AdeleV%40contoso.com</c>
    /// (for example <c>/groups/*/members/$ref</c>).
    /// </summary>
    /// <remarks>
    /// A rule without a path pattern (status or latency) does not apply to the <c>$batch</c> envelope: it applies to top-level requests
    /// and to batch steps. To fail or delay the envelope itself, give the path <c>/$batch</c>.
    /// </remarks>
    public string? PathPattern { get; }

    /// <summary>Gets or initializes the status code of a <see cref="FaultKind.Status"/> fault.</summary>
    public int StatusCode { get; init; } = 503;

    /// <summary>Gets or initializes the <c>Retry-After</c> value to send with a status fault (for example <c>"2"</c> or <c>"2.128"</c>).</summary>
    public string? RetryAfter { get; init; }

    /// <summary>
    /// Gets or initializes the <c>x-ms-throttle-information</c> of a 429 fault (for example <c>WriteLimitExceeded</c>), sent with
    /// the matching <c>x-ms-throttle-scope</c> (<c>Tenant_Application/Write/{appId}/{tenantId}</c> for a write limit,
    /// <c>.../ReadWrite/...</c> otherwise) as Graph does; <see langword="null"/> for a 429 without them (a busy service).
    /// </summary>
    public string? ThrottleInformation { get; init; }

    /// <summary>Gets or initializes the delay of a <see cref="FaultKind.Latency"/> fault.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Gets or initializes a value indicating whether a status fault first serves the request (the change is applied)
    /// and then answers with the error, like Graph's 429 on a write that did succeed.</summary>
    public bool ApplyRequest { get; init; }

    /// <summary>Gets a value indicating whether the rule applies once per HTTP request: to <c>$batch</c> envelopes, never to their steps.</summary>
    public bool PerHttpRequest { get; init; }

    /// <summary>Gets how many times the rule fired.</summary>
    public int Hits => Volatile.Read(ref _hits);

    /// <summary>Gets a value indicating whether the rule has fired as many times as it was allowed to.</summary>
    public bool IsExhausted => Volatile.Read(ref _remaining) == 0;

    internal bool Matches(string method, string rawPath)
    {
        if (Method is not null && !string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (_pattern is null)
        {
            return true;
        }

        var relative = rawPath.StartsWith("/v1.0", StringComparison.OrdinalIgnoreCase) ? rawPath[5..] : rawPath;
        if (_pattern.IsMatch(rawPath) || _pattern.IsMatch(relative))
        {
            return true;
        }

        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(rawPath);
        }
        catch (UriFormatException)
        {
            return false;
        }

        var decodedRelative = decoded.StartsWith("/v1.0", StringComparison.OrdinalIgnoreCase) ? decoded[5..] : decoded;
        return _pattern.IsMatch(decoded) || _pattern.IsMatch(decodedRelative);
    }

    internal bool TryConsume()
    {
        while (true)
        {
            var current = Volatile.Read(ref _remaining);
            if (current == 0)
            {
                return false;
            }

            if (current < 0 || Interlocked.CompareExchange(ref _remaining, current - 1, current) == current)
            {
                Interlocked.Increment(ref _hits);
                return true;
            }
        }
    }
}
