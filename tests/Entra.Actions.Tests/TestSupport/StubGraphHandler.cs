using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Entra.Actions.Tests.TestSupport;

/// <summary>
/// A fake Graph at the bottom of the real pipeline: records every request that reaches the wire and answers
/// from a queue of canned responses (or a responder function).
/// </summary>
public sealed class StubGraphHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>>> _responses = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public Func<RecordedRequest, HttpResponseMessage>? Fallback { get; set; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public StubGraphHandler Respond(HttpStatusCode status, string? json = null, params (string Name, string Value)[] headers)
    {
        _responses.Enqueue((_, _) => Task.FromResult(Create(status, json, headers)));
        return this;
    }

    public StubGraphHandler Respond(Func<RecordedRequest, HttpResponseMessage> responder)
    {
        _responses.Enqueue((request, _) => Task.FromResult(responder(request)));
        return this;
    }

    /// <summary>Answers after <paramref name="delay"/>, or gives up when the request is cancelled (as a slow server would be abandoned).</summary>
    public StubGraphHandler RespondAfter(TimeSpan delay, HttpStatusCode status, string? json = null)
    {
        _responses.Enqueue(async (_, cancellationToken) =>
        {
            await Task.Delay(delay, cancellationToken);
            return Create(status, json);
        });
        return this;
    }

    public StubGraphHandler Throw(Exception exception)
    {
        _responses.Enqueue((_, _) => throw exception);
        return this;
    }

    public static HttpResponseMessage Create(HttpStatusCode status, string? json = null, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status);
        if (json is not null)
        {
            response.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        response.Headers.TryAddWithoutValidation("request-id", "7d4b2a1e-0000-4000-8000-00000000beef");
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(request.Method.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), body, headers);
        _requests.Enqueue(recorded);
        if (_responses.TryDequeue(out var responder))
        {
            return await responder(recorded, cancellationToken);
        }

        return Fallback?.Invoke(recorded) ?? Create(HttpStatusCode.InternalServerError, GraphPayloads.Error("UnexpectedTestRequest", $"No canned response for {request.Method} {request.RequestUri}"));
    }
}
