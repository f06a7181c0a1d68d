namespace Entra.Actions;

/// <summary>A group as List user groups returns it: its id, name and the kind derived as Look up group derives it.</summary>
public sealed class EntraGroupSummary
{
    /// <summary>The object id (GUID).</summary>
    public required string Id { get; init; }

    /// <summary>The display name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The kind derived from <c>groupTypes</c>, <c>mailEnabled</c> and <c>securityEnabled</c> (see <see cref="EntraGroup.Kind"/>).</summary>
    public EntraGroupKind Kind { get; init; }

    /// <summary>Whether membership comes from a rule rather than being assigned (see <see cref="EntraGroup.IsDynamic"/>).</summary>
    public bool IsDynamic { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"Group {Id} ({DisplayName}, {Kind}{(IsDynamic ? ", dynamic" : string.Empty)})";
}
