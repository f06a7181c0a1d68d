namespace Entra.Actions.Catalog.Internal.Inputs;

/// <summary>The inputs of <see cref="AddUserToGroupAction"/>. Its JSON Schema is the action's input schema.</summary>
internal sealed record AddUserToGroupInput
{
    /// <summary>The user's object id or userPrincipalName.</summary>
    public required string UserId { get; init; }

    /// <summary>The group's object id.</summary>
    public required string GroupId { get; init; }

    /// <summary>Whether to run it as a dry run (no write sent).</summary>
    public bool? DryRun { get; init; }
}
