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
    /// How many times a <c>$batch</c> step that Graph throttled or found unavailable (429, 503, 504, or 424 for the whole batch)
    /// is resent, after the largest <c>Retry-After</c> of its batch, before its items are reported with that failure
    /// (<see cref="EntraErrorKind.Throttled"/> for a 429). Default 10; 0 to 100. The connection's <c>MaxRetryDuration</c> also
    /// bounds the waiting. For the writes of an add, both count per chunk of 20 from its first refusal; for reads and removes,
    /// per group of ids sent together, from its first send.
    /// </summary>
    public int MaxStepRetries { get; init; } = 10;

    /// <summary>
    /// Resolve object ids with <c>POST /directoryObjects/getByIds</c> (1,000 per request) instead of <c>$batch</c> steps of
    /// <c>GET /users?$filter=id in (...)</c> (15 ids per step, 300 per request).
    /// Default <see langword="false"/>. Set it only when the connection holds <c>Directory.Read.All</c>.
    /// </summary>
    public bool UseGetByIds { get; init; }

    /// <summary>
    /// Before adding, read each user (300 per <c>$batch</c>, or 1,000 per <c>getByIds</c> with <see cref="UseGetByIds"/>) so that only
    /// users are bound: a group, device or service-principal id passed as a user id would otherwise be added as a member through
    /// <c>/directoryObjects</c>. Default <see langword="true"/>. Set it to <see langword="false"/> only when every id is known to be
    /// a user's object id (for example returned by a user lookup); userPrincipalNames are always resolved.
    /// </summary>
    public bool VerifyUsers { get; init; } = true;

    /// <summary>
    /// Send the writes of a bulk add 20 per <c>$batch</c> (each a <c>PATCH</c> step binding up to 20 members, which Graph runs
    /// and throttles on its own). Default <see langword="true"/>. Set it to <see langword="false"/> to send each write as its own
    /// request, retried by the connection's HTTP pipeline: the same writes, about 20 times the requests. One difference: a lone
    /// write that Graph throttled yet applied is then found out by splitting, and its users are reported
    /// <see cref="MembershipOutcome.AlreadyMember"/>.
    /// </summary>
    public bool BatchWrites { get; init; } = true;

    /// <summary>
    /// Before adding, read the group's current members (999 per page) so that existing members are reported as
    /// <see cref="MembershipOutcome.AlreadyMember"/> without a write. Default <see cref="MemberPrefetch.Auto"/>.
    /// </summary>
    public MemberPrefetch MemberPrefetch { get; init; } = MemberPrefetch.Auto;

    /// <summary>
    /// A dry run: the same reads and checks (ids, group kind, policy, a write permission in the token) and, per item, the
    /// outcome it would have (<see cref="MembershipChange.IsDryRun"/> set), with no write sent. Default <see langword="false"/>;
    /// ignored by lookups.
    /// </summary>
    /// <remarks>
    /// The would-be outcomes come from one read of the group's current members (all pages): <see cref="MembershipOutcome.Added"/>
    /// or <see cref="MembershipOutcome.AlreadyMember"/>, <see cref="MembershipOutcome.Removed"/> or <see cref="MembershipOutcome.NotAMember"/>.
    /// When the token holds no permission that allows the write, each item that would be written fails with
    /// <see cref="EntraErrorKind.Forbidden"/>, as Graph would answer. An object id that is not read (an add without
    /// <see cref="VerifyUsers"/>) is reported as it would be sent, so one that names no user shows as Added.
    /// </remarks>
    public bool DryRun { get; init; }
}
