using System.Diagnostics.Metrics;

namespace Entra.Actions.Telemetry.Internal;

/// <summary>
/// The one way to count Graph's throttling (<c>entra.graph.throttled</c>) and the library's resends
/// (<c>entra.graph.retries</c>), for whole requests (the retry handler) and <c>$batch</c> steps (the bulk engine) alike.
/// Tagged with the answer's status and, when an action is running on this async flow, its catalog id: nothing else, so
/// the series stay few and no URL, id, UPN or token reaches a metric.
/// </summary>
internal static class GraphCounters
{
    /// <summary>The status of the answer counted, or of the answer that caused the resend (OpenTelemetry's HTTP attribute).</summary>
    public const string StatusCodeTag = "http.response.status_code";

    private const int TooManyRequests = 429;

    /// <summary>Counts answers of 429 Too Many Requests, whether or not they will be sent again.</summary>
    /// <param name="count">How many 429 answers (a <c>$batch</c> can carry several).</param>
    public static void Throttled(int count = 1) => Add(EntraTelemetry.Throttled, count, TooManyRequests);

    /// <summary>Counts requests (or <c>$batch</c> steps) actually sent again.</summary>
    /// <param name="statusCode">The status of the answer that caused the resend: 429, 503, 504 (or 424 for a batch's steps).</param>
    /// <param name="count">How many were sent again.</param>
    public static void Retried(int statusCode, int count = 1) => Add(EntraTelemetry.Retries, count, statusCode);

    private static void Add(Counter<long> counter, int count, int statusCode)
    {
        if (count <= 0 || !counter.Enabled)
        {
            return;
        }

        var status = new KeyValuePair<string, object?>(StatusCodeTag, statusCode);
        if (ActionCall.Current is { } call)
        {
            counter.Add(count, status, new KeyValuePair<string, object?>(EntraTelemetry.ActionTag, call.ActionId));
        }
        else
        {
            counter.Add(count, status);
        }
    }
}
