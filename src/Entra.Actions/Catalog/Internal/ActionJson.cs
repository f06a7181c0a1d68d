using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Entra.Actions.Catalog.Internal;

/// <summary>
/// The one JSON contract of the catalog and the invoker: how inputs are read, how outputs and errors are written, and how
/// their JSON Schemas are generated from the same types, so schemas and payloads cannot drift.
/// </summary>
internal static class ActionJson
{
    /// <summary>The JSON Schema dialect of every generated schema.</summary>
    public const string SchemaDialect = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>
    /// camelCase property names (Graph's), enums as their names (<c>Added</c>, <c>Microsoft365</c>, <c>NotFound</c>), nulls
    /// written (every output is always present), numbers strict, and no unknown members when reading inputs.
    /// Dictionary keys are Graph property names and are kept as Graph spells them.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>
    /// How <see cref="EntraInvocationResult.ToJson"/> and <see cref="EntraActionDescriptor.ToJson"/> write text: compact, and
    /// apostrophes, <c>+</c>, <c>&lt;</c>, <c>&amp;</c> and non-ASCII letters as they are, so a log shows <c>O'Brien</c>, not
    /// <c>O\u0027Brien</c>. Not safe to put into HTML as it is; the public docs say so.
    /// </summary>
    public static JsonSerializerOptions TextOptions { get; } = CreateTextOptions();

    private static readonly JsonSchemaExporterOptions ExporterOptions = new()
    {
        TreatNullObliviousAsNonNullable = true,
        TransformSchemaNode = Transform,
    };

    /// <summary>Generates the JSON Schema (draft 2020-12) of <paramref name="type"/> as <see cref="Options"/> reads and writes it.</summary>
    /// <param name="type">The input or output type.</param>
    /// <returns>The schema.</returns>
    public static JsonObject ExportSchema(Type type) =>
        JsonSchemaExporter.GetJsonSchemaAsNode(Options, type, ExporterOptions) as JsonObject
        ?? throw new InvalidOperationException($"The JSON Schema of {type.Name} is not an object schema.");

    /// <summary>Writes a value as a JSON object.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The JSON object.</returns>
    public static JsonObject ToObject<T>(T value) =>
        JsonSerializer.SerializeToNode(value, Options) as JsonObject
        ?? throw new InvalidOperationException($"{typeof(T).Name} is not written as a JSON object.");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            NumberHandling = JsonNumberHandling.Strict,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly();
        return options;
    }

    private static JsonSerializerOptions CreateTextOptions()
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = false,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }

    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (schema is not JsonObject node)
        {
            return schema;
        }

        // The exporter writes a string enum as a bare "enum"; designers and validators read "type" first.
        var type = Nullable.GetUnderlyingType(context.TypeInfo.Type) ?? context.TypeInfo.Type;
        if (type.IsEnum && !node.ContainsKey("type") && node["enum"] is JsonArray values)
        {
            node.Insert(0, "type", values.Any(v => v is null) ? new JsonArray("string", "null") : JsonValue.Create("string"));
        }

        var attributes = context.PropertyInfo?.AttributeProvider;
        if (attributes?.GetCustomAttributes(typeof(DescriptionAttribute), inherit: false) is [DescriptionAttribute description, ..])
        {
            node["description"] = description.Description;
        }

        // Limits declared on an input record's property become the schema's, so a designer and the invoker's validation see them.
        if (attributes?.GetCustomAttributes(typeof(RangeAttribute), inherit: false) is [RangeAttribute range, ..])
        {
            node["minimum"] = Convert.ToInt64(range.Minimum, CultureInfo.InvariantCulture);
            node["maximum"] = Convert.ToInt64(range.Maximum, CultureInfo.InvariantCulture);
        }

        if (attributes?.GetCustomAttributes(typeof(StringLengthAttribute), inherit: false) is [StringLengthAttribute length, ..])
        {
            node["minLength"] = length.MinimumLength;
            node["maxLength"] = length.MaximumLength;
        }

        return node;
    }
}
