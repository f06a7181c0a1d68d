using System.Text.Json;

namespace Entra.Actions;

/// <summary>
/// What an <see cref="EntraActionDescriptor.Handler"/> gets for one run: the action's id, the inputs the invoker checked
/// against the descriptor's <see cref="EntraActionDescriptor.InputSchema"/>, and the connection's typed actions. Immutable.
/// </summary>
public sealed class EntraActionContext
{
    /// <summary>Creates a context (the invoker does; hosts do to test their own handlers).</summary>
    /// <param name="actionId">The id of the action being run.</param>
    /// <param name="inputs">The inputs, a JSON object.</param>
    /// <param name="actions">The single actions of the connection the action runs with.</param>
    /// <param name="bulk">The bulk actions of the connection the action runs with.</param>
    /// <exception cref="ArgumentNullException"><paramref name="actionId"/>, <paramref name="actions"/> or <paramref name="bulk"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="inputs"/> is not a JSON object.</exception>
    public EntraActionContext(string actionId, JsonElement inputs, IEntraActions actions, IEntraBulkActions bulk)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(bulk);
        if (inputs.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"The inputs must be a JSON object, not {inputs.ValueKind}.", nameof(inputs));
        }

        ActionId = actionId;
        Inputs = inputs;
        Actions = actions;
        Bulk = bulk;
    }

    /// <summary>The id of the action being run.</summary>
    public string ActionId { get; }

    /// <summary>The inputs by their camelCase names, read-only; they satisfy the action's input schema.</summary>
    public JsonElement Inputs { get; }

    /// <summary>The single actions, bound to the connection the action runs with.</summary>
    public IEntraActions Actions { get; }

    /// <summary>The bulk actions, bound to the connection the action runs with.</summary>
    public IEntraBulkActions Bulk { get; }
}
