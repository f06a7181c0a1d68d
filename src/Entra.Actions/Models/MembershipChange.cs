namespace Entra.Actions;

/// <summary>The result of a successful Add user to group or Remove member from group action.</summary>
public sealed class MembershipChange
{
    /// <summary>The member's object id (a GUID, also when the caller passed a userPrincipalName).</summary>
    public required string MemberId { get; init; }

    /// <summary>The group's object id.</summary>
    public required string GroupId { get; init; }

    /// <summary>What happened.</summary>
    public required MembershipOutcome Outcome { get; init; }

    /// <summary>
    /// Whether this was a dry run: <see cref="Outcome"/> is what the change would have done, and nothing was written.
    /// </summary>
    public bool IsDryRun { get; init; }

    /// <summary>Whether the directory was changed (<see cref="MembershipOutcome.Added"/> or <see cref="MembershipOutcome.Removed"/>, and not a dry run).</summary>
    public bool Changed => !IsDryRun && (Outcome is MembershipOutcome.Added or MembershipOutcome.Removed);

    /// <inheritdoc />
    public override string ToString() => $"{(IsDryRun ? "Dry run, would be " : string.Empty)}{Outcome}: member {MemberId} in group {GroupId}";
}
