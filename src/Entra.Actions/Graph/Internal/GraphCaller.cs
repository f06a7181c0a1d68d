using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Entra.Actions.Logging.Internal;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.Graph.Internal;

/// <summary>
/// Runs one Graph request and turns whatever happens into a result: a success is read by the caller's function, a failed
/// answer and any failure (transport, timeout, credential, unreadable body) go through <see cref="GraphErrorMapper"/>,
/// optionally recovered into an idempotent success. When the caller has cancelled, cancellation is thrown instead.
/// </summary>
internal sealed class GraphCaller
{
    private readonly GraphTransport _transport;
    private readonly TimeProvider _time;
    private readonly ILogger<GraphCaller> _logger;

    public GraphCaller(GraphTransport transport, TimeProvider time, ILogger<GraphCaller> logger)
    {
        _transport = transport;
        _time = time;
        _logger = logger;
    }

    public GraphTransport Transport => _transport;

    public TimeProvider Time => _time;

    /// <summary>Sends the request; <paramref name="read"/> reads a successful answer. The content is disposed here.</summary>
    public async Task<EntraActionResult<T>> SendAsync<T>(
        HttpMethod method,
        Uri uri,
        HttpContent? content,
        Func<HttpResponseMessage, CancellationToken, Task<EntraActionResult<T>>> read,
        Func<EntraActionError, EntraActionResult<T>?>? recover,
        CancellationToken cancellationToken)
    {
        using (content)
        {
            EntraActionError error;
            try
            {
                using var response = await _transport.SendAsync(method, uri, content, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return await read(response, cancellationToken).ConfigureAwait(false);
                }

                error = await GraphErrorMapper.FromResponseAsync(response, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                cancellationToken.ThrowIfCancellationRequested();
                error = Fail(exception);
            }

            return recover?.Invoke(error) ?? EntraActionResult.Failure<T>(error);
        }
    }

    /// <summary>Sends the request and reads a successful answer as <typeparamref name="TWire"/>, then maps it.</summary>
    public Task<EntraActionResult<T>> SendAsync<TWire, T>(
        HttpMethod method,
        Uri uri,
        HttpContent? content,
        JsonTypeInfo<TWire> wire,
        Func<TWire?, EntraActionResult<T>> map,
        CancellationToken cancellationToken) =>
        SendAsync(
            method,
            uri,
            content,
            async (response, token) => map(await ReadAsync(response, wire, token).ConfigureAwait(false)),
            recover: null,
            cancellationToken);

    /// <summary>Reads a successful answer's JSON body (already buffered by the pipeline, under the attempt's timeout).</summary>
    public static async Task<TWire?> ReadAsync<TWire>(HttpResponseMessage response, JsonTypeInfo<TWire> wire, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync(stream, wire, cancellationToken).ConfigureAwait(false);
        }
    }

    public static EntraActionResult<T> Malformed<T>(string what) =>
        EntraActionResult.Failure<T>(new EntraActionError(EntraErrorKind.ServiceError, $"Graph answered without a {what} object (no id in the response body)."));

    private EntraActionError Fail(Exception exception)
    {
        var error = GraphErrorMapper.Map(exception);
        if (error.StatusCode is null)
        {
            // No HTTP answer (transport, timeout, credential, unreadable body): keep the exception for diagnosis.
            Log.GraphCallFailed(_logger, exception, exception.GetType().Name, error.Kind);
        }

        return error;
    }
}
