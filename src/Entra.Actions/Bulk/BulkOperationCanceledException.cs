namespace Entra.Actions;

/// <summary>
/// Thrown when a bulk call is cancelled. It is an <see cref="OperationCanceledException"/>, so callers that only catch that
/// still work, and it carries what was done: items that finished have their results, the others are
/// <see cref="EntraErrorKind.Cancelled"/>.
/// </summary>
/// <typeparam name="T">The value a successful item produces.</typeparam>
public sealed class BulkOperationCanceledException<T> : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="partialResult">The results so far.</param>
    /// <param name="cancellationToken">The token that was cancelled.</param>
    public BulkOperationCanceledException(BulkResult<T> partialResult, CancellationToken cancellationToken)
        : base($"The bulk call was cancelled: {partialResult?.SucceededCount} items had succeeded, {partialResult?.Items.Count(i => i.Result.Error?.Kind == EntraErrorKind.Cancelled)} were not finished.", cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partialResult);
        PartialResult = partialResult;
    }

    /// <summary>The results so far, one item per input in input order.</summary>
    public BulkResult<T> PartialResult { get; }
}
