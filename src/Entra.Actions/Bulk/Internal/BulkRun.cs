namespace Entra.Actions.Bulk.Internal;

/// <summary>
/// The bookkeeping of one bulk call and the only writer of its item results: the inputs, which of them name the same
/// object, each item's final result, progress, and the partial result reported on cancellation. Thread-safe for result
/// writes from concurrent round trips.
/// </summary>
/// <typeparam name="T">The value a successful item produces.</typeparam>
internal sealed class BulkRun<T>
{
    private readonly string[] _inputs;
    private readonly EntraActionResult<T>?[] _results;
    private readonly int[] _duplicateOf;
    private readonly int[] _duplicateCount;
    private readonly IProgress<BulkProgress>? _progress;
    private readonly Lock _progressGate = new();
    private int _completed;
    private int _succeeded;
    private EntraActionError? _callError;
    private EntraActionError? _groupLost;
    private EntraActionError? _unauthorized;

    public BulkRun(IEnumerable<string> inputs, IProgress<BulkProgress>? progress, bool isDryRun = false)
    {
        IsDryRun = isDryRun;
        ArgumentNullException.ThrowIfNull(inputs);
        _inputs = inputs.Select(i => i ?? string.Empty).ToArray();
        _results = new EntraActionResult<T>?[_inputs.Length];
        _duplicateOf = new int[_inputs.Length];
        Array.Fill(_duplicateOf, -1);
        _duplicateCount = new int[_inputs.Length];
        _progress = progress;
    }

    public int Count => _inputs.Length;

    /// <summary>Whether nothing is written: each item gets the outcome it would have.</summary>
    public bool IsDryRun { get; }

    /// <summary>Whether <paramref name="index"/> repeats an earlier item (it has no result, event or write of its own).</summary>
    public bool IsDuplicate(int index) => _duplicateOf[index] >= 0;

    /// <summary>The result of <paramref name="index"/> so far (<see langword="null"/> while it has none, or for a duplicate).</summary>
    public EntraActionResult<T>? ResultOf(int index) => Volatile.Read(ref _results[index]);

    public string Input(int index) => _inputs[index];

    /// <summary>
    /// Marks <paramref name="index"/> as naming the same object as <paramref name="firstIndex"/>: it is not sent, repeats that
    /// result, and counts as completed when that item completes.
    /// </summary>
    public void MarkDuplicate(int index, int firstIndex)
    {
        lock (_progressGate)
        {
            _duplicateOf[index] = firstIndex;
            if (Volatile.Read(ref _results[firstIndex]) is { } done)
            {
                CountCompleted(done.Succeeded, 1);
                return;
            }

            _duplicateCount[firstIndex]++;
        }
    }

    /// <summary>Sets an item's final result once (later calls are ignored) and reports progress for it and its duplicates.</summary>
    public void Complete(int index, EntraActionResult<T> result)
    {
        if (Interlocked.CompareExchange(ref _results[index], result, null) is not null)
        {
            return;
        }

        if (result.Error is { Kind: EntraErrorKind.Unauthorized } unauthorized)
        {
            Interlocked.CompareExchange(ref _unauthorized, unauthorized, null);
        }

        // Counted and reported under one lock: concurrent round trips would otherwise report out of order (a later
        // Completed before an earlier one) or pair counts from different moments (Succeeded > Completed, Failed < 0).
        lock (_progressGate)
        {
            CountCompleted(result.Succeeded, 1 + _duplicateCount[index]);
        }
    }

    /// <summary>Fails the whole call before anything was sent: every item without a result (duplicates aside) gets <paramref name="error"/>.</summary>
    public void FailCall(EntraActionError error)
    {
        _callError = error;
        var failure = EntraActionResult.Failure<T>(error);
        for (var i = 0; i < _inputs.Length; i++)
        {
            if (_duplicateOf[i] < 0)
            {
                Complete(i, failure);
            }
        }
    }

    /// <summary>
    /// Notes that the group turned out, mid-call, to be deleted (a write answered 404 and the group's re-read answered 404
    /// too). If nothing succeeded by the end, that is the whole call's failure: typically a group deleted while its cached
    /// read was still fresh, so that no write could ever have landed.
    /// </summary>
    public void GroupLost(EntraActionError error) => Interlocked.CompareExchange(ref _groupLost, error, null);

    /// <summary>The result, in input order; duplicates repeat their first occurrence's result.</summary>
    public BulkResult<T> ToResult()
    {
        var items = new BulkItem<T>[_inputs.Length];
        for (var i = 0; i < _inputs.Length; i++)
        {
            var source = _duplicateOf[i] >= 0 ? _duplicateOf[i] : i;
            var result = Volatile.Read(ref _results[source]) ?? Cancelled;
            items[i] = new BulkItem<T>(_inputs[i], result, isDuplicate: _duplicateOf[i] >= 0);
        }

        int succeeded;
        lock (_progressGate)
        {
            succeeded = _succeeded;
        }

        // A call where nothing succeeded failed as a whole when the group vanished or the connection could not authenticate.
        var callError = _callError ?? (succeeded == 0 ? Volatile.Read(ref _groupLost) ?? Volatile.Read(ref _unauthorized) : null);
        return new BulkResult<T>(items, callError) { IsDryRun = IsDryRun };
    }

    /// <summary>Counts <paramref name="items"/> items as completed, one progress report each (call under the lock).</summary>
    private void CountCompleted(bool succeeded, int items)
    {
        for (var n = 0; n < items; n++)
        {
            _completed++;
            if (succeeded)
            {
                _succeeded++;
            }

            _progress?.Report(new BulkProgress(_inputs.Length, _completed, _succeeded, _completed - _succeeded));
        }
    }

    private static readonly EntraActionResult<T> Cancelled = EntraActionResult.Failure<T>(
        new EntraActionError(EntraErrorKind.Cancelled, "The bulk call was cancelled before this item finished; if its write was in flight, Graph may have applied it."));
}
