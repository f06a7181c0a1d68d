using System.Globalization;
using System.Text.Json;
using Entra.Actions.Directory.Internal;
using Entra.Actions.Telemetry.Internal;
using Entra.Actions.Throttling.Internal;

namespace Entra.Actions.Graph.Internal;

/// <summary>One answered <c>$batch</c> step: its status, its body (undefined when none), and Graph's error when it failed.</summary>
internal readonly record struct BatchStepAnswer(int Status, JsonElement Body, EntraActionError? Error);

/// <summary>
/// Sends one <c>$batch</c> (at most 20 steps) and maps each step's own answer. A failed envelope (after the pipeline's retries)
/// fails every item with that error; throttled steps are not retried here (the caller decides, with their Retry-After).
/// Each step's <c>x-ms-throttle-limit-percentage</c> feeds the connection's throttling (<see cref="ThrottleCoordinator"/>).
/// </summary>
internal sealed class GraphBatchClient
{
    private static readonly string[] StepIds = [.. Enumerable.Range(0, GraphLimits.MaxBatchSteps).Select(i => i.ToString(CultureInfo.InvariantCulture))];
    private static readonly JsonEncodedText Requests = JsonEncodedText.Encode("requests");
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Url = JsonEncodedText.Encode("url");
    private static readonly JsonEncodedText Method = JsonEncodedText.Encode("method");
    private static readonly JsonEncodedText Headers = JsonEncodedText.Encode("headers");
    private static readonly JsonEncodedText Body = JsonEncodedText.Encode("body");

    private readonly GraphCaller _caller;
    private readonly ThrottleCoordinator _throttle;
    private readonly Uri _batchUri;

    public GraphBatchClient(GraphCaller caller, ThrottleCoordinator throttle)
    {
        _caller = caller;
        _throttle = throttle;
        _batchUri = caller.Transport.Url("/$batch");
    }

    /// <summary>
    /// Sends a step per element of <paramref name="items"/>: <paramref name="url"/> gives its relative URL (sent as is, so only
    /// validated values may reach it), <paramref name="body"/> (optional) writes its JSON body, <paramref name="map"/> maps its answer.
    /// </summary>
    public async Task<IReadOnlyList<EntraActionResult<T>>> SendAsync<TItem, T>(
        IReadOnlyList<TItem> items,
        string method,
        Func<TItem, string> url,
        Action<Utf8JsonWriter, TItem>? body,
        Func<BatchStepAnswer, EntraActionResult<T>> map,
        CancellationToken cancellationToken)
    {
        if (items.Count is 0 or > GraphLimits.MaxBatchSteps)
        {
            throw new ArgumentOutOfRangeException(nameof(items), items.Count, "A $batch takes 1 to 20 steps.");
        }

        var content = JsonBody.Create((items, method, url, body), static (writer, state) =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray(Requests);
            for (var i = 0; i < state.items.Count; i++)
            {
                writer.WriteStartObject();
                writer.WriteString(Id, StepIds[i]);
                writer.WriteString(Url, state.url(state.items[i]));
                writer.WriteString(Method, state.method);
                writer.WriteStartObject(Headers);
                writer.WriteString("Accept"u8, "application/json"u8);
                if (state.body is not null)
                {
                    writer.WriteString("Content-Type"u8, "application/json"u8);
                }

                writer.WriteEndObject();
                if (state.body is not null)
                {
                    writer.WritePropertyName(Body);
                    state.body(writer, state.items[i]);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });

        var count = items.Count;
        var envelope = await _caller.SendAsync<BatchResponseWire, IReadOnlyList<EntraActionResult<T>>>(
            HttpMethod.Post,
            _batchUri,
            content,
            GraphJsonContext.Default.BatchResponseWire,
            answer => EntraActionResult.Success<IReadOnlyList<EntraActionResult<T>>>(MapSteps(answer, count, map)),
            cancellationToken).ConfigureAwait(false);
        return envelope.Succeeded ? envelope.Value : GraphIds.Repeat(EntraActionResult.Failure<T>(envelope.Error), count);
    }

    private EntraActionResult<T>[] MapSteps<T>(BatchResponseWire? answer, int count, Func<BatchStepAnswer, EntraActionResult<T>> map)
    {
        // Graph answers the steps in any order: place each by its id.
        var steps = new BatchStepWire?[count];
        foreach (var step in answer?.Responses ?? [])
        {
            if (int.TryParse(step.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < count)
            {
                steps[index] ??= step;
            }
        }

        var now = _caller.Time.GetUtcNow();
        var results = new EntraActionResult<T>[count];
        double? highestUsage = null;
        for (var i = 0; i < count; i++)
        {
            if (steps[i] is not { } step)
            {
                results[i] = EntraActionResult.Failure<T>(new EntraActionError(EntraErrorKind.ServiceError, $"Graph's $batch answer has no response for step {i}."));
                continue;
            }

            if (GraphErrorMapper.StepHeader(step.Headers, "x-ms-throttle-limit-percentage") is { } usageText
                && double.TryParse(usageText, NumberStyles.Float, CultureInfo.InvariantCulture, out var usage))
            {
                highestUsage = Math.Max(highestUsage ?? usage, usage);
            }

            if (step.Status == 429)
            {
                // A step's own 429 inside a 200 batch answer: the retry handler never sees it, so it is counted here.
                GraphCounters.Throttled();
            }

            var error = step.Status is >= 200 and <= 299 ? null : GraphErrorMapper.FromStep(step.Status, step.Body, step.Headers, now);
            results[i] = map(new BatchStepAnswer(step.Status, step.Body, error));
        }

        if (highestUsage is { } reading)
        {
            // One reading per answer: the steps of one $batch were metered together.
            _throttle.ObserveUsage(reading);
        }

        return results;
    }
}
