namespace Entra.Actions;

/// <summary>The answer of Check membership: whether the user is a member of the group, directly or (when asked) through nesting.</summary>
public sealed class EntraMembershipCheck
{
    /// <summary>Whether the user is a member.</summary>
    public required bool IsMember { get; init; }

    /// <summary>The group's object id (GUID, lower case).</summary>
    public required string GroupId { get; init; }

    /// <summary>Whether membership through nested groups counted.</summary>
    public bool Transitive { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{(IsMember ? "Member" : "Not a member")} of group {GroupId}{(Transitive ? " (transitive)" : string.Empty)}";
}
