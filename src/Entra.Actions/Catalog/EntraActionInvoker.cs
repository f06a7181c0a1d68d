using System.Text.Json.Nodes;
using Entra.Actions.Bulk.Internal;
using Entra.Actions.Logging.Internal;
using Entra.Actions.Validation.Internal;
using Microsoft.Extensions.Logging;

namespace Entra.Actions;

/// <summary>
/// The <see cref="IEntraActionInvoker"/> of this library: looks the id up once, in the catalog, checks the inputs against that
/// entry's input schema and runs the entry's <see cref="EntraActionDescriptor.Handler"/> with the connection's
/// <see cref="IEntraActions"/>, <see cref="IEntraBulkActions"/> and <see cref="IEntraQueryActions"/>; the handler's outputs become the result. So an action a
/// host's catalog adds runs like the library's own, and an id the host's catalog leaves out does not run. A bulk write
/// (<see cref="EntraActionDescriptor.IsBulk"/> and <see cref="EntraActionDescriptor.IsWrite"/>) whose longest list input holds
/// more items than <see cref="EntraWritePolicyOptions.MaxBulkItems"/> is refused as a whole
/// (<see cref="EntraErrorKind.PolicyDenied"/>, audited) before its inputs are validated or any request is sent, when it runs on
/// this library's bulk actions. Holds no state of its own, so a connection's invoker is this class over that connection's
/// actions. Thread-safe.
/// </summary>
public sealed class EntraActionInvoker : IEntraActionInvoker
{
    private readonly IEntraActionCatalog _catalog;
    private readonly IEntraActions _actions;
    private readonly IEntraBulkActions _bulkActions;
    private readonly IEntraQueryActions? _queries;
    private readonly ILogger<EntraActionInvoker> _logger;

    /// <summary>Creates the invoker.</summary>
    /// <param name="catalog">The actions that may be invoked and how each runs (a host's catalog can offer fewer or more than <see cref="EntraActionCatalog"/>).</param>
    /// <param name="actions">The single actions of the connection.</param>
    /// <param name="bulkActions">The bulk actions of the connection.</param>
    /// <param name="logger">The logger.</param>
    /// <remarks>Without the connection's <see cref="IEntraQueryActions"/>, the catalog's query actions (search, find, list, check) fail with a service error; use the overload that takes them.</remarks>
    public EntraActionInvoker(IEntraActionCatalog catalog, IEntraActions actions, IEntraBulkActions bulkActions, ILogger<EntraActionInvoker> logger)
        : this(catalog, actions, bulkActions, queries: null, logger)
    {
    }

    /// <summary>Creates the invoker with the connection's query actions too, so it runs the query actions of the catalog.</summary>
    /// <param name="catalog">The actions that may be invoked and how each runs.</param>
    /// <param name="actions">The single actions of the connection.</param>
    /// <param name="bulkActions">The bulk actions of the connection.</param>
    /// <param name="queries">The query actions of the connection; without them the query actions fail with a service error.</param>
    /// <param name="logger">The logger.</param>
    public EntraActionInvoker(IEntraActionCatalog catalog, IEntraActions actions, IEntraBulkActions bulkActions, IEntraQueryActions? queries, ILogger<EntraActionInvoker> logger)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(bulkActions);
        ArgumentNullException.ThrowIfNull(logger);
        _catalog = catalog;
        _actions = actions;
        _bulkActions = bulkActions;
        _queries = queries;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<EntraInvocationResult> InvokeAsync(string actionId, JsonObject inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        ArgumentNullException.ThrowIfNull(inputs);
        cancellationToken.ThrowIfCancellationRequested();

        var descriptor = _catalog.Find(actionId);
        if (descriptor is null)
        {
            Log.InvocationUnknownAction(_logger, EntraIdValidator.Quote(actionId));
            return EntraInvocationResult.Failure(actionId, new EntraActionError(
                EntraErrorKind.InvalidInput,
                $"Unknown action {EntraIdValidator.Quote(actionId)}. Known actions: {string.Join(", ", _catalog.Actions.Select(a => a.Id))}."));
        }

        if (descriptor is { IsBulk: true, IsWrite: true } && _bulkActions is IBulkSizeGate gate
            && await gate.RefuseOversizedAsync(actionId, LargestList(inputs), inputs["groupId"] is JsonValue group && group.TryGetValue(out string? groupId) ? groupId : null,
                inputs["dryRun"] is JsonValue dryRun && dryRun.TryGetValue(out bool isDryRun) && isDryRun).ConfigureAwait(false) is { } tooMany)
        {
            // Counted before the items are validated: a call far over the limit costs no more than its array's length.
            return EntraInvocationResult.Failure(actionId, tooMany);
        }

        if (!descriptor.TryValidateInputs(inputs, out var validated, out var inputError))
        {
            Log.InvocationInputsRejected(_logger, actionId);
            Log.FailureDetail(_logger, actionId, inputError.Message);
            return EntraInvocationResult.Failure(actionId, inputError);
        }

        EntraInvocationResult invocation;
        try
        {
            var context = new EntraActionContext(actionId, validated, _actions, _bulkActions, _queries);
            var result = await descriptor.Handler(context, cancellationToken).ConfigureAwait(false);
            invocation = result is null
                ? EntraInvocationResult.Failure(actionId, new EntraActionError(EntraErrorKind.ServiceError, $"Action '{actionId}' returned no result."))
                : result.Succeeded
                    ? EntraInvocationResult.Success(actionId, result.Value)
                    : EntraInvocationResult.Failure(actionId, result.Error);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The library's handlers return results for every outcome; a host's own handler or IEntraActions might still throw
            // (or return outputs with no JSON form). A flow engine gets a failed step rather than an exception, as for any
            // other service failure.
            Log.InvocationThrew(_logger, actionId, ex.GetType().FullName ?? ex.GetType().Name);
            return EntraInvocationResult.Failure(actionId, new EntraActionError(
                EntraErrorKind.ServiceError, $"Action '{actionId}' failed unexpectedly ({ex.GetType().Name})."));
        }

        return invocation;
    }

    /// <summary>The items of a bulk call: the length of its longest list input.</summary>
    private static int LargestList(JsonObject inputs)
    {
        var largest = 0;
        foreach (var (_, value) in inputs)
        {
            if (value is JsonArray list && list.Count > largest)
            {
                largest = list.Count;
            }
        }

        return largest;
    }
}
