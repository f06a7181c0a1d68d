using System.Text.Json.Nodes;

namespace Entra.Actions;

/// <summary>
/// Runs an action of the <see cref="IEntraActionCatalog"/> by id with JSON inputs and returns JSON outputs, for flow
/// engines that do not want to call the typed actions themselves. Implementations are thread-safe.
/// </summary>
public interface IEntraActionInvoker
{
    /// <summary>
    /// Finds the action in the <see cref="IEntraActionCatalog"/>, checks <paramref name="inputs"/> against its input schema, then
    /// runs its <see cref="EntraActionDescriptor.Handler"/>. Never throws for bad
    /// input or a directory outcome: an unknown action id, a missing or unknown input or a value of the wrong type is a
    /// failed result with <see cref="EntraErrorKind.InvalidInput"/> whose message names the field (no request is sent).
    /// </summary>
    /// <param name="actionId">The action's id, for example <c>entra.lookup_user</c>.</param>
    /// <param name="inputs">The inputs by their camelCase names, for example <c>{ "userId": "AdeleV@contoso.com" }</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outputs (matching <see cref="EntraActionDescriptor.OutputSchema"/>), or the failure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="actionId"/> or <paramref name="inputs"/> is <see langword="null"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <remarks>Needs the permissions the action's descriptor lists.</remarks>
    Task<EntraInvocationResult> InvokeAsync(string actionId, JsonObject inputs, CancellationToken cancellationToken = default);
}
