namespace Entra.Actions;

/// <summary>What a successful membership change did.</summary>
public enum MembershipOutcome
{
    /// <summary>The user was added to the group.</summary>
    Added = 0,

    /// <summary>The user was already a direct member; nothing was changed.</summary>
    AlreadyMember = 1,

    /// <summary>The member was removed from the group.</summary>
    Removed = 2,

    /// <summary>The object was not a direct member; nothing was changed.</summary>
    NotAMember = 3,
}
