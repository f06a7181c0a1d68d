namespace Entra.Actions.Catalog.Internal.Inputs;

/// <summary>The inputs of <see cref="EntraBulkActionMetadata.LookupUsers"/>. Its JSON Schema is the action's input schema.</summary>
internal sealed record BulkLookupUsersInput
{
    /// <summary>The users' object ids or userPrincipalNames.</summary>
    public required IReadOnlyList<string> UserIds { get; init; }
}
