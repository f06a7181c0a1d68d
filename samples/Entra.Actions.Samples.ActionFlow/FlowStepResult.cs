using System.Text.Json.Nodes;

namespace Entra.Actions.Samples.ActionFlow;

/// <summary>What happened to one step of a flow run.</summary>
/// <param name="Step">The step as the flow defines it.</param>
/// <param name="Inputs">The inputs after resolving references; <see langword="null"/> when they could not be resolved or the step was skipped.</param>
/// <param name="Result">The invoker's result; <see langword="null"/> when the step did not run.</param>
/// <param name="Problem">Why the step did not run or did not do what it should, or <see langword="null"/>.</param>
internal sealed record FlowStepResult(FlowStep Step, JsonObject? Inputs, EntraInvocationResult? Result, string? Problem)
{
    /// <summary>Whether the step ran and did what the flow expects.</summary>
    public bool MetExpectation => Result is not null && Problem is null;

    /// <summary>Whether the step was not run because an earlier step did not meet its expectation.</summary>
    public bool Skipped => Result is null && Inputs is null && Problem is null;
}
