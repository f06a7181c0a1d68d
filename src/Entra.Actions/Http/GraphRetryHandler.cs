using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.Http;

/// <summary>
/// The one retry owner of the Graph pipeline (it replaces the SDK's RetryHandler). Retries 429, 503 and 504
/// honouring <c>Retry-After</c> including decimal values, bounded by <see cref="EntraActionsOptions.MaxRetryAttempts"/>
/// and by <see cref="EntraActionsOptions.MaxRetryDelay"/> of total waiting; each attempt is bounded by
/// <see cref="EntraActionsOptions.RequestTimeout"/>. When retries run out it returns Graph's last response, so the
/// caller sees Graph's status, code and request-id rather than an aggregate exception.
/// </summary>
internal sealed class GraphRetryHandler : DelegatingHandler
{
    private static readonly TimeSpan BaseBackoff = TimeSpan.FromSeconds(1);
    private readonly EntraActionsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public GraphRetryHandler(EntraActionsOptions options, TimeProvider time, ILogger logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
    }

    internal static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A retry needs the body again; the SDK's content streams are read once, so keep the bytes.
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var waited = TimeSpan.Zero;
        var attemptRequest = request;
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0)
            {
                attemptRequest = Clone(request, body, attempt);
            }
            else if (body is not null)
            {
                attemptRequest.Content = CloneContent(request.Content!, body);
            }

            var response = await SendAttemptAsync(attemptRequest, cancellationToken).ConfigureAwait(false);
            if (!IsRetryable(response.StatusCode))
            {
                return response;
            }

            var path = request.RequestUri?.AbsolutePath ?? string.Empty;
            if (attempt >= _options.MaxRetryAttempts)
            {
                Log.RetriesExhausted(_logger, (int)response.StatusCode, request.Method.Method, path, attempt + 1, "attempt limit reached");
                return response;
            }

            var delay = RetryAfter.Read(response.Headers, _time.GetUtcNow()) ?? Backoff(attempt);
            if (waited + delay > _options.MaxRetryDelay)
            {
                Log.RetriesExhausted(_logger, (int)response.StatusCode, request.Method.Method, path, attempt + 1, "Retry-After exceeds the remaining retry time budget");
                return response;
            }

            Log.RetryScheduled(_logger, (int)response.StatusCode, request.Method.Method, path, attempt + 1, _options.MaxRetryAttempts, delay.TotalMilliseconds);
            response.Dispose();
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            waited += delay;
        }
    }

    private static TimeSpan Backoff(int attempt) => BaseBackoff * Math.Pow(2, attempt);

    private async Task<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                var elapsed = Stopwatch.GetElapsedTime(started);
                Log.RequestCompleted(_logger, request.Method.Method, request.RequestUri?.AbsolutePath ?? string.Empty, (int)response.StatusCode, elapsed.TotalMilliseconds);
            }

            return response;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            Log.RequestTimedOut(_logger, request.Method.Method, request.RequestUri?.AbsolutePath ?? string.Empty, _options.RequestTimeout.TotalMilliseconds);
            throw new TimeoutException($"Graph did not answer {request.Method} {request.RequestUri?.AbsolutePath} within {_options.RequestTimeout.TotalSeconds:0.###} s.");
        }
    }

    private static HttpRequestMessage Clone(HttpRequestMessage original, byte[]? body, int attempt)
    {
        var clone = new HttpRequestMessage(original.Method, original.RequestUri) { Version = original.Version, VersionPolicy = original.VersionPolicy };
        foreach (var header in original.Headers)
        {
            clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var option in original.Options)
        {
            clone.Options.TryAdd(option.Key, option.Value);
        }

        clone.Headers.Remove("Retry-Attempt");
        clone.Headers.TryAddWithoutValidation("Retry-Attempt", attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (body is not null)
        {
            clone.Content = CloneContent(original.Content!, body);
        }

        return clone;
    }

    private static ByteArrayContent CloneContent(HttpContent original, byte[] body)
    {
        var content = new ByteArrayContent(body);
        foreach (var header in original.Headers)
        {
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return content;
    }
}
