namespace Entra.Actions;

/// <summary>Whether a bulk add reads the group's current members first.</summary>
public enum MemberPrefetch
{
    /// <summary>Read them when that costs fewer requests than the writes it can save (pages of 999 against chunks of 20).</summary>
    Auto = 0,

    /// <summary>Always read them.</summary>
    Always = 1,

    /// <summary>
    /// Never read them; an existing member makes its chunk of 20 fail, and the chunk is split to find it (so is a chunk whose
    /// throttled write Graph applied anyway: its users are then reported <see cref="MembershipOutcome.AlreadyMember"/>).
    /// </summary>
    Never = 2,
}
