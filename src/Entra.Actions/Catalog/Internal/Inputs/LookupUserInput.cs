namespace Entra.Actions.Catalog.Internal.Inputs;

/// <summary>The inputs of <see cref="LookupUserAction"/>. Its JSON Schema is the action's input schema.</summary>
internal sealed record LookupUserInput
{
    /// <summary>The user's object id or userPrincipalName.</summary>
    public required string UserId { get; init; }

    /// <summary>Extra Graph property names to return.</summary>
    public IReadOnlyList<string>? AdditionalProperties { get; init; }
}
