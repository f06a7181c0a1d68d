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
        : this(actionId, inputs, actions, bulk, queries: null)
    {
    }

    /// <summary>Creates a context with the connection's query actions too (the invoker does; hosts do to test their own handlers).</summary>
    /// <param name="actionId">The id of the action being run.</param>
    /// <param name="inputs">The inputs, a JSON object.</param>
    /// <param name="actions">The single actions of the connection the action runs with.</param>
    /// <param name="bulk">The bulk actions of the connection the action runs with.</param>
    /// <param name="queries">The query actions of the connection the action runs with, or <see langword="null"/> when there are none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="actionId"/>, <paramref name="actions"/> or <paramref name="bulk"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="inputs"/> is not a JSON object.</exception>
    public EntraActionContext(string actionId, JsonElement inputs, IEntraActions actions, IEntraBulkActions bulk, IEntraQueryActions? queries)
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
        Queries = queries;
    }

    /// <summary>The id of the action being run.</summary>
    public string ActionId { get; }

    /// <summary>The inputs by their camelCase names, read-only; they satisfy the action's input schema.</summary>
    public JsonElement Inputs { get; }

    /// <summary>The single actions, bound to the connection the action runs with.</summary>
    public IEntraActions Actions { get; }

    /// <summary>The bulk actions, bound to the connection the action runs with.</summary>
    public IEntraBulkActions Bulk { get; }

    /// <summary>The query actions (search, find, list, check), bound to the connection the action runs with; <see langword="null"/> when the context was created without them.</summary>
    public IEntraQueryActions? Queries { get; }
}
