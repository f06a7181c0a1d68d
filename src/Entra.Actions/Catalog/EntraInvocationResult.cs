using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Entra.Actions;

/// <summary>
/// The outcome of <see cref="IEntraActionInvoker.InvokeAsync"/>: either <see cref="Succeeded"/> with the action's
/// <see cref="Outputs"/>, or failed with an <see cref="Error"/>.
/// </summary>
public sealed class EntraInvocationResult
{
    private EntraInvocationResult(string actionId, JsonObject outputs, EntraActionError? error)
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
    /// The output variables by their camelCase names (<c>id</c>, <c>displayName</c>, <c>mail</c>, ...; membership actions
    /// <c>success</c>, <c>memberId</c>, <c>groupId</c>, <c>outcome</c>, <c>changed</c>), matching the action's
    /// <see cref="EntraActionDescriptor.OutputSchema"/>. Empty when the action failed.
    /// </summary>
    public JsonObject Outputs { get; }

    /// <summary>The failure (kind, message, Graph error code, status, request-id); <see langword="null"/> on success.</summary>
    public EntraActionError? Error { get; }

    /// <summary>A successful result (also for hosts' tests that fake the invoker).</summary>
    /// <param name="actionId">The action's id.</param>
    /// <param name="outputs">The outputs; the result keeps this object.</param>
    /// <returns>The result.</returns>
    public static EntraInvocationResult Success(string actionId, JsonObject outputs)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        ArgumentNullException.ThrowIfNull(outputs);
        return new EntraInvocationResult(actionId, outputs, null);
    }

    /// <summary>A failed result (also for hosts' tests that fake the invoker).</summary>
    /// <param name="actionId">The action's id.</param>
    /// <param name="error">The failure.</param>
    /// <returns>The result.</returns>
    public static EntraInvocationResult Failure(string actionId, EntraActionError error)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        ArgumentNullException.ThrowIfNull(error);
        return new EntraInvocationResult(actionId, [], error);
    }

    /// <summary>
    /// The result as camelCase JSON for a flow engine's run log: on success <c>{ "success": true, "outputs": { ... } }</c>;
    /// on failure <c>{ "success": false, "error": { "kind", "message", "graphErrorCode", "statusCode", "requestId",
    /// "retryAfterSeconds" } }</c>, where <c>kind</c> is an <see cref="EntraErrorKind"/> name and absent details are null.
    /// </summary>
    /// <returns>A new JSON object (the outputs are copied).</returns>
    public JsonObject ToJson() => Succeeded
        ? new JsonObject { ["success"] = true, ["outputs"] = Outputs.DeepClone() }
        : new JsonObject { ["success"] = false, ["error"] = ActionJson.ToObject(ErrorOutput.From(Error)) };

    /// <inheritdoc />
    public override string ToString() => Succeeded ? $"{ActionId} succeeded" : $"{ActionId} failed: {Error}";
}
