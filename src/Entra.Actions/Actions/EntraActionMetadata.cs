namespace Entra.Actions;

/// <summary>
/// What an action is, takes, returns and needs: the data an action catalog or flow designer shows.
/// Each action class exposes its own as a static <c>Metadata</c> property.
/// </summary>
public sealed class EntraActionMetadata
{
    /// <summary>The stable id (for example <c>entra.lookup_user</c>). Never changes once shipped.</summary>
    public required string Id { get; init; }

    /// <summary>The name shown to people (for example <c>Look up user</c>).</summary>
    public required string DisplayName { get; init; }

    /// <summary>What the action does, in a sentence or two.</summary>
    public required string Description { get; init; }

    /// <summary>The inputs, in the order a designer shows them.</summary>
    public required IReadOnlyList<EntraActionParameter> Inputs { get; init; }

    /// <summary>The outputs of a successful run.</summary>
    public required IReadOnlyList<EntraActionParameter> Outputs { get; init; }

    /// <summary>The least-privileged delegated Graph permissions the action needs, all of them together.</summary>
    public required IReadOnlyList<string> DelegatedPermissions { get; init; }

    /// <summary>The least-privileged application Graph permissions the action needs, all of them together.</summary>
    public required IReadOnlyList<string> ApplicationPermissions { get; init; }

    /// <summary>Whether the action changes the directory.</summary>
    public bool IsWrite { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Id} ({DisplayName})";
}
