using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Entra.Actions.Telemetry.Internal;

/// <summary>
/// The library's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named <c>Entra.Actions</c>, and its
/// instruments. Process-wide: a connection owns none of them, so removing one leaves nothing behind.
/// </summary>
/// <remarks>Tags carry ids, names of outcomes and error kinds, never a token, secret, userPrincipalName or mail.</remarks>
internal static class EntraTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "Entra.Actions";

    /// <summary>The catalog id of the action.</summary>
    public const string ActionTag = "entra.action";

    /// <summary>The connection's name (absent for the services registered by <c>AddEntraActions</c> directly).</summary>
    public const string ConnectionTag = "entra.connection";

    /// <summary>What the action did: a <see cref="MembershipOutcome"/> name, <c>Succeeded</c> for reads, <c>Completed</c> for a bulk call that ran its items, <c>Failed</c> on failure.</summary>
    public const string OutcomeTag = "entra.outcome";

    /// <summary>The <see cref="EntraErrorKind"/> name of a failure (OpenTelemetry's semantic-convention attribute).</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>Graph's request id of the call's last request.</summary>
    public const string RequestIdTag = "entra.graph.request_id";

    /// <summary>Set to <see langword="true"/> on a dry run.</summary>
    public const string DryRunTag = "entra.dry_run";

    /// <summary>A bulk call's item count (an activity tag; the counter of the same name counts items by outcome).</summary>
    public const string BulkItemsTag = "entra.bulk.items";

    /// <summary>How many items of a bulk call succeeded.</summary>
    public const string BulkSucceededTag = "entra.bulk.succeeded";

    /// <summary>How many items of a bulk call failed.</summary>
    public const string BulkFailedTag = "entra.bulk.failed";

    /// <summary>
    /// The outcome of a bulk call that ran its items (each with its own outcome, counted in <see cref="BulkItems"/> and the
    /// <c>entra.bulk.*</c> tags); a bulk call that failed as a whole (its <c>CallError</c>) is <see cref="FailedOutcome"/>.
    /// </summary>
    public const string CompletedOutcome = "Completed";

    /// <summary>The outcome of a read that succeeded.</summary>
    public const string SucceededOutcome = "Succeeded";

    /// <summary>The outcome of any failure (the kind is in <see cref="ErrorTypeTag"/>).</summary>
    public const string FailedOutcome = "Failed";

    private static readonly string? Version = typeof(EntraTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];

    /// <summary>One activity per action call, named by the action's catalog id.</summary>
    public static ActivitySource Source { get; } = new(Name, Version);

    /// <summary>The library's meter.</summary>
    public static Meter Meter { get; } = new(Name, Version);

    /// <summary>How long actions take, in seconds; tagged with the action and its outcome or error type.</summary>
    public static Histogram<double> ActionDuration { get; } = Meter.CreateHistogram(
        "entra.action.duration",
        unit: "s",
        description: "How long Entra actions take.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60] });

    /// <summary>Graph answers of 429 Too Many Requests.</summary>
    public static Counter<long> Throttled { get; } = Meter.CreateCounter<long>(
        "entra.graph.throttled", unit: "{response}", description: "Graph answers of 429 Too Many Requests.");

    /// <summary>Requests sent again after a 429, 503 or 504.</summary>
    public static Counter<long> Retries { get; } = Meter.CreateCounter<long>(
        "entra.graph.retries", unit: "{retry}", description: "Graph requests retried after a 429, 503 or 504 answer.");

    /// <summary>Calls to the shared throttle store answered locally instead (the store failed, timed out, or is being given time to recover).</summary>
    public static Counter<long> ThrottleStoreFallbacks { get; } = Meter.CreateCounter<long>(
        "entra.throttle.store.fallbacks", unit: "{call}", description: "Shared throttle store calls that fell back to the connection's own throttling.");

    /// <summary>
    /// Bulk items finished, tagged with the action and the item's outcome (a <see cref="MembershipOutcome"/> name,
    /// <see cref="SucceededOutcome"/> for a lookup, or <see cref="FailedOutcome"/> with <see cref="ErrorTypeTag"/>), and
    /// <see cref="DryRunTag"/> on a dry run.
    /// </summary>
    public static Counter<long> BulkItems { get; } = Meter.CreateCounter<long>(
        "entra.bulk.items", unit: "{item}", description: "Items of bulk Entra actions, by outcome.");
}
