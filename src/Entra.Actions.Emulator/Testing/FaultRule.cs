using System.Text.RegularExpressions;

namespace Entra.Actions.Emulator;

/// <summary>One injected fault: what to do, to which requests, how many times. Create through <see cref="FaultInjector"/>.</summary>
public sealed class FaultRule
{
    private int _remaining;
    private int _hits;

    internal FaultRule(FaultKind kind, string? method, string? pathPattern, int? times)
    {
        Kind = kind;
        Method = method;
        PathPattern = pathPattern;
        _remaining = times ?? -1;
    }

    /// <summary>Gets the kind of fault.</summary>
    public FaultKind Kind { get; }

    /// <summary>Gets the HTTP method to match (case-insensitive), or <see langword="null"/> for any.</summary>
    public string? Method { get; }

    /// <summary>
    /// Gets the path pattern to match, or <see langword="null"/> for any. <c>*</c> matches within and across segments; the pattern
    /// is compared case-insensitively with the raw path with and without the <c>/v1.0</c> prefix (for example <c>/groups/*/members/$ref</c>).
    /// </summary>
    public string? PathPattern { get; }

    /// <summary>Gets or initializes the status code of a <see cref="FaultKind.Status"/> fault.</summary>
    public int StatusCode { get; init; } = 503;

    /// <summary>Gets or initializes the <c>Retry-After</c> value to send with a status fault (for example <c>"2"</c> or <c>"2.128"</c>).</summary>
    public string? RetryAfter { get; init; }

    /// <summary>Gets or initializes the delay of a <see cref="FaultKind.Latency"/> fault.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Gets or initializes a value indicating whether a status fault first serves the request (the change is applied)
    /// and then answers with the error, like Graph's 429 on a write that did succeed.</summary>
    public bool ApplyRequest { get; init; }

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

        if (PathPattern is null)
        {
            return true;
        }

        var regex = "^" + Regex.Escape(PathPattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$";
        var relative = rawPath.StartsWith("/v1.0", StringComparison.OrdinalIgnoreCase) ? rawPath[5..] : rawPath;
        return Regex.IsMatch(rawPath, regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))
            || Regex.IsMatch(relative, regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
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
