namespace Entra.Actions;

/// <summary>
/// The <see cref="IEntraActionCatalog"/> of this library, generated from the action classes' own metadata
/// (<see cref="LookupUserAction.Metadata"/>, ..., <see cref="EntraBulkActionMetadata"/>) and, for the schemas, from their
/// typed inputs and outputs. It holds no connection state, so one instance serves every connection. Thread-safe.
/// </summary>
public sealed class EntraActionCatalog : IEntraActionCatalog
{
    private readonly IReadOnlyList<EntraActionDescriptor> _actions = [.. ActionRegistry.All.Select(b => b.Descriptor)];

    /// <inheritdoc />
    public IReadOnlyList<EntraActionDescriptor> Actions => _actions;

    /// <inheritdoc />
    public EntraActionDescriptor? Find(string actionId)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        return ActionRegistry.Find(actionId)?.Descriptor;
    }
}
