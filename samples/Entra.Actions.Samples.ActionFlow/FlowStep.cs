using System.Text.Json.Nodes;

namespace Entra.Actions.Samples.ActionFlow;

/// <summary>One step of a flow: which action to run, with which inputs, and what it should do.</summary>
internal sealed record FlowStep
{
    /// <summary>The step's id, unique in the flow; later steps reference its outputs as <c>{{steps.&lt;id&gt;.outputs.&lt;name&gt;}}</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The catalog id of the action, for example <c>entra.lookup_user</c>.</summary>
    public required string Action { get; init; }

    /// <summary>What the step is for, as the flow's author wrote it; optional.</summary>
    public string? Description { get; init; }

    /// <summary>The action's inputs; string values may hold references to earlier outputs (see <see cref="FlowTemplate"/>).</summary>
    public JsonObject Inputs { get; init; } = [];

    /// <summary>Whether the step should succeed (the default) or fail.</summary>
    public FlowExpectation Expect { get; init; } = FlowExpectation.Success;

    /// <summary>For an expected failure, the error kind it should fail with; <see langword="null"/> accepts any kind.</summary>
    public EntraErrorKind? ExpectError { get; init; }

    /// <summary>For an expected success, outputs that must have exactly these values (the others are not checked).</summary>
    public JsonObject? ExpectOutputs { get; init; }
}
