using Entra.Actions.Catalog.Internal;

namespace Entra.Actions;

/// <summary>
/// The <see cref="IEntraActionCatalog"/> of this library: the action classes' own descriptors
/// (<see cref="LookupUserAction.Descriptor"/>, ..., <see cref="EntraBulkActionMetadata"/>), whose schemas are generated from
/// their typed inputs and outputs. It holds no connection state, so one instance serves every connection. Thread-safe.
/// </summary>
/// <remarks>
/// A host that offers more actions (or fewer) implements <see cref="IEntraActionCatalog"/>, for example over this catalog's
/// <see cref="Actions"/> plus descriptors of its own, and registers it before <c>AddEntraActions</c> (for a named connection, in
/// <see cref="EntraConnectionFactoryOptions.ConfigureServices"/>, replacing this one).
/// </remarks>
public sealed class EntraActionCatalog : IEntraActionCatalog
{
    /// <inheritdoc />
    public IReadOnlyList<EntraActionDescriptor> Actions => ActionRegistry.All;

    /// <inheritdoc />
    public EntraActionDescriptor? Find(string actionId)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        return ActionRegistry.Find(actionId);
    }
}
