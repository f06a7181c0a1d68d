namespace Entra.Actions.Directory.Internal;

/// <summary>What Graph answered to one atomic write of members, as the bulk seam reports it.</summary>
internal enum MemberAddStatus
{
    /// <summary>Every member was added.</summary>
    Added = 0,

    /// <summary>The write's lone member was already in the group: a success, nothing written.</summary>
    AlreadyMember = 1,

    /// <summary>Refused whole, nothing written: one of the listed members is already in the group.</summary>
    MemberAlreadyThere = 2,

    /// <summary>Refused whole, nothing written: one of the listed objects, or the group itself, was not found.</summary>
    ObjectMissing = 3,

    /// <summary>Throttled or unavailable for now: the same write may succeed later (<see cref="EntraActionError.RetryAfter"/> when Graph said).</summary>
    Unavailable = 4,

    /// <summary>Any other failure.</summary>
    Failed = 5,
}

/// <summary>One atomic write's answer: its <see cref="Status"/>, and for every status but a success the error Graph gave.</summary>
internal sealed record MemberAddAnswer
{
    /// <summary>Every member was added.</summary>
    public static readonly MemberAddAnswer Added = new(MemberAddStatus.Added, null);

    /// <summary>The lone member was already there.</summary>
    public static readonly MemberAddAnswer AlreadyMember = new(MemberAddStatus.AlreadyMember, null);

    private MemberAddAnswer(MemberAddStatus status, EntraActionError? error)
    {
        Status = status;
        Error = error;
    }

    public MemberAddStatus Status { get; }

    /// <summary>The error of a write that did not succeed; <see langword="null"/> for <see cref="MemberAddStatus.Added"/> and <see cref="MemberAddStatus.AlreadyMember"/>.</summary>
    public EntraActionError? Error { get; }

    /// <summary>Whether the members are in the group now.</summary>
    public bool Succeeded => Error is null;

    /// <summary>The outcome of a successful write.</summary>
    public MembershipOutcome Outcome => Status == MemberAddStatus.AlreadyMember ? MembershipOutcome.AlreadyMember : MembershipOutcome.Added;

    /// <summary>A write that did not succeed, with the error Graph gave.</summary>
    /// <param name="status">Any status but a success.</param>
    /// <param name="error">The error.</param>
    /// <returns>The answer.</returns>
    public static MemberAddAnswer Refused(MemberAddStatus status, EntraActionError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentOutOfRangeException.ThrowIfLessThan((int)status, (int)MemberAddStatus.MemberAlreadyThere, nameof(status));
        return new MemberAddAnswer(status, error);
    }
}
