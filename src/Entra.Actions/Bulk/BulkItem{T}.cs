namespace Entra.Actions;

/// <summary>One input of a bulk call and its result.</summary>
/// <typeparam name="T">The value a successful item produces.</typeparam>
public sealed class BulkItem<T>
{
    /// <summary>Creates an item.</summary>
    /// <param name="input">The caller's input, as given.</param>
    /// <param name="result">Its result.</param>
    /// <param name="isDuplicate">Whether an earlier input named the same object (it was sent once; this item repeats that result).</param>
    public BulkItem(string input, EntraActionResult<T> result, bool isDuplicate = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(result);
        Input = input;
        Result = result;
        IsDuplicate = isDuplicate;
    }

    /// <summary>The caller's input, as given.</summary>
    public string Input { get; }

    /// <summary>The item's result.</summary>
    public EntraActionResult<T> Result { get; }

    /// <summary>Whether an earlier input named the same object; nothing was sent for this item.</summary>
    public bool IsDuplicate { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Input}: {Result}{(IsDuplicate ? " (duplicate)" : string.Empty)}";
}
