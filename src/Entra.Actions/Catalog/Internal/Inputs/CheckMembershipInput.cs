namespace Entra.Actions.Catalog.Internal.Inputs;

/// <summary>The inputs of <see cref="CheckMembershipAction"/>. Its JSON Schema is the action's input schema.</summary>
internal sealed record CheckMembershipInput
{
    /// <summary>The user's object id or userPrincipalName.</summary>
    public required string UserId { get; init; }

    /// <summary>The group's object id.</summary>
    public required string GroupId { get; init; }

    /// <summary>Whether membership through nested groups counts.</summary>
    public bool? Transitive { get; init; }
}
