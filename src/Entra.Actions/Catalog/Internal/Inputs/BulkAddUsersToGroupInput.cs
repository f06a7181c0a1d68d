namespace Entra.Actions.Catalog.Internal.Inputs;

/// <summary>The inputs of <see cref="EntraBulkActionMetadata.AddUsersToGroup"/>. Its JSON Schema is the action's input schema.</summary>
internal sealed record BulkAddUsersToGroupInput
{
    /// <summary>The group's object id.</summary>
    public required string GroupId { get; init; }

    /// <summary>The users' object ids or userPrincipalNames.</summary>
    public required IReadOnlyList<string> UserIds { get; init; }

    /// <summary>Whether to run as a dry run (the same reads and checks, no write); absent or null is false.</summary>
    public bool? DryRun { get; init; }
}
