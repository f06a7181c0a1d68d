using System.Text.Json.Nodes;

namespace Entra.Actions.Catalog.Internal;

/// <summary>
/// Builds an action's input and output JSON Schemas (draft 2020-12): the shape comes from the typed input record and the
/// typed output model (<see cref="ActionJson.ExportSchema"/>), titles and descriptions from the action's definition.
/// </summary>
internal static class ActionSchemas
{
    /// <summary>The input schema: the input record's shape; unknown inputs are not allowed.</summary>
    /// <param name="definition">The action's definition.</param>
    /// <param name="inputType">The input record.</param>
    /// <returns>The schema.</returns>
    public static JsonObject ForInputs(ActionDefinition definition, Type inputType)
    {
        var schema = ActionJson.ExportSchema(inputType);
        Describe(definition, schema, definition.Inputs, "inputs");
        return Root(schema, $"{definition.DisplayName}: inputs", $"The inputs of {definition.Id}.");
    }

    /// <summary>
    /// The output schema: the output model's shape. Every output is always present (a missing value is a JSON null), so
    /// all are listed as required; which ones can be null is in their types.
    /// </summary>
    /// <param name="definition">The action's definition.</param>
    /// <param name="outputType">The output model.</param>
    /// <returns>The schema.</returns>
    public static JsonObject ForOutputs(ActionDefinition definition, Type outputType)
    {
        var schema = ActionJson.ExportSchema(outputType);
        RequireAll(schema);
        Describe(definition, schema, definition.Outputs, "outputs");
        return Root(schema, $"{definition.DisplayName}: outputs", $"The outputs of a successful run of {definition.Id}.");
    }

    /// <summary>Outputs write every property (nulls included), nested objects too, so every property is required.</summary>
    private static void RequireAll(JsonNode? schema)
    {
        if (schema is not JsonObject obj)
        {
            return;
        }

        if (obj["properties"] is JsonObject properties)
        {
            obj["required"] = new JsonArray([.. properties.Select(p => (JsonNode)JsonValue.Create(p.Key))]);
            foreach (var (_, property) in properties)
            {
                RequireAll(property);
            }
        }

        RequireAll(obj["items"]);
    }

    private static void Describe(ActionDefinition definition, JsonObject schema, IReadOnlyList<EntraActionParameter> parameters, string what)
    {
        var properties = schema["properties"] as JsonObject ?? [];
        var fromType = properties.Select(p => p.Key).ToList();
        var fromDefinition = parameters.Select(p => p.Name).ToList();
        if (!fromType.SequenceEqual(fromDefinition, StringComparer.Ordinal))
        {
            // The definition and the typed model disagree: a bug in this library, caught by the catalog tests.
            throw new InvalidOperationException(
                $"The {what} of action '{definition.Id}' in its definition ({string.Join(", ", fromDefinition)}) differ from its typed {what} ({string.Join(", ", fromType)}).");
        }

        foreach (var parameter in parameters)
        {
            var property = (JsonObject)properties[parameter.Name]!;
            property.Insert(0, "title", parameter.DisplayName);
            property["description"] = parameter.Description;
        }
    }

    private static JsonObject Root(JsonObject schema, string title, string description)
    {
        var root = new JsonObject
        {
            ["$schema"] = ActionJson.SchemaDialect,
            ["title"] = title,
            ["description"] = description,
        };
        foreach (var (name, value) in schema.ToList())
        {
            schema.Remove(name);
            root[name] = value;
        }

        return root;
    }
}
