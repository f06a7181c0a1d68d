namespace Entra.Actions;

/// <summary>What Search users found: the matching users, at most the limit asked for, and whether more matched.</summary>
public sealed class EntraUserSearchResult
{
    /// <summary>The matching users, in Graph's order.</summary>
    public required IReadOnlyList<EntraUser> Users { get; init; }

    /// <summary>Whether more users matched than the limit let through.</summary>
    public bool Truncated { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Users.Count} user(s){(Truncated ? ", truncated" : string.Empty)}";
}
