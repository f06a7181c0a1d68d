using System.ComponentModel.DataAnnotations;

namespace Entra.Actions.Catalog.Internal.Inputs;

/// <summary>The inputs of <see cref="SearchUsersAction"/>. Its JSON Schema is the action's input schema.</summary>
internal sealed record SearchUsersInput
{
    /// <summary>The start of a name or address.</summary>
    [StringLength(SearchUsersAction.MaxQueryLength, MinimumLength = 1)]
    public required string Query { get; init; }

    /// <summary>The most users to return.</summary>
    [Range(1, SearchUsersAction.MaxLimit)]
    public int? Limit { get; init; }
}
