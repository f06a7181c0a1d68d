namespace Entra.Actions;

/// <summary>The results of a bulk call: one item per input, in input order.</summary>
/// <typeparam name="T">The value a successful item produces.</typeparam>
public sealed class BulkResult<T>
{
    /// <summary>Creates a result.</summary>
    /// <param name="items">The items, in input order.</param>
    public BulkResult(IReadOnlyList<BulkItem<T>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = items;
        SucceededCount = items.Count(i => i.Result.Succeeded);
    }

    /// <summary>One item per input, in input order.</summary>
    public IReadOnlyList<BulkItem<T>> Items { get; }

    /// <summary>How many items succeeded.</summary>
    public int SucceededCount { get; }

    /// <summary>How many items failed.</summary>
    public int FailedCount => Items.Count - SucceededCount;

    /// <summary>Whether every item succeeded.</summary>
    public bool AllSucceeded => FailedCount == 0;

    /// <inheritdoc />
    public override string ToString() => $"{Items.Count} items: {SucceededCount} succeeded, {FailedCount} failed";
}
