namespace Entra.Actions.Catalog.Internal.Inputs;

/// <summary>The inputs of <see cref="RemoveMemberFromGroupAction"/>. Its JSON Schema is the action's input schema.</summary>
internal sealed record RemoveMemberFromGroupInput
{
    /// <summary>The member's object id, or a user's userPrincipalName.</summary>
    public required string MemberId { get; init; }

    /// <summary>The group's object id.</summary>
    public required string GroupId { get; init; }

    /// <summary>Whether to run it as a dry run (no write sent).</summary>
    public bool? DryRun { get; init; }
}
