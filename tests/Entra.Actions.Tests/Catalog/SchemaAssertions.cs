using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Entra.Actions.Tests.Catalog;

/// <summary>Validation with JsonSchema.Net, the library the invoker uses.</summary>
internal static class SchemaAssertions
{
    private static readonly EvaluationOptions List = new() { OutputFormat = OutputFormat.List };

    /// <summary>The errors of <paramref name="instance"/> against <paramref name="schema"/>; empty when valid.</summary>
    public static IReadOnlyList<string> Errors(JsonObject schema, JsonNode? instance)
    {
        var compiled = JsonSchema.FromText(schema.ToJsonString());
        return Errors(compiled.Evaluate(JsonSerializer.SerializeToElement(instance), List));
    }

    /// <summary>The errors of <paramref name="instance"/> against <paramref name="schema"/>; empty when valid.</summary>
    public static IReadOnlyList<string> Errors(JsonObject schema, JsonElement instance) =>
        Errors(JsonSchema.FromText(schema.ToJsonString()).Evaluate(instance, List));

    /// <summary>The errors of <paramref name="schema"/> against the draft 2020-12 meta-schema; empty when valid.</summary>
    public static IReadOnlyList<string> MetaSchemaErrors(JsonObject schema) =>
        Errors(MetaSchemas.Draft202012.Evaluate(JsonSerializer.SerializeToElement(schema), List));

    private static List<string> Errors(EvaluationResults results) =>
        results.IsValid
            ? []
            : [.. (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))
                .DefaultIfEmpty("invalid")];
}
