namespace Entra.Actions;

/// <summary>An input or output of an action, as a flow designer shows it.</summary>
public sealed class EntraActionParameter
{
    /// <summary>The machine name in camelCase (for example <c>userId</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The name shown to people (for example <c>User ID</c>).</summary>
    public required string DisplayName { get; init; }

    /// <summary>The type: <c>string</c>, <c>boolean</c>, <c>integer</c>, <c>dateTime</c>, <c>string[]</c>, <c>object</c> or <c>object[]</c>.</summary>
    public required string TypeName { get; init; }

    /// <summary>Whether an input must be given, or an output is always present (never <see langword="null"/>).</summary>
    public bool IsRequired { get; init; }

    /// <summary>What the value means and which forms it accepts.</summary>
    public required string Description { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {TypeName}{(IsRequired ? string.Empty : "?")}";
}
