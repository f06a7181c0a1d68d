using System.ComponentModel;

namespace Entra.Actions.Catalog.Internal;

/// <summary>The JSON shape of one <see cref="BulkItem{T}"/> in a bulk action's <c>items</c> output.</summary>
/// <typeparam name="T">The value a successful item produces.</typeparam>
internal sealed class BulkItemOutput<T>
    where T : class
{
    /// <summary>The caller's input.</summary>
    [Description("The input, as given.")]
    public required string Input { get; init; }

    /// <summary>Whether the item succeeded.</summary>
    [Description("Whether this item succeeded.")]
    public required bool Success { get; init; }

    /// <summary>Whether an earlier input named the same object.</summary>
    [Description("Whether an earlier input named the same object (nothing was sent for this item; it repeats that result).")]
    public required bool IsDuplicate { get; init; }

    /// <summary>The value of a successful item.</summary>
    [Description("The item's value on success; null on failure.")]
    public T? Value { get; init; }

    /// <summary>The error of a failed item.</summary>
    [Description("The item's error on failure; null on success.")]
    public ErrorOutput? Error { get; init; }

    /// <summary>Converts an item.</summary>
    /// <param name="item">The item.</param>
    /// <returns>Its JSON shape.</returns>
    public static BulkItemOutput<T> From(BulkItem<T> item) => new()
    {
        Input = item.Input,
        Success = item.Result.Succeeded,
        IsDuplicate = item.IsDuplicate,
        Value = item.Result.Value,
        Error = item.Result.Error is { } error ? ErrorOutput.From(error) : null,
    };
}
