namespace Entra.Actions;

/// <summary>What List user groups read: the user's groups (never directory roles or administrative units), at most the limit asked for.</summary>
public sealed class EntraUserGroupList
{
    /// <summary>The groups (direct, or direct and through nesting when listed transitively), in Graph's order.</summary>
    public required IReadOnlyList<EntraGroupSummary> Groups { get; init; }

    /// <summary>Whether the user is in more groups than the limit let through.</summary>
    public bool Truncated { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Groups.Count} group(s){(Truncated ? ", truncated" : string.Empty)}";
}
