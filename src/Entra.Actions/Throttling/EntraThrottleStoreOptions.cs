namespace Entra.Actions;

/// <summary>How the library uses a shared <see cref="IEntraThrottleStore"/>: how long it waits for one, and how long it keeps to local throttling after a failure.</summary>
public sealed class EntraThrottleStoreOptions
{
    /// <summary>The longest <see cref="OperationTimeout"/>: 10 seconds.</summary>
    public static readonly TimeSpan MaxOperationTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets how long one store call may take before the library stops waiting and throttles with what the
    /// connection knows itself. Defaults to 500 milliseconds; between 1 millisecond and <see cref="MaxOperationTimeout"/>.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Gets or sets how long, after a store call failed or timed out, the library throttles locally without asking the
    /// store (so an unreachable store costs one timeout per interval, not one per request). Defaults to 5 seconds;
    /// between <see cref="OperationTimeout"/> and 10 minutes.
    /// </summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(5);
}
