using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Entra.Actions.Samples.ActionFlow;

/// <summary>
/// Resolves references to earlier steps' outputs in a step's inputs, the way a flow engine fills the inputs an admin mapped
/// in the designer. A reference is <c>{{steps.&lt;stepId&gt;.outputs.&lt;path&gt;}}</c>, where the path names an output and,
/// for nested outputs, properties or array indexes below it (<c>additionalProperties.department</c>, <c>items.0.id</c>).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A string that is exactly one reference becomes the referenced value with its JSON type (a string, number, boolean,
/// array, object or null), so <c>"{{steps.add.outputs.changed}}"</c> is the boolean, not the text "true".</item>
/// <item>References inside longer text are replaced by the value's text; objects, arrays and null cannot be embedded.</item>
/// <item>A reference to a step that did not run before, to a step that failed, or to an output that does not exist is an error
/// (<see cref="FlowTemplateException"/>): the step is not run with a half-filled input.</item>
/// </list>
/// </remarks>
internal static partial class FlowTemplate
{
    /// <summary>Resolves every reference in <paramref name="inputs"/> (recursively, in objects and arrays).</summary>
    /// <param name="inputs">The step's inputs as written in the flow; not changed.</param>
    /// <param name="earlierSteps">The results of the steps that ran before, by step id.</param>
    /// <returns>A new inputs object with the references replaced.</returns>
    /// <exception cref="FlowTemplateException">A reference cannot be resolved; the message names it and says why.</exception>
    public static JsonObject Resolve(JsonObject inputs, IReadOnlyDictionary<string, EntraInvocationResult> earlierSteps) =>
        (JsonObject)Resolve((JsonNode)inputs, earlierSteps)!;

    [GeneratedRegex(@"\{\{(?<reference>.*?)\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();

    private static JsonNode? Resolve(JsonNode? node, IReadOnlyDictionary<string, EntraInvocationResult> earlierSteps) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Resolve(p.Value, earlierSteps)))),
        JsonArray array => new JsonArray([.. array.Select(item => Resolve(item, earlierSteps))]),
        JsonValue value when value.TryGetValue<string>(out var text) => ResolveText(text, earlierSteps),
        _ => node?.DeepClone(),
    };

    private static JsonNode? ResolveText(string text, IReadOnlyDictionary<string, EntraInvocationResult> earlierSteps)
    {
        var matches = ReferencePattern().Matches(text);
        if (matches.Count == 0)
        {
            return JsonValue.Create(text);
        }

        // The whole string is one reference: keep the referenced value's JSON type.
        if (matches.Count == 1 && matches[0].Length == text.Length)
        {
            return Lookup(matches[0].Groups["reference"].Value, earlierSteps)?.DeepClone();
        }

        // References inside text: splice in each value's text.
        return JsonValue.Create(ReferencePattern().Replace(text, match =>
        {
            var reference = match.Groups["reference"].Value;
            return Lookup(reference, earlierSteps) switch
            {
                JsonValue value when value.TryGetValue<string>(out var s) => s,
                JsonValue value => value.ToJsonString(),
                var other => throw new FlowTemplateException(
                    $"{{{{{reference.Trim()}}}}} is {(other is null ? "null" : "an " + other.GetValueKind().ToString().ToLowerInvariant())} and cannot be embedded in text; use it as the whole value.")
            };
        }));
    }

    /// <summary>Finds the value <c>steps.&lt;id&gt;.outputs.&lt;path&gt;</c> refers to.</summary>
    private static JsonNode? Lookup(string reference, IReadOnlyDictionary<string, EntraInvocationResult> earlierSteps)
    {
        reference = reference.Trim();
        var parts = reference.Split('.');
        if (parts is not ["steps", { Length: > 0 } stepId, "outputs", ..])
        {
            throw new FlowTemplateException($"{{{{{reference}}}}} is not a reference; write {{{{steps.<stepId>.outputs.<name>}}}}.");
        }

        if (!earlierSteps.TryGetValue(stepId, out var step))
        {
            var known = earlierSteps.Count == 0 ? "none ran before this step" : "steps that ran before: " + string.Join(", ", earlierSteps.Keys);
            throw new FlowTemplateException($"{{{{{reference}}}}} refers to step '{stepId}', which did not run before this step ({known}).");
        }

        if (!step.Succeeded)
        {
            throw new FlowTemplateException($"{{{{{reference}}}}} refers to step '{stepId}', which failed ({step.Error.Kind}), so it has no outputs.");
        }

        // Walk the path below "outputs": property names in objects, indexes in arrays.
        JsonNode? current = JsonObject.Create(step.Outputs);
        var walked = $"steps.{stepId}.outputs";
        foreach (var segment in parts[3..])
        {
            current = current switch
            {
                JsonObject obj when obj.TryGetPropertyValue(segment, out var child) => child,
                JsonObject obj => throw new FlowTemplateException(
                    $"{{{{{reference}}}}}: {walked} has no '{segment}' (it has: {string.Join(", ", obj.Select(p => p.Key))})."),
                JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count => array[index],
                JsonArray array => throw new FlowTemplateException(
                    $"{{{{{reference}}}}}: {walked} is an array of {array.Count}; '{segment}' is not an index in it."),
                _ => throw new FlowTemplateException($"{{{{{reference}}}}}: {walked} is {(current is null ? "null" : "a single value")}, so it has no '{segment}'."),
            };
            walked += "." + segment;
        }

        return current;
    }
}
