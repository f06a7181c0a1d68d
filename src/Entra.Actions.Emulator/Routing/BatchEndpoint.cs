using System.Text.Json;
using System.Text.Json.Nodes;

namespace Entra.Actions.Emulator;

/// <summary>JSON batching: at most 20 steps, unique ids, <c>dependsOn</c> with 424, per-step status and throttling.</summary>
internal static class BatchEndpoint
{
    private const int MaxSteps = 20;

    public static async Task<EmulatorResponse> HandleAsync(GraphEmulator emulator, RequestContext ctx, CancellationToken cancellationToken)
    {
        if (!emulator.Authenticate(ctx, out var unauthorized))
        {
            return unauthorized!;
        }

        JsonArray? requests = null;
        try
        {
            requests = (JsonNode.Parse(ctx.Request.Body ?? string.Empty) as JsonObject)?["requests"] as JsonArray;
        }
        catch (JsonException)
        {
        }

        if (requests is null || requests.Count == 0)
        {
            return GraphErrors.Error(ctx, 400, "BadRequest", "Invalid batch payload format.");
        }

        if (requests.Count > MaxSteps)
        {
            return GraphErrors.Error(ctx, 400, "BadRequest", "Number of requests inside batch exceeds the limit.");
        }

        var steps = new List<Step>();
        foreach (var node in requests)
        {
            if (node is not JsonObject step || Text(step["id"]) is not { Length: > 0 } id || Text(step["method"]) is not { Length: > 0 } method
                || Text(step["url"]) is not { Length: > 0 } url)
            {
                return GraphErrors.Error(ctx, 400, "BadRequest", "Invalid batch payload format: every request needs 'id', 'method' and 'url'.");
            }

            if (steps.Exists(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase)))
            {
                return GraphErrors.Error(ctx, 400, "BadRequest", $"Batch request contains duplicate request id '{id}'. Request ids must be unique.");
            }

            var dependsOn = (step["dependsOn"] as JsonArray)?.Select(Text).OfType<string>().ToList() ?? [];
            steps.Add(new Step(id, method.ToUpperInvariant(), url, step["headers"] as JsonObject, step["body"], dependsOn));
        }

        // Validate the whole dependency graph before anything runs: a 400 envelope must mean no step was executed.
        if (!TryOrder(steps, out var order, out var problem))
        {
            return GraphErrors.Error(ctx, 400, "BadRequest", problem!);
        }

        var statuses = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var responses = new JsonArray();
        var totalUnits = 0;
        foreach (var next in order!)
        {
            EmulatorResponse response;
            if (next.DependsOn.Exists(d => statuses[d] is < 200 or > 299))
            {
                response = GraphErrors.Error(ctx, 424, "FailedDependency", "The request could not be processed because a request it depends on failed.");
            }
            else
            {
                response = await RunStepAsync(emulator, ctx, next, cancellationToken).ConfigureAwait(false);
            }

            statuses[next.Id] = response.StatusCode;
            totalUnits += response.ResourceUnits;
            responses.Add(ToJson(next.Id, response));
        }

        var envelope = new EmulatorResponse
        {
            StatusCode = 200,
            ContentType = "application/json",
            Body = new JsonObject { ["responses"] = responses }.ToJsonString(GraphErrors.JsonOptions),
            ResourceUnits = Math.Max(1, totalUnits),
        };
        return envelope;
    }

    /// <summary>Orders the steps so that every step comes after the steps it depends on (Kahn's algorithm, stable in request order);
    /// fails on an unknown id, a self-dependency or a cycle.</summary>
    private static bool TryOrder(List<Step> steps, out List<Step>? order, out string? problem)
    {
        order = null;
        problem = null;
        var byId = steps.ToDictionary(s => s.Id, StringComparer.OrdinalIgnoreCase);
        foreach (var step in steps)
        {
            var missing = step.DependsOn.Find(d => !byId.ContainsKey(d));
            if (missing is not null)
            {
                problem = $"Request '{step.Id}' depends on request id '{missing}', which is not in the batch.";
                return false;
            }

            if (step.DependsOn.Exists(d => string.Equals(d, step.Id, StringComparison.OrdinalIgnoreCase)))
            {
                problem = $"Request '{step.Id}' depends on itself.";
                return false;
            }
        }

        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<Step>(steps.Count);
        while (result.Count < steps.Count)
        {
            var ready = steps.Find(s => !done.Contains(s.Id) && s.DependsOn.TrueForAll(done.Contains));
            if (ready is null)
            {
                problem = "The dependsOn graph of the batch contains a cycle.";
                return false;
            }

            done.Add(ready.Id);
            result.Add(ready);
        }

        order = result;
        return true;
    }

    private static async Task<EmulatorResponse> RunStepAsync(GraphEmulator emulator, RequestContext ctx, Step step, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in step.Headers ?? [])
        {
            headers[name] = Text(value) ?? string.Empty;
        }

        if (ctx.Request.Header("Authorization") is { } authorization)
        {
            headers["Authorization"] = authorization;
        }

        string? body = step.Body switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => step.Body.ToJsonString(GraphErrors.JsonOptions),
        };

        // The step URL is relative to the version ("/users/..."); a fragment is dropped like any URL's.
        var url = step.Url;
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            url = url[..hash];
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            url = absolute.PathAndQuery;
        }
        else
        {
            url = "/v1.0" + (url.StartsWith('/') ? url : "/" + url);
        }

        var request = new EmulatorRequest
        {
            Method = step.Method,
            RawTarget = url,
            BaseAddress = ctx.Request.BaseAddress,
            Headers = headers,
            Body = body,
            BatchStepId = step.Id,
        };
        return await emulator.HandleAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static JsonObject ToJson(string id, EmulatorResponse response)
    {
        var headers = new JsonObject();
        foreach (var (name, value) in response.Headers)
        {
            if (name is not ("request-id" or "client-request-id" or "Date"))
            {
                headers[name] = value;
            }
        }

        if (response.ContentType is not null)
        {
            headers["Content-Type"] = response.ContentType;
        }

        var json = new JsonObject { ["id"] = id, ["status"] = response.StatusCode, ["headers"] = headers };
        if (!string.IsNullOrEmpty(response.Body))
        {
            JsonNode? body;
            try
            {
                body = response.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true
                    ? JsonNode.Parse(response.Body)
                    : JsonValue.Create(response.Body);
            }
            catch (JsonException)
            {
                body = JsonValue.Create(response.Body);
            }

            json["body"] = body;
        }

        return json;
    }

    private static string? Text(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(GraphErrors.JsonOptions),
        _ => null,
    };

    private sealed record Step(string Id, string Method, string Url, JsonObject? Headers, JsonNode? Body, List<string> DependsOn);
}
