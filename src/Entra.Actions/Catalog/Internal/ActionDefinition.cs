namespace Entra.Actions.Catalog.Internal;

/// <summary>
/// The hand-written part of one of this library's actions (id, names, inputs, outputs, permissions), declared on the action
/// class; <see cref="ActionBinding"/> adds the schemas generated from its typed inputs and outputs and the handler, and
/// hands out the <see cref="EntraActionDescriptor"/>.
/// </summary>
internal sealed class ActionDefinition
{
    public required string Id { get; init; }

    public required string DisplayName { get; init; }

    public required string Description { get; init; }

    public required IReadOnlyList<EntraActionParameter> Inputs { get; init; }

    public required IReadOnlyList<EntraActionParameter> Outputs { get; init; }

    public required IReadOnlyList<string> DelegatedPermissions { get; init; }

    public required IReadOnlyList<string> ApplicationPermissions { get; init; }

    public bool IsWrite { get; init; }
}
