namespace Entra.Actions;

/// <summary>How far a bulk call has come.</summary>
/// <param name="Total">How many items the call has: the number of inputs, the same in every report of the call.</param>
/// <param name="Completed">
/// How many items have their final result. A duplicate input counts as completed, with its first occurrence's success or
/// failure, when that occurrence completes; so the last report of a call that finished has <c>Completed == Total</c>.
/// </param>
/// <param name="Succeeded">How many of those succeeded.</param>
/// <param name="Failed">How many of those failed.</param>
public readonly record struct BulkProgress(int Total, int Completed, int Succeeded, int Failed);
