namespace Entra.Actions;

/// <summary>How a bulk call runs. The defaults suit the seed permissions and a shared tenant.</summary>
public sealed record BulkOptions
{
    /// <summary>The default options.</summary>
    public static BulkOptions Default { get; } = new();

    /// <summary>How many Graph round trips one bulk call keeps in flight. Default 4; 1 to 16. Throttling pauses all of them together.</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Receives progress after each round trip; <see langword="null"/> for none.</summary>
    public IProgress<BulkProgress>? Progress { get; init; }

    /// <summary>
    /// How many times a throttled <c>$batch</c> step is resent (after the largest <c>Retry-After</c> of its batch) before it is
    /// reported as <see cref="EntraErrorKind.Throttled"/>. Default 10; 0 to 100. The connection's <c>MaxRetryDuration</c> also bounds the waiting.
    /// </summary>
    public int MaxStepRetries { get; init; } = 10;

    /// <summary>
    /// Resolve object ids with <c>POST /directoryObjects/getByIds</c> (1,000 per request) instead of <c>$batch</c> reads (20 per request).
    /// Default <see langword="false"/>. Set it only when the connection holds <c>Directory.Read.All</c>.
    /// </summary>
    public bool UseGetByIds { get; init; }

    /// <summary>
    /// Before adding, read the group's current members (999 per page) so that existing members are reported as
    /// <see cref="MembershipOutcome.AlreadyMember"/> without a write. Default <see cref="MemberPrefetch.Auto"/>.
    /// </summary>
    public MemberPrefetch MemberPrefetch { get; init; } = MemberPrefetch.Auto;
}
