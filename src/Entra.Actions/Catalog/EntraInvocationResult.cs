using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Entra.Actions.Catalog.Internal;

namespace Entra.Actions;

/// <summary>
/// The outcome of <see cref="IEntraActionInvoker.InvokeAsync"/>: either <see cref="Succeeded"/> with the action's
/// <see cref="Outputs"/>, or failed with an <see cref="Error"/>. Immutable, so one result can be handed to many readers.
/// </summary>
public sealed class EntraInvocationResult
{
    private static readonly JsonElement NoOutputs = JsonSerializer.SerializeToElement(new JsonObject());

    private EntraInvocationResult(string actionId, JsonElement outputs, EntraActionError? error)
    {
        ActionId = actionId;
        Outputs = outputs;
        Error = error;
    }

    /// <summary>The id of the action that was invoked, as the caller gave it.</summary>
    public string ActionId { get; }

    /// <summary>Whether the action succeeded. When false, <see cref="Error"/> is set.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>
    /// The output variables as a read-only JSON object, by their camelCase names (<c>id</c>, <c>displayName</c>, <c>mail</c>, ...;
    /// membership actions <c>memberId</c>, <c>groupId</c>, <c>outcome</c>, <c>isDryRun</c>, <c>changed</c>), matching the action's
    /// <see cref="EntraActionDescriptor.OutputSchema"/>. An empty object when the action failed; whether the action succeeded is
    /// <see cref="Succeeded"/> (and <c>success</c> in <see cref="ToJson"/>), not an output.
    /// </summary>
    /// <remarks>Read a value with <see cref="JsonElement.GetProperty(string)"/>; for an editable copy use <see cref="JsonObject.Create(JsonElement, JsonNodeOptions?)"/>.</remarks>
    public JsonElement Outputs { get; }

    /// <summary>The failure (kind, message, Graph error code, status, request-id); <see langword="null"/> on success.</summary>
    public EntraActionError? Error { get; }

    /// <summary>A successful result (also for hosts' tests that fake the invoker).</summary>
    /// <param name="actionId">The action's id.</param>
    /// <param name="outputs">The outputs; the result keeps a read-only copy, so later changes to this object do not show.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="actionId"/> or <paramref name="outputs"/> is <see langword="null"/>.</exception>
    public static EntraInvocationResult Success(string actionId, JsonObject outputs)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        ArgumentNullException.ThrowIfNull(outputs);
        return new EntraInvocationResult(actionId, JsonSerializer.SerializeToElement(outputs), null);
    }

    /// <summary>A failed result (also for hosts' tests that fake the invoker).</summary>
    /// <param name="actionId">The action's id.</param>
    /// <param name="error">The failure.</param>
    /// <returns>The result.</returns>
    public static EntraInvocationResult Failure(string actionId, EntraActionError error)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        ArgumentNullException.ThrowIfNull(error);
        return new EntraInvocationResult(actionId, NoOutputs, error);
    }

    /// <summary>
    /// The result as compact camelCase JSON text on one line, for a flow engine's run log or an API response: on success
    /// <c>{"success":true,"outputs":{...}}</c>; on failure <c>{"success":false,"error":{"kind","message","graphErrorCode",
    /// "statusCode","requestId","retryAfterSeconds"}}</c>, where <c>kind</c> is an <see cref="EntraErrorKind"/> name and
    /// absent details are null. The same content as <see cref="ToJsonObject"/>.
    /// </summary>
    /// <remarks>
    /// Names and messages are written as they are (<c>O'Brien</c>, <c>+</c>, <c>&lt;</c>, <c>&amp;</c>, accented letters), not
    /// as <c>\u0027</c>-style escapes, so the text is readable in logs: it is meant for logs and JSON APIs. HTML-encode it
    /// before putting it into an HTML page.
    /// </remarks>
    /// <returns>The JSON text.</returns>
    public string ToJson() => ToJsonObject().ToJsonString(ActionJson.TextOptions);

    /// <summary>
    /// The result as a new camelCase JSON object, for a host that adds to it or edits it before writing it: the same content as
    /// <see cref="ToJson"/> (<c>success</c>, then <c>outputs</c> or <c>error</c>).
    /// </summary>
    /// <returns>A new JSON object; changing it does not change this result.</returns>
    public JsonObject ToJsonObject() => Succeeded
        ? new JsonObject { ["success"] = true, ["outputs"] = JsonObject.Create(Outputs) }
        : new JsonObject { ["success"] = false, ["error"] = ActionJson.ToObject(ErrorOutput.From(Error)) };

    /// <inheritdoc />
    public override string ToString() => Succeeded ? $"{ActionId} succeeded" : $"{ActionId} failed: {Error}";
}
