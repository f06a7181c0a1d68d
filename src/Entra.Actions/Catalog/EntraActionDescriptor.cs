using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Entra.Actions.Catalog.Internal;

namespace Entra.Actions;

/// <summary>
/// One action as a flow designer shows it and the invoker runs it: id, names, inputs and outputs, their JSON Schemas
/// (draft 2020-12), the Graph permissions it needs, whether it writes, and the <see cref="Handler"/> that runs it.
/// Immutable; the schemas are handed out as copies.
/// </summary>
/// <remarks>
/// The library's own actions are in <see cref="EntraActionCatalog"/> (and on each action class, for example
/// <see cref="LookupUserAction.Descriptor"/>). A host adds an action of its own by creating a descriptor with its id, schemas
/// and handler and offering it from its <see cref="IEntraActionCatalog"/>; <see cref="IEntraActionInvoker"/> runs whatever the
/// catalog's entry for an id says.
/// </remarks>
public sealed class EntraActionDescriptor
{
    private readonly JsonObject _inputSchema = [];
    private readonly JsonObject _outputSchema = [];

    // Both are set by their required properties' init accessors.
    private readonly InputSchemaValidator _inputValidator = null!;
    private readonly Func<EntraActionContext, CancellationToken, Task<EntraActionResult<JsonObject>>> _handler = null!;

    /// <summary>The stable id (for example <c>entra.add_user_to_group</c>), the value to pass to <see cref="IEntraActionInvoker.InvokeAsync"/>.</summary>
    public required string Id { get; init; }

    /// <summary>The name shown in the designer (for example <c>Add user to group</c>).</summary>
    public required string DisplayName { get; init; }

    /// <summary>What the action does, in a sentence or two.</summary>
    public required string Description { get; init; }

    /// <summary>The inputs (name, display name, type, required, description), in the order a designer shows them.</summary>
    public required IReadOnlyList<EntraActionParameter> Inputs { get; init; }

    /// <summary>The outputs of a successful run, by the camelCase names they have in <see cref="EntraInvocationResult.Outputs"/>.</summary>
    public required IReadOnlyList<EntraActionParameter> Outputs { get; init; }

    /// <summary>
    /// The JSON Schema (draft 2020-12) of the inputs object: property types, which are required, and no other properties.
    /// <see cref="IEntraActionInvoker"/> checks inputs against it before running the action. Each read returns a new copy.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value set is <see langword="null"/>.</exception>
    public required JsonObject InputSchema
    {
        get => (JsonObject)_inputSchema.DeepClone();
        init
        {
            _inputSchema = (JsonObject)(value ?? throw new ArgumentNullException(nameof(value))).DeepClone();
            _inputValidator = new InputSchemaValidator(_inputSchema);
        }
    }

    /// <summary>
    /// The JSON Schema (draft 2020-12) of <see cref="EntraInvocationResult.Outputs"/> after a successful run: every output is
    /// always present; the ones that can be missing in the directory are nullable. Each read returns a new copy.
    /// </summary>
    public required JsonObject OutputSchema
    {
        get => (JsonObject)_outputSchema.DeepClone();
        init => _outputSchema = (JsonObject)(value ?? throw new ArgumentNullException(nameof(value))).DeepClone();
    }

    /// <summary>The least-privileged delegated Graph permissions the action needs, all of them together.</summary>
    public required IReadOnlyList<string> DelegatedPermissions { get; init; }

    /// <summary>The least-privileged application Graph permissions the action needs, all of them together.</summary>
    public required IReadOnlyList<string> ApplicationPermissions { get; init; }

    /// <summary>Whether the action changes the directory.</summary>
    public bool IsWrite { get; init; }

    /// <summary>
    /// Whether the action takes lists of ids and reports one result per item (<see cref="IEntraBulkActions"/>). A bulk invocation
    /// fails as a whole only when the call itself failed: an invalid <c>groupId</c>, or a group that could not be read or is refused.
    /// </summary>
    public bool IsBulk { get; init; }

    /// <summary>
    /// Runs the action: gets the inputs (already checked against <see cref="InputSchema"/>) and the connection's actions in an
    /// <see cref="EntraActionContext"/>, and returns the outputs (matching <see cref="OutputSchema"/>) or the failure.
    /// Outcomes are results; the invoker turns an exception other than the caller's cancellation into a
    /// <see cref="EntraErrorKind.ServiceError"/> failure.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value set is <see langword="null"/>.</exception>
    public required Func<EntraActionContext, CancellationToken, Task<EntraActionResult<JsonObject>>> Handler
    {
        get => _handler;
        init => _handler = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// The descriptor as compact camelCase JSON text on one line, for a designer's API: <c>id</c>, <c>displayName</c>,
    /// <c>description</c>, <c>inputs</c> and <c>outputs</c> (each <c>name</c>, <c>displayName</c>, <c>type</c>, <c>required</c>,
    /// <c>description</c>), <c>inputSchema</c>, <c>outputSchema</c>, <c>delegatedPermissions</c>, <c>applicationPermissions</c>,
    /// <c>isWrite</c>, <c>isBulk</c>. The same content as <see cref="ToJsonObject"/>.
    /// </summary>
    /// <remarks>
    /// Text is written as it is (<c>'</c>, <c>+</c>, <c>&lt;</c>, <c>&amp;</c>, accented letters), not as <c>\u0027</c>-style
    /// escapes: it is meant for logs and JSON APIs. HTML-encode it before putting it into an HTML page.
    /// </remarks>
    /// <returns>The JSON text.</returns>
    public string ToJson() => ToJsonObject().ToJsonString(ActionJson.TextOptions);

    /// <summary>
    /// The descriptor as a new camelCase JSON object, for a host that adds to it or edits it before writing it: the same
    /// content as <see cref="ToJson"/>.
    /// </summary>
    /// <returns>A new JSON object; changing it does not change this descriptor.</returns>
    public JsonObject ToJsonObject() => new()
    {
        ["id"] = Id,
        ["displayName"] = DisplayName,
        ["description"] = Description,
        ["inputs"] = Parameters(Inputs),
        ["outputs"] = Parameters(Outputs),
        ["inputSchema"] = InputSchema,
        ["outputSchema"] = OutputSchema,
        ["delegatedPermissions"] = new JsonArray([.. DelegatedPermissions.Select(p => (JsonNode)JsonValue.Create(p))]),
        ["applicationPermissions"] = new JsonArray([.. ApplicationPermissions.Select(p => (JsonNode)JsonValue.Create(p))]),
        ["isWrite"] = IsWrite,
        ["isBulk"] = IsBulk,
    };

    /// <inheritdoc />
    public override string ToString() => $"{Id} ({DisplayName})";

    /// <summary>Checks the caller's inputs against <see cref="InputSchema"/>.</summary>
    /// <param name="inputs">The caller's inputs.</param>
    /// <param name="validated">A read-only copy of the inputs, when valid.</param>
    /// <param name="error">The <see cref="EntraErrorKind.InvalidInput"/> failure naming the fields, when not.</param>
    /// <returns>Whether the inputs are valid.</returns>
    internal bool TryValidateInputs(JsonObject inputs, out JsonElement validated, [NotNullWhen(false)] out EntraActionError? error) =>
        _inputValidator.TryValidate(Id, inputs, out validated, out error);

    private static JsonArray Parameters(IReadOnlyList<EntraActionParameter> parameters) =>
        new([.. parameters.Select(p => (JsonNode)new JsonObject
        {
            ["name"] = p.Name,
            ["displayName"] = p.DisplayName,
            ["type"] = p.TypeName,
            ["required"] = p.IsRequired,
            ["description"] = p.Description,
        })]);
}
