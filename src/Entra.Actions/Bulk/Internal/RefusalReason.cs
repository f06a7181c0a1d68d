using Entra.Actions.Directory.Internal;

namespace Entra.Actions.Bulk.Internal;

/// <summary>Why an atomic write of members was refused as a whole, as far as the engine's next step is concerned.</summary>
internal enum RefusalKind
{
    /// <summary>Any other failure: it concerns the whole write, not one of its members.</summary>
    Other = 0,

    /// <summary>One of the members is already in the group.</summary>
    AlreadyMember = 1,

    /// <summary>One of the objects is missing, a member or the group itself.</summary>
    MissingObject = 2,
}

/// <summary>The one place on the engine's side that reads a refused write's answer; the seam decided what Graph meant.</summary>
internal static class RefusalReason
{
    /// <summary>Classifies the answer of a write the seam reports refused whole.</summary>
    public static RefusalKind Classify(MemberAddAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Status switch
        {
            MemberAddStatus.MemberAlreadyThere => RefusalKind.AlreadyMember,
            MemberAddStatus.ObjectMissing => RefusalKind.MissingObject,
            _ => RefusalKind.Other,
        };
    }
}
