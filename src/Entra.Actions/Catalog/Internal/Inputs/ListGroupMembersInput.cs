using System.ComponentModel.DataAnnotations;

namespace Entra.Actions.Catalog.Internal.Inputs;

/// <summary>The inputs of <see cref="ListGroupMembersAction"/>. Its JSON Schema is the action's input schema.</summary>
internal sealed record ListGroupMembersInput
{
    /// <summary>The group's object id.</summary>
    public required string GroupId { get; init; }

    /// <summary>Whether to include the members of nested groups.</summary>
    public bool? Transitive { get; init; }

    /// <summary>The most members to return.</summary>
    [Range(1, ListGroupMembersAction.MaxLimit)]
    public int? Limit { get; init; }
}
