using Entra.Actions.Telemetry.Internal;

namespace Entra.Actions.Throttling.Internal;

/// <summary>Counts the throttle-store calls answered locally (<c>entra.throttle.store.fallbacks</c>), tagged with why.</summary>
internal static class ThrottleCounters
{
    /// <summary>The tag that says why: <see cref="ErrorReason"/>, <see cref="TimeoutReason"/> or <see cref="SkippedReason"/>.</summary>
    public const string ReasonTag = "entra.throttle.reason";

    /// <summary>The store threw.</summary>
    public const string ErrorReason = "error";

    /// <summary>The store did not answer within the operation timeout.</summary>
    public const string TimeoutReason = "timeout";

    /// <summary>Not asked: the store failed within the retry interval.</summary>
    public const string SkippedReason = "skipped";

    public static void Fallback(string reason)
    {
        if (EntraTelemetry.ThrottleStoreFallbacks.Enabled)
        {
            EntraTelemetry.ThrottleStoreFallbacks.Add(1, new KeyValuePair<string, object?>(ReasonTag, reason));
        }
    }
}
