using System.ComponentModel.DataAnnotations;

namespace Entra.Actions.Catalog.Internal.Inputs;

/// <summary>The inputs of <see cref="FindGroupAction"/>. Its JSON Schema is the action's input schema.</summary>
internal sealed record FindGroupInput
{
    /// <summary>The group's display name, mail or mail nickname.</summary>
    [StringLength(FindGroupAction.MaxNameLength, MinimumLength = 1)]
    public required string Name { get; init; }
}
