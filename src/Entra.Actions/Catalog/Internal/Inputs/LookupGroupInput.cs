namespace Entra.Actions.Catalog.Internal.Inputs;

/// <summary>The inputs of <see cref="LookupGroupAction"/>. Its JSON Schema is the action's input schema.</summary>
internal sealed record LookupGroupInput
{
    /// <summary>The group's object id.</summary>
    public required string GroupId { get; init; }

    /// <summary>Extra Graph property names to return.</summary>
    public IReadOnlyList<string>? AdditionalProperties { get; init; }
}
