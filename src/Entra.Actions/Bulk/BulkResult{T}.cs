namespace Entra.Actions;

/// <summary>The results of a bulk call: one item per input, in input order.</summary>
/// <typeparam name="T">The value a successful item produces.</typeparam>
public sealed class BulkResult<T>
{
    /// <summary>Creates a result.</summary>
    /// <param name="items">The items, in input order.</param>
    public BulkResult(IReadOnlyList<BulkItem<T>> items)
        : this(items, callError: null)
    {
    }

    /// <summary>Creates a result.</summary>
    /// <param name="items">The items, in input order.</param>
    /// <param name="callError">The failure that stopped the whole call, if any (see <see cref="CallError"/>).</param>
    public BulkResult(IReadOnlyList<BulkItem<T>> items, EntraActionError? callError)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = items;
        CallError = callError;
        SucceededCount = items.Count(i => i.Result.Succeeded);
    }

    /// <summary>
    /// The failure that stopped the whole call: an invalid group id, a group that could not be read or is of a kind that is
    /// refused, a write-policy refusal of the whole call (<see cref="EntraErrorKind.PolicyDenied"/>: more items than
    /// <see cref="EntraWritePolicyOptions.MaxBulkItems"/>, or a protected or not-allowed group) (all found before anything was
    /// sent), or, when no item succeeded, a group found deleted mid-call or a connection
    /// that could not authenticate (<see cref="EntraErrorKind.Unauthorized"/>: no token could be obtained, the credential
    /// failed, or Graph answered 401), for an add, a remove or a lookup alike. The items it reached carry the same kind of
    /// error; items that had already failed on their own (invalid input, a user not found) keep theirs (an invalid group id
    /// fails every item).
    /// <see langword="null"/> when the items were worked on; each then has its own outcome.
    /// </summary>
    public EntraActionError? CallError { get; }

    /// <summary>One item per input, in input order.</summary>
    public IReadOnlyList<BulkItem<T>> Items { get; }

    /// <summary>
    /// Whether the call was a dry run (<see cref="BulkOptions.DryRun"/>): every successful item's value has
    /// <see cref="MembershipChange.IsDryRun"/> set and says what the write would have done; nothing was written. Always
    /// <see langword="false"/> for lookups.
    /// </summary>
    public bool IsDryRun { get; init; }

    /// <summary>How many items succeeded.</summary>
    public int SucceededCount { get; }

    /// <summary>How many items failed.</summary>
    public int FailedCount => Items.Count - SucceededCount;

    /// <summary>Whether every item succeeded.</summary>
    public bool AllSucceeded => FailedCount == 0;

    /// <inheritdoc />
    public override string ToString() => $"{Items.Count} items: {SucceededCount} succeeded, {FailedCount} failed{(IsDryRun ? " (dry run)" : string.Empty)}";
}
