namespace Entra.Actions;

/// <summary>
/// The actions a flow designer can offer and <see cref="IEntraActionInvoker"/> runs: one <see cref="EntraActionDescriptor"/>
/// per action (the single actions and the bulk actions, and any a host adds), with inputs, outputs, JSON Schemas, permissions
/// and the handler that runs it. An id the catalog does not have cannot be invoked. Implementations are thread-safe.
/// </summary>
public interface IEntraActionCatalog
{
    /// <summary>Every action, in the order a designer lists them (single actions first, then bulk).</summary>
    IReadOnlyList<EntraActionDescriptor> Actions { get; }

    /// <summary>Finds an action by its stable id (for example <c>entra.lookup_user</c>); ids are compared exactly.</summary>
    /// <param name="actionId">The action's id.</param>
    /// <returns>The action, or <see langword="null"/> when no action has that id.</returns>
    EntraActionDescriptor? Find(string actionId);
}
