using System.Text.Json;
using System.Text.Json.Serialization;

namespace Entra.Actions.Samples.ActionFlow;

/// <summary>A flow as a designer saves it: a name and steps that run in order.</summary>
internal sealed record FlowDefinition
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        // Flow files are written by hand here: allow comments and trailing commas, refuse misspelt properties.
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The flow's name.</summary>
    public required string Name { get; init; }

    /// <summary>What the flow does; optional.</summary>
    public string? Description { get; init; }

    /// <summary>The steps, in the order they run.</summary>
    public required IReadOnlyList<FlowStep> Steps { get; init; }

    /// <summary>Reads a flow from a JSON file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The flow.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid flow; the message says why.</exception>
    public static FlowDefinition Load(string path)
    {
        FlowDefinition? flow;
        try
        {
            using var stream = File.OpenRead(path);
            flow = JsonSerializer.Deserialize<FlowDefinition>(stream, JsonOptions);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{path} is not a valid flow: {exception.Message}", exception);
        }

        if (flow is null || flow.Steps.Count == 0)
        {
            throw new InvalidDataException($"{path} has no steps.");
        }

        var duplicate = flow.Steps.GroupBy(s => s.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"{path}: more than one step has the id '{duplicate.Key}'; step ids must be unique.");
        }

        var badId = flow.Steps.FirstOrDefault(s => s.Id.Length == 0 || !s.Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'));
        if (badId is not null)
        {
            throw new InvalidDataException($"{path}: the step id '{badId.Id}' may only contain letters, digits, '_' and '-' (it is used in references).");
        }

        return flow;
    }
}
