using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Entra.Actions.Samples.ActionFlow;

/// <summary>
/// Runs a flow's steps in order through an <see cref="IEntraActionInvoker"/> (JSON in, JSON out), the way a flow engine does:
/// resolve the step's references, invoke the action by id, keep its result for later steps, compare it with the expectation.
/// The first step that does not do what the flow expects stops the run; the steps after it are skipped.
/// </summary>
internal sealed class FlowRunner(IEntraActionInvoker invoker, TextWriter output)
{
    // For reading in a terminal: indented, and quotes, apostrophes and '+' left as they are (not \u0027).
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Runs <paramref name="flow"/> and prints each step's inputs, outputs and outcome.</summary>
    /// <param name="flow">The flow.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>One result per step, in order.</returns>
    public async Task<IReadOnlyList<FlowStepResult>> RunAsync(FlowDefinition flow, CancellationToken cancellationToken = default)
    {
        var completed = new Dictionary<string, EntraInvocationResult>(StringComparer.Ordinal);
        var results = new List<FlowStepResult>();
        for (var i = 0; i < flow.Steps.Count; i++)
        {
            var step = flow.Steps[i];
            output.WriteLine($"  Step {i + 1}/{flow.Steps.Count} '{step.Id}': {step.Action}{(step.Description is null ? string.Empty : " - " + step.Description)}");
            if (results.Count > 0 && !results[^1].MetExpectation)
            {
                results.Add(new FlowStepResult(step, null, null, null));
                output.WriteLine("    skipped: an earlier step did not do what the flow expects");
                output.WriteLine();
                continue;
            }

            var result = await RunStepAsync(step, completed, cancellationToken);
            results.Add(result);
            if (result.Result is not null)
            {
                completed[step.Id] = result.Result;
            }

            output.WriteLine();
        }

        return results;
    }

    private async Task<FlowStepResult> RunStepAsync(FlowStep step, Dictionary<string, EntraInvocationResult> completed, CancellationToken cancellationToken)
    {
        JsonObject inputs;
        try
        {
            inputs = FlowTemplate.Resolve(step.Inputs, completed);
        }
        catch (FlowTemplateException exception)
        {
            // A broken reference is a mistake in the flow, not a directory outcome: the step does not run.
            output.WriteLine($"    [FAIL] inputs cannot be resolved: {exception.Message}");
            return new FlowStepResult(step, null, null, exception.Message);
        }

        output.WriteLine($"    inputs:  {inputs.ToJsonString(Compact)}");
        var result = await invoker.InvokeAsync(step.Action, inputs, cancellationToken);
        if (result.Succeeded)
        {
            output.WriteLine($"    outputs: {Indent(JsonObject.Create(result.Outputs)!)}");
        }
        else
        {
            output.WriteLine($"    error:   {Indent(result.ToJsonObject()["error"]!)}");
        }

        var problem = Check(step, result);
        var outcome = result.Succeeded ? Outcome(result.Outputs) : $"failed with {result.Error.Kind}";
        output.WriteLine(problem is null
            ? $"    [ ok ] {outcome}{(step.Expect == FlowExpectation.Failure ? ", as expected" : string.Empty)}"
            : $"    [FAIL] {outcome}: {problem}");
        return new FlowStepResult(step, inputs, result, problem);
    }

    /// <summary>Compares a result with the step's expectation; returns what differs, or <see langword="null"/>.</summary>
    private static string? Check(FlowStep step, EntraInvocationResult result)
    {
        if (step.Expect == FlowExpectation.Failure)
        {
            return result.Succeeded ? "the step should have failed"
                : step.ExpectError is { } kind && kind != result.Error.Kind ? $"the step should have failed with {kind}"
                : null;
        }

        if (!result.Succeeded)
        {
            return "the step should have succeeded";
        }

        var outputs = JsonObject.Create(result.Outputs)!;
        var differing = (step.ExpectOutputs ?? [])
            .Where(expected => !JsonNode.DeepEquals(expected.Value, outputs[expected.Key]))
            .Select(expected => $"{expected.Key} should be {expected.Value?.ToJsonString() ?? "null"}, is {outputs[expected.Key]?.ToJsonString() ?? "null"}")
            .ToList();
        return differing.Count == 0 ? null : string.Join("; ", differing);
    }

    /// <summary>A one-word summary of a success: the membership outcome when the action reports one.</summary>
    private static string Outcome(JsonElement outputs) =>
        outputs.TryGetProperty("outcome", out var outcome) && outcome.ValueKind == JsonValueKind.String ? $"succeeded ({outcome.GetString()})" : "succeeded";

    /// <summary>Pretty JSON, indented to sit under the step's label.</summary>
    private static string Indent(JsonNode json) =>
        json.ToJsonString(Indented).ReplaceLineEndings(Environment.NewLine + "    ");
}
