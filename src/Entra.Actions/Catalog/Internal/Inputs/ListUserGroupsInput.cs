using System.ComponentModel.DataAnnotations;

namespace Entra.Actions.Catalog.Internal.Inputs;

/// <summary>The inputs of <see cref="ListUserGroupsAction"/>. Its JSON Schema is the action's input schema.</summary>
internal sealed record ListUserGroupsInput
{
    /// <summary>The user's object id or userPrincipalName.</summary>
    public required string UserId { get; init; }

    /// <summary>Whether to include groups the user is in through nesting.</summary>
    public bool? Transitive { get; init; }

    /// <summary>The most groups to return.</summary>
    [Range(1, ListUserGroupsAction.MaxLimit)]
    public int? Limit { get; init; }
}
