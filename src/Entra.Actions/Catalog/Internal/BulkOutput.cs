namespace Entra.Actions.Catalog.Internal;

/// <summary>The JSON shape of a <see cref="BulkResult{T}"/>: a bulk action's outputs.</summary>
/// <typeparam name="T">The value a successful item produces.</typeparam>
internal sealed class BulkOutput<T>
    where T : class
{
    /// <summary>One item per input, in input order.</summary>
    public required IReadOnlyList<BulkItemOutput<T>> Items { get; init; }

    /// <summary>How many items succeeded.</summary>
    public required int SucceededCount { get; init; }

    /// <summary>How many items failed.</summary>
    public required int FailedCount { get; init; }

    /// <summary>Whether every item succeeded.</summary>
    public required bool AllSucceeded { get; init; }

    /// <summary>Whether the call was a dry run (nothing was written).</summary>
    public required bool IsDryRun { get; init; }

    /// <summary>Converts a bulk result.</summary>
    /// <param name="result">The result.</param>
    /// <returns>Its JSON shape.</returns>
    public static BulkOutput<T> From(BulkResult<T> result) => new()
    {
        Items = [.. result.Items.Select(BulkItemOutput<T>.From)],
        SucceededCount = result.SucceededCount,
        FailedCount = result.FailedCount,
        AllSucceeded = result.AllSucceeded,
        IsDryRun = result.IsDryRun,
    };
}
