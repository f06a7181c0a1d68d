using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Entra.Actions.Validation.Internal;
using Json.Schema;

namespace Entra.Actions.Catalog.Internal;

/// <summary>
/// Checks an action's JSON inputs against its input schema (JsonSchema.Net) and turns every violation into one readable
/// <see cref="EntraErrorKind.InvalidInput"/> message that names the fields: missing, unknown, or of the wrong type.
/// </summary>
internal sealed class InputSchemaValidator
{
    private const int MaxProblemsShown = 10;
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List };

    private readonly JsonObject _schema;
    private readonly JsonSchema _compiled;
    private readonly string[] _names;

    /// <summary>Compiles the schema.</summary>
    /// <param name="schema">The action's input schema (not modified, kept for messages).</param>
    public InputSchemaValidator(JsonObject schema)
    {
        _schema = schema;
        _compiled = JsonSchema.FromText(schema.ToJsonString());
        _names = schema["properties"] is JsonObject properties ? [.. properties.Select(p => p.Key)] : [];
    }

    /// <summary>Validates <paramref name="inputs"/>.</summary>
    /// <param name="actionId">The action's id, for messages.</param>
    /// <param name="inputs">The caller's inputs.</param>
    /// <param name="validated">A read-only copy of the inputs, when valid.</param>
    /// <param name="error">The failure naming every offending field, when invalid.</param>
    /// <returns>Whether the inputs satisfy the schema.</returns>
    public bool TryValidate(string actionId, JsonObject inputs, out JsonElement validated, [NotNullWhen(false)] out EntraActionError? error)
    {
        JsonElement instance;
        validated = default;
        try
        {
            instance = JsonSerializer.SerializeToElement(inputs);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            // A host can put CLR objects into a JsonObject that have no JSON form; that is bad input, not a crash.
            error = Invalid(actionId, $"the inputs could not be read as JSON ({ex.GetType().Name}).");
            return false;
        }

        var results = _compiled.Evaluate(instance, Evaluation);
        if (results.IsValid)
        {
            validated = instance;
            error = null;
            return true;
        }

        var problems = new List<string>();
        foreach (var name in Required().Where(n => !inputs.ContainsKey(n)))
        {
            problems.Add($"input '{name}' is required");
        }

        foreach (var name in inputs.Select(p => p.Key).Where(n => !_names.Contains(n, StringComparer.Ordinal)))
        {
            var suggestion = _names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
            problems.Add(suggestion is null
                ? $"input {EntraIdValidator.Quote(name)} is not an input of this action"
                : $"input {EntraIdValidator.Quote(name)} is not an input of this action (did you mean '{suggestion}'?)");
        }

        foreach (var detail in (results.Details ?? []).Where(d => !d.IsValid && d.Errors is { Count: > 0 }))
        {
            var location = detail.InstanceLocation.ToString();
            if (location.Length == 0)
            {
                continue; // required and additionalProperties at the root: described above from the inputs themselves.
            }

            var segments = location[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
            if (!_names.Contains(segments[0], StringComparer.Ordinal))
            {
                continue; // an unknown input, already named
            }

            var field = segments[0] + string.Concat(segments.Skip(1).Select(s => $"[{s}]"));
            var expected = Expected(segments);
            problems.Add(detail.Errors!.ContainsKey("type") && expected is not null
                ? $"input '{field}' must be {expected}, not {Describe(Locate(inputs, segments))}"
                : $"input '{field}' is invalid: {string.Join(" ", detail.Errors!.Values)}");
        }

        if (problems.Count == 0)
        {
            problems.Add(string.Join("; ", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Values)));
        }

        error = Invalid(actionId, Summarize([.. problems.Distinct(StringComparer.Ordinal)]) + $". It takes {string.Join(", ", _names)}.");
        return false;
    }

    // A bulk input can hold 100,000 wrong items: the message (also logged) names the first few and counts the rest.
    private static string Summarize(List<string> problems)
    {
        var shown = string.Join("; ", problems.Take(MaxProblemsShown));
        var rest = problems.Count - MaxProblemsShown;
        return rest > 0 ? string.Create(CultureInfo.InvariantCulture, $"{shown}; and {rest:N0} more problems") : shown;
    }

    private static EntraActionError Invalid(string actionId, string reason) =>
        new(EntraErrorKind.InvalidInput, $"Invalid inputs for action '{actionId}': {reason}");

    private IEnumerable<string> Required() =>
        _schema["required"] is JsonArray required ? required.Select(n => n!.GetValue<string>()) : [];

    /// <summary>What the schema expects at the location, for example <c>a string</c> or <c>an array of strings</c>.</summary>
    private string? Expected(string[] segments)
    {
        JsonNode? node = _schema["properties"]?[segments[0]];
        for (var i = 1; i < segments.Length && node is not null; i++)
        {
            node = node["items"];
        }

        if (node?["type"] is not { } type)
        {
            return null;
        }

        var types = type is JsonArray many ? many.Select(t => t!.GetValue<string>()).ToList() : [type.GetValue<string>()];
        var itemType = node["items"]?["type"] is JsonValue items ? items.GetValue<string>() : null;
        var words = types.Where(t => t != "null").Select(t => t switch
        {
            "array" when itemType is not null => $"an array of {itemType}s",
            "array" => "an array",
            "object" => "an object",
            "integer" => "an integer",
            _ => $"a {t}",
        }).ToList();
        var text = string.Join(" or ", words);
        return types.Contains("null") ? text + " (or null)" : text;
    }

    private static JsonNode? Locate(JsonObject inputs, string[] segments)
    {
        JsonNode? node = inputs[segments[0]];
        for (var i = 1; i < segments.Length && node is JsonArray array; i++)
        {
            node = int.TryParse(segments[i], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count ? array[index] : null;
        }

        return node;
    }

    private static string Describe(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Number => "a number",
        JsonValueKind.String => "a string",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "another type",
    };
}
