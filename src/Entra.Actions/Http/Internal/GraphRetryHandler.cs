using System.Diagnostics;
using System.Net;
using Entra.Actions.Logging.Internal;
using Entra.Actions.Telemetry.Internal;
using Entra.Actions.Throttling.Internal;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.Http.Internal;

/// <summary>
/// The one retry owner of the Graph pipeline. Retries 429, 503 and 504
/// honouring <c>Retry-After</c> including decimal values, bounded by <see cref="EntraActionsOptions.MaxRetryAttempts"/>
/// and by <see cref="EntraActionsOptions.MaxRetryDuration"/> of total time; each attempt, body included, is bounded by
/// <see cref="EntraActionsOptions.RequestTimeout"/>. When retries run out it returns Graph's last response, so the
/// caller sees Graph's status, code and request-id rather than an aggregate exception. Every 429 answer and every resend
/// is counted (<see cref="GraphCounters"/>).
/// </summary>
internal sealed class GraphRetryHandler : DelegatingHandler
{
    private static readonly TimeSpan BaseBackoff = TimeSpan.FromSeconds(1);
    private readonly EntraActionsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ThrottleCoordinator _throttle;

    public GraphRetryHandler(EntraActionsOptions options, TimeProvider time, ILogger logger, ThrottleCoordinator? throttle = null)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _throttle = throttle ?? new ThrottleCoordinator(new ThrottleGate(time), new WritePacer(time), time);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A retry needs the body again. The library's bodies are in memory and can be sent again as they are; any other
        // content (a host's own request) is read once here, so the original can still be sent first.
        var body = request.Content is null or ByteArrayContent or ReadOnlyMemoryContent
            ? null
            : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var started = _time.GetTimestamp();
        var retriedStatus = 0;
        for (var attempt = 0; ; attempt++)
        {
            var attemptRequest = attempt == 0 ? request : Clone(request, body, attempt);
            try
            {
                await _throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (attempt > 0)
                {
                    GraphCounters.Retried(retriedStatus);
                }

                var response = await SendAttemptAsync(attemptRequest, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    GraphCounters.Throttled();
                }

                if (!ThrottlePolicy.IsRetryable(response.StatusCode))
                {
                    return response;
                }

                if (attempt >= _options.MaxRetryAttempts)
                {
                    var exhaustedRoute = GraphRoute.Redact(request.RequestUri);
                    Log.RetriesExhausted(_logger, (int)response.StatusCode, request.Method.Method, exhaustedRoute, attempt + 1, "attempt limit reached");
                    return response;
                }

                var retryAfter = RetryAfter.Read(response.Headers, _time.GetUtcNow());
                if (response.StatusCode == HttpStatusCode.TooManyRequests && retryAfter is { } pause)
                {
                    // Every request of this connection (and, with a shared store, of every node for this budget) holds back, not only this one.
                    await _throttle.PauseAsync(ThrottlePolicy.GatePause(pause, _options.MaxRetryDuration)).ConfigureAwait(false);
                }

                var delay = retryAfter ?? Backoff(attempt);
                if (_time.GetElapsedTime(started) + delay > _options.MaxRetryDuration)
                {
                    var exhaustedRoute = GraphRoute.Redact(request.RequestUri);
                    Log.RetriesExhausted(_logger, (int)response.StatusCode, request.Method.Method, exhaustedRoute, attempt + 1, "the next wait would pass MaxRetryDuration");
                    return response;
                }

                if (_logger.IsEnabled(LogLevel.Debug))
                {
                    var route = GraphRoute.Redact(request.RequestUri);
                    Log.RetryScheduled(_logger, (int)response.StatusCode, request.Method.Method, route, attempt + 1, _options.MaxRetryAttempts, delay.TotalMilliseconds);
                }

                retriedStatus = (int)response.StatusCode;
                response.Dispose();
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (!ReferenceEquals(attemptRequest, request))
                {
                    if (body is null)
                    {
                        // The content is the original request's, shared: disposing the clone must not dispose it.
                        attemptRequest.Content = null;
                    }

                    attemptRequest.Dispose();
                }
            }
        }
    }

    private static TimeSpan Backoff(int attempt) => BaseBackoff * Math.Pow(2, attempt);

    private async Task<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, timeout.Token).ConfigureAwait(false);

            // Bodies are read after this handler returns, with only the caller's token: read it here, under the
            // attempt's timeout, so a server that sends headers and then stalls cannot hang the action.
            await response.Content.LoadIntoBufferAsync(timeout.Token).ConfigureAwait(false);
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                var elapsed = Stopwatch.GetElapsedTime(started);
                Log.RequestCompleted(_logger, request.Method.Method, request.RequestUri?.AbsolutePath ?? string.Empty, (int)response.StatusCode, elapsed.TotalMilliseconds);
            }

            return response;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            response?.Dispose();
            var route = GraphRoute.Redact(request.RequestUri);
            Log.RequestTimedOut(_logger, request.Method.Method, route, _options.RequestTimeout.TotalMilliseconds);
            throw new TimeoutException($"Graph did not answer {request.Method} {route} within {_options.RequestTimeout.TotalSeconds:0.###} s.");
        }
        catch
        {
            response?.Dispose();
            throw;
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
        if (body is null)
        {
            clone.Content = original.Content;
        }
        else
        {
            var content = new ByteArrayContent(body);
            foreach (var header in original.Content!.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            clone.Content = content;
        }

        return clone;
    }
}
