using System.Net;

namespace Entra.Actions.Http.Internal;

/// <summary>
/// The one throttling policy of the library, shared by the retry handler (whole requests) and the bulk paths (<c>$batch</c>
/// steps, which the handler never sees): which answers are worth sending again, how long the connection's gate is paused
/// for a 429, and how long to wait when Graph names no <c>Retry-After</c>.
/// </summary>
internal static class ThrottlePolicy
{
    /// <summary>The wait before resending a <c>$batch</c> step that Graph refused without a <c>Retry-After</c>.</summary>
    public static readonly TimeSpan DefaultStepRetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>429, 503 and 504: Graph throttled the request or could not serve it now; the same request may succeed later.</summary>
    public static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>
    /// A <c>$batch</c> step (or whole batch) worth resending: the statuses <see cref="IsRetryable(HttpStatusCode)"/> names, and
    /// 424, which no step of ours can earn through <c>dependsOn</c> but which Graph has answered for a whole batch whose steps
    /// were throttled.
    /// </summary>
    public static bool IsRetryable(EntraActionError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Kind == EntraErrorKind.Throttled || error.StatusCode is 503 or 504 or 424;
    }

    /// <summary>The wait before resending a refused step: Graph's <c>Retry-After</c>, or <see cref="DefaultStepRetryAfter"/>.</summary>
    public static TimeSpan StepRetryAfter(EntraActionError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.RetryAfter ?? DefaultStepRetryAfter;
    }

    /// <summary>
    /// How long the connection's gate holds every request after a 429: Graph's <c>Retry-After</c>, but never longer than one
    /// call's retry budget, so that a quota-window <c>Retry-After</c> cannot stall unrelated calls for minutes.
    /// </summary>
    public static TimeSpan GatePause(TimeSpan retryAfter, TimeSpan maxRetryDuration) =>
        retryAfter < maxRetryDuration ? retryAfter : maxRetryDuration;
}
