using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Entra.Actions.Benchmarks.Scale;

/// <summary>
/// An in-process "Graph" that answers the requests the library sends, synchronously and from pre-built bytes where it can:
/// every user named by an id exists, every group is a plain security group with no members, every write succeeds. It keeps no
/// directory state, so any number of calls can run against it. It counts its own allocations (<see cref="Counters"/>) so the
/// client's share can be told apart: it works synchronously on the caller's thread and measures that thread's allocations
/// around its work, minus what serialising the request body costs (on a real socket the client pays that).
/// </summary>
internal sealed class CannedGraphHandler : HttpMessageHandler
{
    private const string RequestId = "5ca1e000-0000-4000-8000-0000000000aa";
    private static readonly int RouteCount = Enum.GetValues<GraphRoute>().Length;

    [ThreadStatic]
    private static MemoryStream? s_body;

    private readonly long[] _requests = new long[RouteCount];
    private readonly long[] _steps = new long[RouteCount];
    private readonly ConcurrentDictionary<string, int> _unknown = new(StringComparer.Ordinal);
    private readonly string _groupId;
    private readonly byte[] _group;
    private readonly string _userId;
    private readonly byte[] _user;
    private long _serverBytes;
    private long _bound;
    private long _removed;
    private long _usersReturned;

    /// <param name="groupId">The group whose body is pre-built (any other id is answered too, built per request).</param>
    /// <param name="userId">The user whose <c>GET /users/{id}</c> body is pre-built.</param>
    public CannedGraphHandler(string groupId, string userId)
    {
        _groupId = groupId;
        _group = CannedJson.SecurityGroup(groupId);
        _userId = userId;
        _user = CannedJson.User(userId);
    }

    /// <summary>A snapshot of what the server has done and allocated so far.</summary>
    public CannedCounters Counters => new(
        Interlocked.Read(ref _serverBytes),
        Snapshot(_requests),
        Snapshot(_steps),
        Interlocked.Read(ref _bound),
        Interlocked.Read(ref _removed),
        Interlocked.Read(ref _usersReturned));

    /// <summary>Requests the server had no answer for (method and path), with how often each came.</summary>
    public IReadOnlyDictionary<string, int> Unanswered => _unknown;

    // The answer is always complete when SendAsync returns.
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendAsync(request, cancellationToken).GetAwaiter().GetResult();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var start = GC.GetAllocatedBytesForCurrentThread();
        var response = Answer(request, out var clientBytes);
        var task = Task.FromResult(response);
        Interlocked.Add(ref _serverBytes, GC.GetAllocatedBytesForCurrentThread() - start - clientBytes);
        return task;
    }

    private static long[] Snapshot(long[] counts)
    {
        var copy = new long[counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            copy[i] = Interlocked.Read(ref counts[i]);
        }

        return copy;
    }

    private HttpResponseMessage Answer(HttpRequestMessage request, out long clientBytes)
    {
        clientBytes = 0;
        var route = GraphPath.Classify(request.Method.Method, request.RequestUri!.OriginalString, out var path, out var query);
        Interlocked.Increment(ref _requests[(int)route]);
        switch (route)
        {
            case GraphRoute.Batch:
                return Json(request, HttpStatusCode.OK, Batch(ReadBody(request.Content, ref clientBytes)));
            case GraphRoute.GetGroup:
                var groupId = GraphPath.Segment(path, 1);
                return Json(request, HttpStatusCode.OK, groupId == _groupId ? _group : CannedJson.SecurityGroup(groupId));
            case GraphRoute.PatchGroup:
                Interlocked.Add(ref _bound, CountBinds(ParseBody(ReadBody(request.Content, ref clientBytes))));
                return Json(request, HttpStatusCode.NoContent, null);
            case GraphRoute.AddMemberRef:
                ReadBody(request.Content, ref clientBytes);
                Interlocked.Increment(ref _bound);
                return Json(request, HttpStatusCode.NoContent, null);
            case GraphRoute.DeleteMemberRef:
                Interlocked.Increment(ref _removed);
                return Json(request, HttpStatusCode.NoContent, null);
            case GraphRoute.ListMembers:
                return Json(request, HttpStatusCode.OK, CannedJson.EmptyPage);
            case GraphRoute.GetUser:
                var userId = GraphPath.Segment(path, 1);
                Interlocked.Increment(ref _usersReturned);
                return Json(request, HttpStatusCode.OK, userId == _userId ? _user : CannedJson.User(userId));
            case GraphRoute.FilterUsers when GraphPath.InFilter(query) is { } filter:
                return Json(request, HttpStatusCode.OK, CannedJson.Write(filter, (w, f) =>
                {
                    w.WriteStartObject();
                    Interlocked.Add(ref _usersReturned, CannedJson.WriteUserPage(w, f.Attribute, f.Values, typed: false));
                    w.WriteEndObject();
                }));
            case GraphRoute.GetByIds:
                var ids = IdsOf(ParseBody(ReadBody(request.Content, ref clientBytes)));
                return Json(request, HttpStatusCode.OK, CannedJson.Write(ids, (w, ids) =>
                {
                    w.WriteStartObject();
                    Interlocked.Add(ref _usersReturned, CannedJson.WriteUserPage(w, "id", ids, typed: true));
                    w.WriteEndObject();
                }));
            case GraphRoute.Organization:
                return Json(request, HttpStatusCode.OK, CannedJson.Organization);
            default:
                _unknown.AddOrUpdate($"{request.Method} {path}", 1, (_, n) => n + 1);
                return Json(request, HttpStatusCode.NotImplemented, CannedJson.Write(path, static (w, path) =>
                {
                    w.WriteStartObject();
                    w.WriteStartObject("error");
                    w.WriteString("code", "NotImplemented");
                    w.WriteString("message", $"The canned server has no answer for {path}.");
                    w.WriteEndObject();
                    w.WriteEndObject();
                }));
        }
    }

    /// <summary>Answers every step of a <c>$batch</c> in one response, in order.</summary>
    private byte[] Batch(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body);
        return CannedJson.Write(document.RootElement.GetProperty("requests"), (w, steps) =>
        {
            w.WriteStartObject();
            w.WriteStartArray("responses");
            foreach (var step in steps.EnumerateArray())
            {
                w.WriteStartObject();
                w.WriteString("id", step.GetProperty("id").ToString());
                WriteStep(w, step);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private void WriteStep(Utf8JsonWriter w, JsonElement step)
    {
        var route = GraphPath.Classify(step.GetProperty("method").GetString()!, step.GetProperty("url").GetString()!, out var path, out var query);
        Interlocked.Increment(ref _steps[(int)route]);
        switch (route)
        {
            case GraphRoute.FilterUsers when GraphPath.InFilter(query) is { } filter:
                WriteStatus(w, 200, json: true);
                w.WriteStartObject("body");
                Interlocked.Add(ref _usersReturned, CannedJson.WriteUserPage(w, filter.Attribute, filter.Values, typed: false));
                w.WriteEndObject();
                break;
            case GraphRoute.GetUser:
                WriteStatus(w, 200, json: true);
                CannedJson.WriteUserBody(w, GraphPath.Segment(path, 1));
                Interlocked.Increment(ref _usersReturned);
                break;
            case GraphRoute.PatchGroup:
                Interlocked.Add(ref _bound, step.TryGetProperty("body", out var body) ? CountBinds(StepBody(body)) : 0);
                WriteStatus(w, 204, json: false);
                break;
            case GraphRoute.DeleteMemberRef:
                Interlocked.Increment(ref _removed);
                WriteStatus(w, 204, json: false);
                break;
            case GraphRoute.GetGroup:
                WriteStatus(w, 200, json: true);
                w.WritePropertyName("body");
                w.WriteRawValue(GraphPath.Segment(path, 1) == _groupId ? _group : CannedJson.SecurityGroup(GraphPath.Segment(path, 1)));
                break;
            default:
                _unknown.AddOrUpdate($"$batch step {step.GetProperty("method").GetString()} {path}", 1, (_, n) => n + 1);
                WriteStatus(w, 501, json: true);
                w.WriteStartObject("body");
                w.WriteStartObject("error");
                w.WriteString("code", "NotImplemented");
                w.WriteString("message", "The canned server has no answer for this step.");
                w.WriteEndObject();
                w.WriteEndObject();
                break;
        }
    }

    private static void WriteStatus(Utf8JsonWriter w, int status, bool json)
    {
        w.WriteNumber("status", status);
        w.WriteStartObject("headers");
        if (json)
        {
            w.WriteString("Content-Type", "application/json");
        }

        w.WriteEndObject();
    }

    /// <summary>A step body is JSON; a client may also send it as a JSON string or as base64 of the JSON.</summary>
    private static JsonElement StepBody(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.String)
        {
            return body;
        }

        var text = body.GetString()!;
        return text.TrimStart().StartsWith('{') ? ParseBody(Encoding.UTF8.GetBytes(text)) : ParseBody(Convert.FromBase64String(text));
    }

    private static long CountBinds(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("members@odata.bind", out var binds) ? binds.GetArrayLength() : 0;

    private static List<string> IdsOf(JsonElement body) =>
        body.TryGetProperty("ids", out var ids) ? [.. ids.EnumerateArray().Select(id => id.GetString()!)] : [];

    private static JsonElement ParseBody(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// Copies the request body into this thread's buffer (valid until the next read on the thread). What the copy allocates is
    /// the client's content serialising itself, so it is added to <paramref name="clientBytes"/>, not to the server's share.
    /// </summary>
    private static ReadOnlyMemory<byte> ReadBody(HttpContent? content, ref long clientBytes)
    {
        var buffer = s_body ??= new MemoryStream(256 * 1024);
        buffer.SetLength(0);
        if (content is null)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            content.CopyTo(buffer, null, CancellationToken.None);
        }
        catch (NotSupportedException)
        {
            // A content type without a synchronous path; a MemoryStream target completes it inline.
            content.CopyToAsync(buffer).GetAwaiter().GetResult();
        }

        clientBytes += GC.GetAllocatedBytesForCurrentThread() - before;
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static HttpResponseMessage Json(HttpRequestMessage request, HttpStatusCode status, byte[]? json)
    {
        var response = new HttpResponseMessage(status) { RequestMessage = request };
        if (json is not null)
        {
            response.Content = new ByteArrayContent(json);
            response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; odata.metadata=minimal");
        }

        response.Headers.TryAddWithoutValidation("request-id", RequestId);
        return response;
    }
}

/// <summary>What the canned server did: its own allocations, requests and <c>$batch</c> steps per route, members bound and removed, users returned.</summary>
internal sealed record CannedCounters(long ServerBytes, long[] Requests, long[] Steps, long Bound, long Removed, long UsersReturned)
{
    public CannedCounters Since(CannedCounters earlier) => new(
        ServerBytes - earlier.ServerBytes,
        [.. Requests.Select((n, i) => n - earlier.Requests[i])],
        [.. Steps.Select((n, i) => n - earlier.Steps[i])],
        Bound - earlier.Bound,
        Removed - earlier.Removed,
        UsersReturned - earlier.UsersReturned);

    public long TotalRequests => Requests.Sum();

    /// <summary>For example <c>POST $batch x584 (steps: FilterUsers 6,667, PatchGroup 5,000), GetGroup x1</c>.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        for (var i = 0; i < Requests.Length; i++)
        {
            if (Requests[i] == 0)
            {
                continue;
            }

            var route = (GraphRoute)i;
            var text = $"{route} x{Requests[i]:N0}";
            if (route == GraphRoute.Batch)
            {
                text += " (steps: " + string.Join(", ", Steps.Select((n, s) => (n, s)).Where(p => p.n > 0).Select(p => $"{(GraphRoute)p.s} {p.n:N0}")) + ")";
            }

            parts.Add(text);
        }

        return string.Join(", ", parts);
    }
}
