namespace Entra.Actions;

/// <summary>What List group members read: the members, at most the limit asked for, how many that is, and whether there are more.</summary>
public sealed class EntraGroupMemberList
{
    /// <summary>The members (direct, or direct and nested when listed transitively), in Graph's order.</summary>
    public required IReadOnlyList<EntraDirectoryObject> Members { get; init; }

    /// <summary>The number of members returned in <see cref="Members"/> (not the group's total when <see cref="Truncated"/>).</summary>
    public int Count => Members.Count;

    /// <summary>Whether the group has more members than the limit let through.</summary>
    public bool Truncated { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Count} member(s){(Truncated ? ", truncated" : string.Empty)}";
}
