namespace Entra.Actions.Emulator;

/// <summary>
/// Injects faults into the emulator's responses (thread-safe). Rules are checked in the order they were added; the first
/// matching rule with fires left applies. Status and latency faults also apply to <c>$batch</c> steps (matched against the step URL);
/// without a path they skip the <c>$batch</c> envelope itself (give the path <c>/$batch</c> to target the envelope).
/// Paths are matched as sent and percent-decoded. Every <c>count</c> is at least 1.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];

    /// <summary>Gets a snapshot of the rules.</summary>
    public IReadOnlyList<FaultRule> Rules
    {
        get { lock (_gate) { return [.. _rules]; } }
    }

    /// <summary>Delays matching requests.</summary>
    /// <param name="delay">The delay.</param>
    /// <param name="method">The method to match, or <see langword="null"/> for any.</param>
    /// <param name="path">The path pattern (see <see cref="FaultRule.PathPattern"/>), or <see langword="null"/> for any.</param>
    /// <param name="times">How many requests to delay, or <see langword="null"/> for all.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative or <paramref name="times"/> is below 1.</exception>
    public FaultRule AddLatency(TimeSpan delay, string? method = null, string? path = null, int? times = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        if (times is { } count)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(times));
        }

        return Add(new FaultRule(FaultKind.Latency, method, path, times) { Latency = delay });
    }

    /// <summary>
    /// Delays every HTTP request that reaches the emulator (a <c>$batch</c> envelope counts once; its steps are not delayed
    /// again), the way network round-trip time would. Use it to compare approaches by the round trips they make.
    /// </summary>
    /// <param name="delay">The round-trip delay (on <see cref="GraphEmulatorOptions.TimeProvider"/>).</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public FaultRule AddRoundTripLatency(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return Add(new FaultRule(FaultKind.Latency, null, null, null) { Latency = delay, PerHttpRequest = true });
    }

    /// <summary>Delays the next <paramref name="count"/> matching requests (the same argument order as <see cref="FailNext"/>).</summary>
    /// <param name="delay">The delay (on <see cref="GraphEmulatorOptions.TimeProvider"/>).</param>
    /// <param name="count">How many requests to delay; at least 1.</param>
    /// <param name="method">The method to match, or <see langword="null"/> for any.</param>
    /// <param name="path">The path pattern (see <see cref="FaultRule.PathPattern"/>), or <see langword="null"/> for any.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative or <paramref name="count"/> is below 1.</exception>
    public FaultRule AddLatency(TimeSpan delay, int count, string? method = null, string? path = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return Add(new FaultRule(FaultKind.Latency, method, path, count) { Latency = delay });
    }

    /// <summary>Fails the next <paramref name="count"/> matching requests with a Graph error envelope and the given status.</summary>
    /// <param name="count">How many requests to fail; at least 1.</param>
    /// <param name="statusCode">The status, for example 429, 503 or 504; 100 to 599.</param>
    /// <param name="method">The method to match, or <see langword="null"/> for any.</param>
    /// <param name="path">The path pattern, or <see langword="null"/> for any.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> value, for example <c>"1"</c> or <c>"2.128"</c>, or <see langword="null"/> for none.</param>
    /// <param name="applyRequest">Serve the request first (its change is applied), then answer with the error.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1 or <paramref name="statusCode"/> is not 100 to 599.</exception>
    public FaultRule FailNext(int count, int statusCode, string? method = null, string? path = null, string? retryAfter = null, bool applyRequest = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        return Add(new FaultRule(FaultKind.Status, method, path, count) { StatusCode = statusCode, RetryAfter = retryAfter, ApplyRequest = applyRequest });
    }

    /// <summary>
    /// Answers the next <paramref name="count"/> matching writes with Graph's 429 for a used-up write quota: <c>Retry-After</c>,
    /// <c>x-ms-throttle-information: WriteLimitExceeded</c> and <c>x-ms-throttle-scope: Tenant_Application/Write/{appId}/{tenantId}</c>.
    /// </summary>
    /// <param name="count">How many requests; at least 1.</param>
    /// <param name="method">The method to match, or <see langword="null"/> for any.</param>
    /// <param name="path">The path pattern, or <see langword="null"/> for any.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> value; default <c>"1"</c>.</param>
    /// <returns>The rule.</returns>
    public FaultRule ThrottleWritesNext(int count, string? method = null, string? path = null, string retryAfter = "1")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(retryAfter);
        return Add(new FaultRule(FaultKind.Status, method, path, count) { StatusCode = 429, RetryAfter = retryAfter, ThrottleInformation = "WriteLimitExceeded" });
    }

    /// <summary>Drops the connection for the next <paramref name="count"/> matching requests (not served).</summary>
    /// <param name="count">How many requests; at least 1.</param>
    /// <param name="method">The method to match, or <see langword="null"/> for any.</param>
    /// <param name="path">The path pattern, or <see langword="null"/> for any.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    public FaultRule DropConnection(int count = 1, string? method = null, string? path = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return Add(new FaultRule(FaultKind.DropConnection, method, path, count));
    }

    /// <summary>Serves the next <paramref name="count"/> matching requests but truncates their JSON bodies. A response without a body
    /// (a 204) becomes <c>200 application/json</c> with a truncated JSON body, the same on both hosts.</summary>
    /// <param name="count">How many requests; at least 1.</param>
    /// <param name="method">The method to match, or <see langword="null"/> for any.</param>
    /// <param name="path">The path pattern, or <see langword="null"/> for any.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    public FaultRule MalformedBody(int count = 1, string? method = null, string? path = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return Add(new FaultRule(FaultKind.MalformedBody, method, path, count));
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    internal FaultRule? Next(string method, string rawPath, bool batchStep, bool batchEnvelope = false)
    {
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                if (batchStep && (rule.Kind is FaultKind.DropConnection or FaultKind.MalformedBody || rule.PerHttpRequest))
                {
                    continue;
                }

                if (batchEnvelope && rule.PerHttpRequest)
                {
                    if (rule.TryConsume())
                    {
                        return rule;
                    }

                    continue;
                }

                // Path-less status and latency rules are meant for real requests and batch steps, not for the envelope that carries them.
                if (batchEnvelope && rule.PathPattern is null && rule.Kind is FaultKind.Status or FaultKind.Latency)
                {
                    continue;
                }

                if (!rule.IsExhausted && rule.Matches(method, rawPath) && rule.TryConsume())
                {
                    return rule;
                }
            }

            return null;
        }
    }

    private FaultRule Add(FaultRule rule)
    {
        lock (_gate)
        {
            _rules.Add(rule);
        }

        return rule;
    }
}
