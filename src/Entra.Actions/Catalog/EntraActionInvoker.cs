using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Entra.Actions;

/// <summary>
/// The <see cref="IEntraActionInvoker"/> of this library: looks the id up in the catalog, checks the inputs against the
/// action's input schema, reads them as the action's typed inputs and calls <see cref="IEntraActions"/> or
/// <see cref="IEntraBulkActions"/>; the typed result becomes the JSON outputs. Holds no state of its own, so a connection's
/// invoker is this class over that connection's actions. Thread-safe.
/// </summary>
public sealed class EntraActionInvoker : IEntraActionInvoker
{
    private readonly IEntraActionCatalog _catalog;
    private readonly IEntraActions _actions;
    private readonly IEntraBulkActions _bulkActions;
    private readonly ILogger<EntraActionInvoker> _logger;

    /// <summary>Creates the invoker.</summary>
    /// <param name="catalog">The actions that may be invoked (a host can offer fewer than <see cref="EntraActionCatalog"/> has).</param>
    /// <param name="actions">The single actions of the connection.</param>
    /// <param name="bulkActions">The bulk actions of the connection.</param>
    /// <param name="logger">The logger.</param>
    public EntraActionInvoker(IEntraActionCatalog catalog, IEntraActions actions, IEntraBulkActions bulkActions, ILogger<EntraActionInvoker> logger)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(bulkActions);
        ArgumentNullException.ThrowIfNull(logger);
        _catalog = catalog;
        _actions = actions;
        _bulkActions = bulkActions;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<EntraInvocationResult> InvokeAsync(string actionId, JsonObject inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        ArgumentNullException.ThrowIfNull(inputs);
        cancellationToken.ThrowIfCancellationRequested();

        // The catalog says what may run; the registry knows how. A descriptor a host added without a binding cannot run.
        var binding = _catalog.Find(actionId) is null ? null : ActionRegistry.Find(actionId);
        if (binding is null)
        {
            Log.InvocationUnknownAction(_logger, EntraIdValidator.Quote(actionId));
            return EntraInvocationResult.Failure(actionId, new EntraActionError(
                EntraErrorKind.InvalidInput,
                $"Unknown action {EntraIdValidator.Quote(actionId)}. Known actions: {string.Join(", ", _catalog.Actions.Select(a => a.Id))}."));
        }

        if (!binding.TryReadInputs(inputs, out var input, out var inputError))
        {
            Log.InvocationInputsRejected(_logger, actionId);
            Log.FailureDetail(_logger, actionId, inputError.Message);
            return EntraInvocationResult.Failure(actionId, inputError);
        }

        EntraActionResult<JsonObject> result;
        try
        {
            result = await binding.InvokeAsync(_actions, _bulkActions, input, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The typed actions return results for every outcome; a host's own IEntraActions might still throw. A flow
            // engine gets a failed step rather than an exception, as for any other service failure.
            Log.InvocationThrew(_logger, actionId, ex.GetType().FullName ?? ex.GetType().Name);
            return EntraInvocationResult.Failure(actionId, new EntraActionError(
                EntraErrorKind.ServiceError, $"Action '{actionId}' failed unexpectedly ({ex.GetType().Name})."));
        }

        return result.Succeeded
            ? EntraInvocationResult.Success(actionId, result.Value)
            : EntraInvocationResult.Failure(actionId, result.Error);
    }
}
