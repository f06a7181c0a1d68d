using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Entra.Actions;

/// <summary>
/// Binds one action's metadata to its typed inputs, its typed outputs and the typed call that runs it. The descriptor's
/// schemas are generated from those types, and the invoker reads inputs and writes outputs with the same types.
/// </summary>
internal sealed class ActionBinding
{
    private const string SuccessOutput = "success";

    private readonly Func<IEntraActions, IEntraBulkActions, object, CancellationToken, Task<EntraActionResult<JsonObject>>> _invoke;
    private readonly Type _inputType;
    private readonly InputSchemaValidator _validator;

    private ActionBinding(
        EntraActionMetadata metadata,
        bool isBulk,
        Type inputType,
        Type outputType,
        bool successOutput,
        Func<IEntraActions, IEntraBulkActions, object, CancellationToken, Task<EntraActionResult<JsonObject>>> invoke)
    {
        Metadata = metadata;
        _inputType = inputType;
        _invoke = invoke;
        var inputSchema = ActionSchemas.ForInputs(metadata, inputType);
        var outputSchema = ActionSchemas.ForOutputs(metadata, outputType, successOutput ? SuccessOutput : null);
        _validator = new InputSchemaValidator(metadata.Id, inputSchema);
        Descriptor = new EntraActionDescriptor
        {
            Id = metadata.Id,
            DisplayName = metadata.DisplayName,
            Description = metadata.Description,
            Inputs = metadata.Inputs,
            Outputs = metadata.Outputs,
            InputSchema = inputSchema,
            OutputSchema = outputSchema,
            DelegatedPermissions = metadata.DelegatedPermissions,
            ApplicationPermissions = metadata.ApplicationPermissions,
            IsWrite = metadata.IsWrite,
            IsBulk = isBulk,
        };
    }

    /// <summary>The catalog entry.</summary>
    public EntraActionDescriptor Descriptor { get; }

    /// <summary>The action's own metadata.</summary>
    public EntraActionMetadata Metadata { get; }

    /// <summary>Binds a single action of <see cref="IEntraActions"/>.</summary>
    /// <typeparam name="TInput">The input record.</typeparam>
    /// <typeparam name="TOutput">The model a successful run returns.</typeparam>
    /// <param name="metadata">The action class's metadata.</param>
    /// <param name="invoke">The typed call.</param>
    /// <param name="successOutput">Whether the outputs start with <c>"success": true</c> (the membership actions).</param>
    /// <returns>The binding.</returns>
    public static ActionBinding Single<TInput, TOutput>(
        EntraActionMetadata metadata,
        Func<IEntraActions, TInput, CancellationToken, Task<EntraActionResult<TOutput>>> invoke,
        bool successOutput = false)
        where TInput : class
        where TOutput : class =>
        new(metadata, isBulk: false, typeof(TInput), typeof(TOutput), successOutput, async (actions, _, input, cancellationToken) =>
        {
            var result = await invoke(actions, (TInput)input, cancellationToken).ConfigureAwait(false)
                ?? EntraActionResult.Failure<TOutput>(new EntraActionError(EntraErrorKind.ServiceError, $"Action '{metadata.Id}' returned no result."));
            if (!result.Succeeded)
            {
                return EntraActionResult.Failure<JsonObject>(result.Error);
            }

            var outputs = ActionJson.ToObject(result.Value);
            if (successOutput)
            {
                outputs.Insert(0, SuccessOutput, true);
            }

            return EntraActionResult.Success(outputs);
        });

    /// <summary>
    /// Binds a bulk action of <see cref="IEntraBulkActions"/>: the run succeeds and each item carries its own result, unless the whole
    /// call failed for one group-level cause (see <paramref name="groupId"/>); then the invocation fails with that cause.
    /// </summary>
    /// <typeparam name="TInput">The input record.</typeparam>
    /// <typeparam name="TItem">The value a successful item produces.</typeparam>
    /// <param name="metadata">The bulk action's metadata.</param>
    /// <param name="invoke">The typed call.</param>
    /// <param name="groupId">The input's group id, for the actions that change one group's members.</param>
    /// <returns>The binding.</returns>
    public static ActionBinding Bulk<TInput, TItem>(
        EntraActionMetadata metadata,
        Func<IEntraBulkActions, TInput, CancellationToken, Task<BulkResult<TItem>>> invoke,
        Func<TInput, string>? groupId = null)
        where TInput : class
        where TItem : class =>
        new(metadata, isBulk: true, typeof(TInput), typeof(BulkOutput<TItem>), successOutput: false, async (_, bulk, input, cancellationToken) =>
        {
            var typed = (TInput)input;
            string? group = null;
            if (groupId is not null && !EntraIdValidator.TryValidateObjectId(groupId(typed), EntraIdValidator.GroupIdInput, out group, out var groupError))
            {
                // The engine would fail every item with this one error; for a flow engine it is the step's inputs that are wrong.
                return EntraActionResult.Failure<JsonObject>(groupError with
                {
                    Message = $"Invalid inputs for action '{metadata.Id}': input 'groupId' is invalid: {groupError.Message}",
                });
            }

            var result = await invoke(bulk, typed, cancellationToken).ConfigureAwait(false);
            if (result is null)
            {
                return EntraActionResult.Failure<JsonObject>(new EntraActionError(EntraErrorKind.ServiceError, $"Action '{metadata.Id}' returned no result."));
            }

            return result.CallError is { } callError
                ? EntraActionResult.Failure<JsonObject>(callError)
                : EntraActionResult.Success(ActionJson.ToObject(BulkOutput<TItem>.From(result)));
        });
    /// <summary>Validates the inputs against the input schema, then reads them as the typed input record.</summary>
    /// <param name="inputs">The caller's inputs.</param>
    /// <param name="input">The typed inputs, when valid.</param>
    /// <param name="error">The <see cref="EntraErrorKind.InvalidInput"/> failure naming the fields, when not.</param>
    /// <returns>Whether the inputs are valid.</returns>
    public bool TryReadInputs(JsonObject inputs, [NotNullWhen(true)] out object? input, [NotNullWhen(false)] out EntraActionError? error)
    {
        input = null;
        if (!_validator.TryValidate(inputs, out error))
        {
            return false;
        }

        try
        {
            input = inputs.Deserialize(_inputType, ActionJson.Options);
        }
        catch (JsonException ex)
        {
            // The schema is generated from the same type, so this is a safety net, not a path callers should reach.
            error = new EntraActionError(EntraErrorKind.InvalidInput, $"Invalid inputs for action '{Descriptor.Id}': {ex.Message}");
            return false;
        }

        if (input is null)
        {
            error = new EntraActionError(EntraErrorKind.InvalidInput, $"Invalid inputs for action '{Descriptor.Id}': the inputs are empty.");
            return false;
        }

        return true;
    }

    /// <summary>Runs the typed action.</summary>
    /// <param name="actions">The single actions.</param>
    /// <param name="bulkActions">The bulk actions.</param>
    /// <param name="input">The typed inputs from <see cref="TryReadInputs"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outputs as JSON, or the action's failure.</returns>
    public Task<EntraActionResult<JsonObject>> InvokeAsync(IEntraActions actions, IEntraBulkActions bulkActions, object input, CancellationToken cancellationToken) =>
        _invoke(actions, bulkActions, input, cancellationToken);
}
