using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Catalog.Internal;

/// <summary>
/// Binds one of this library's actions to its typed inputs, its typed outputs and the typed call that runs it, and hands out
/// its <see cref="EntraActionDescriptor"/>: the schemas are generated from those types, and the handler reads inputs and writes
/// outputs with the same types.
/// </summary>
internal static class ActionBinding
{
    /// <summary>Binds a single action of <see cref="IEntraActions"/>.</summary>
    /// <typeparam name="TInput">The input record.</typeparam>
    /// <typeparam name="TOutput">The model a successful run returns.</typeparam>
    /// <param name="definition">The action class's definition.</param>
    /// <param name="invoke">The typed call.</param>
    /// <returns>The descriptor.</returns>
    public static EntraActionDescriptor Single<TInput, TOutput>(
        ActionDefinition definition,
        Func<IEntraActions, TInput, CancellationToken, Task<EntraActionResult<TOutput>>> invoke)
        where TInput : class
        where TOutput : class =>
        Create<TInput>(definition, isBulk: false, typeof(TOutput), async (context, input, cancellationToken) =>
            ToOutputs(definition, await invoke(context.Actions, input, cancellationToken).ConfigureAwait(false)));

    /// <summary>Binds a query action of <see cref="IEntraQueryActions"/>.</summary>
    /// <typeparam name="TInput">The input record.</typeparam>
    /// <typeparam name="TOutput">The model a successful run returns.</typeparam>
    /// <param name="definition">The action class's definition.</param>
    /// <param name="invoke">The typed call.</param>
    /// <returns>The descriptor.</returns>
    public static EntraActionDescriptor Query<TInput, TOutput>(
        ActionDefinition definition,
        Func<IEntraQueryActions, TInput, CancellationToken, Task<EntraActionResult<TOutput>>> invoke)
        where TInput : class
        where TOutput : class =>
        Create<TInput>(definition, isBulk: false, typeof(TOutput), async (context, input, cancellationToken) =>
            context.Queries is { } queries
                ? ToOutputs(definition, await invoke(queries, input, cancellationToken).ConfigureAwait(false))
                : EntraActionResult.Failure<JsonObject>(new EntraActionError(
                    EntraErrorKind.ServiceError,
                    $"Action '{definition.Id}' needs the connection's query actions, and this run's context was created without them (IEntraQueryActions).")));

    /// <summary>
    /// Binds a bulk action of <see cref="IEntraBulkActions"/>: the run succeeds and each item carries its own result, unless the whole
    /// call failed for one group-level cause (see <paramref name="groupId"/>); then the invocation fails with that cause.
    /// </summary>
    /// <typeparam name="TInput">The input record.</typeparam>
    /// <typeparam name="TItem">The value a successful item produces.</typeparam>
    /// <param name="definition">The bulk action's definition.</param>
    /// <param name="invoke">The typed call.</param>
    /// <param name="groupId">The input's group id, for the actions that change one group's members.</param>
    /// <returns>The descriptor.</returns>
    public static EntraActionDescriptor Bulk<TInput, TItem>(
        ActionDefinition definition,
        Func<IEntraBulkActions, TInput, CancellationToken, Task<BulkResult<TItem>>> invoke,
        Func<TInput, string>? groupId = null)
        where TInput : class
        where TItem : class =>
        Create<TInput>(definition, isBulk: true, typeof(BulkOutput<TItem>), async (context, input, cancellationToken) =>
        {
            if (groupId is not null && !EntraIdValidator.TryValidateObjectId(groupId(input), EntraIdValidator.GroupIdInput, out _, out var groupError))
            {
                // The engine would fail every item with this one error; for a flow engine it is the step's inputs that are wrong.
                return EntraActionResult.Failure<JsonObject>(groupError with
                {
                    Message = $"Invalid inputs for action '{definition.Id}': input 'groupId' is invalid: {groupError.Message}",
                });
            }

            var result = await invoke(context.Bulk, input, cancellationToken).ConfigureAwait(false);
            if (result is null)
            {
                return EntraActionResult.Failure<JsonObject>(NoResult(definition.Id));
            }

            return result.CallError is { } callError
                ? EntraActionResult.Failure<JsonObject>(callError)
                : EntraActionResult.Success(ActionJson.ToObject(BulkOutput<TItem>.From(result)));
        });

    private static EntraActionDescriptor Create<TInput>(
        ActionDefinition definition,
        bool isBulk,
        Type outputType,
        Func<EntraActionContext, TInput, CancellationToken, Task<EntraActionResult<JsonObject>>> run)
        where TInput : class => new()
        {
            Id = definition.Id,
            DisplayName = definition.DisplayName,
            Description = definition.Description,
            Inputs = definition.Inputs,
            Outputs = definition.Outputs,
            InputSchema = ActionSchemas.ForInputs(definition, typeof(TInput)),
            OutputSchema = ActionSchemas.ForOutputs(definition, outputType),
            DelegatedPermissions = definition.DelegatedPermissions,
            ApplicationPermissions = definition.ApplicationPermissions,
            IsWrite = definition.IsWrite,
            IsBulk = isBulk,
            Handler = (context, cancellationToken) => TryRead<TInput>(context, out var input, out var error)
                ? run(context, input, cancellationToken)
                : Task.FromResult(EntraActionResult.Failure<JsonObject>(error)),
        };

    /// <summary>Reads the inputs, which the invoker checked against the input schema, as the typed input record.</summary>
    private static bool TryRead<TInput>(EntraActionContext context, [NotNullWhen(true)] out TInput? input, [NotNullWhen(false)] out EntraActionError? error)
        where TInput : class
    {
        error = null;
        try
        {
            input = context.Inputs.Deserialize<TInput>(ActionJson.Options);
        }
        catch (JsonException ex)
        {
            // The schema is generated from the same type, so this is a safety net, not a path callers should reach.
            input = null;
            error = new EntraActionError(EntraErrorKind.InvalidInput, $"Invalid inputs for action '{context.ActionId}': {ex.Message}");
            return false;
        }

        if (input is null)
        {
            error = new EntraActionError(EntraErrorKind.InvalidInput, $"Invalid inputs for action '{context.ActionId}': the inputs are empty.");
            return false;
        }

        return true;
    }

    private static EntraActionResult<JsonObject> ToOutputs<TOutput>(ActionDefinition definition, EntraActionResult<TOutput>? result)
        where TOutput : class
    {
        if (result is null)
        {
            return EntraActionResult.Failure<JsonObject>(NoResult(definition.Id));
        }

        if (!result.Succeeded)
        {
            return EntraActionResult.Failure<JsonObject>(result.Error);
        }

        // Success is said once, by the invocation result; the outputs are the model's own fields.
        return EntraActionResult.Success(ActionJson.ToObject(result.Value));
    }

    private static EntraActionError NoResult(string actionId) =>
        new(EntraErrorKind.ServiceError, $"Action '{actionId}' returned no result.");
}
