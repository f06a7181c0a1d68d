namespace Entra.Actions;

/// <summary>How far a bulk call has come.</summary>
/// <param name="Total">How many items the call has.</param>
/// <param name="Completed">How many items have their final result.</param>
/// <param name="Succeeded">How many of those succeeded.</param>
/// <param name="Failed">How many of those failed.</param>
public readonly record struct BulkProgress(int Total, int Completed, int Succeeded, int Failed);
