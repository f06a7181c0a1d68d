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
