using System.Collections.Concurrent;

namespace Entra.Actions.Benchmarks.Cluster;

/// <summary>One HTTP request as a node's primary handler saw it: after the library's gate, before the wire.</summary>
/// <param name="Node">The node that sent it.</param>
/// <param name="ClientRequestId">The library's <c>client-request-id</c>, which the emulator's journal keeps.</param>
/// <param name="SentAt">When it left the library.</param>
/// <param name="AnsweredAt">When the answer was back (or the send failed).</param>
/// <param name="Status">The HTTP status; 0 when the send failed.</param>
/// <param name="CarriedThrottledStep">Whether a <c>$batch</c> answer held a step answered 429.</param>
internal sealed record SentRequest(int Node, string? ClientRequestId, DateTimeOffset SentAt, DateTimeOffset AnsweredAt, int Status, bool CarriedThrottledStep);

/// <summary>Every request one node sent, in the order the answers came back.</summary>
internal sealed class SendLog(int node)
{
    private readonly ConcurrentQueue<SentRequest> _sent = new();

    public int Node => node;

    public IReadOnlyList<SentRequest> Sent => [.. _sent];

    public void Add(SentRequest request) => _sent.Enqueue(request);

    public void Clear() => _sent.Clear();
}

/// <summary>
/// The node's outermost primary handler: records each request with its <c>client-request-id</c> and the times it left and
/// came back, and whether a <c>$batch</c> answer held a 429 step (read from the buffered body, which the library reads again).
/// </summary>
internal sealed class SendLogHandler(SendLog log, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private const string ThrottledStep = "\"status\":429";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var id = request.Headers.TryGetValues("client-request-id", out var values) ? values.FirstOrDefault() : null;
        var sentAt = DateTimeOffset.UtcNow;
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch
        {
            log.Add(new SentRequest(log.Node, id, sentAt, DateTimeOffset.UtcNow, 0, false));
            throw;
        }

        var answeredAt = DateTimeOffset.UtcNow;
        var throttledStep = false;
        if (request.RequestUri?.AbsolutePath.EndsWith("/$batch", StringComparison.OrdinalIgnoreCase) == true)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throttledStep = body.Contains(ThrottledStep, StringComparison.Ordinal);
        }

        log.Add(new SentRequest(log.Node, id, sentAt, answeredAt, (int)response.StatusCode, throttledStep));
        return response;
    }
}
