namespace Entra.Actions;

/// <summary>
/// The bookkeeping of one bulk call: the inputs, which of them name the same object, each item's final result, progress,
/// and the partial result reported on cancellation. Thread-safe for result writes from concurrent round trips.
/// </summary>
/// <typeparam name="T">The value a successful item produces.</typeparam>
internal sealed class BulkRun<T>
{
    private readonly string[] _inputs;
    private readonly EntraActionResult<T>?[] _results;
    private readonly int[] _duplicateOf;
    private readonly IProgress<BulkProgress>? _progress;
    private readonly Lock _progressGate = new();
    private int _completed;
    private int _succeeded;
    private int _duplicates;
    private EntraActionError? _callError;
    private EntraActionError? _groupLost;

    public BulkRun(IEnumerable<string> inputs, IProgress<BulkProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        _inputs = inputs.Select(i => i ?? string.Empty).ToArray();
        _results = new EntraActionResult<T>?[_inputs.Length];
        _duplicateOf = Enumerable.Repeat(-1, _inputs.Length).ToArray();
        _progress = progress;
    }

    public int Count => _inputs.Length;

    public string Input(int index) => _inputs[index];

    public bool IsDone(int index) => Volatile.Read(ref _results[index]) is not null;

    /// <summary>Marks <paramref name="index"/> as naming the same object as <paramref name="firstIndex"/>: it is not sent and repeats that result.</summary>
    public void MarkDuplicate(int index, int firstIndex)
    {
        _duplicateOf[index] = firstIndex;
        Interlocked.Increment(ref _duplicates);
    }

    public bool IsDuplicate(int index) => _duplicateOf[index] >= 0;

    /// <summary>Sets an item's final result once (later calls are ignored) and reports progress.</summary>
    public void Complete(int index, EntraActionResult<T> result)
    {
        if (Interlocked.CompareExchange(ref _results[index], result, null) is not null)
        {
            return;
        }

        // Counted and reported under one lock: concurrent round trips would otherwise report out of order (a later
        // Completed before an earlier one) or pair counts from different moments (Succeeded > Completed, Failed < 0).
        lock (_progressGate)
        {
            _completed++;
            if (result.Succeeded)
            {
                _succeeded++;
            }

            _progress?.Report(new BulkProgress(_inputs.Length - Volatile.Read(ref _duplicates), _completed, _succeeded, _completed - _succeeded));
        }
    }

    /// <summary>Fails the whole call before anything was sent: every listed item without a result gets <paramref name="error"/>.</summary>
    public void FailCall(IEnumerable<int> indexes, EntraActionError error)
    {
        _callError = error;
        CompleteRemaining(indexes, EntraActionResult.Failure<T>(error));
    }

    /// <summary>
    /// Notes that the group turned out, mid-call, to be deleted (a write answered 404 and the group's re-read answered 404
    /// too). If nothing succeeded by the end, that is the whole call's failure: typically a group deleted while its cached
    /// read was still fresh, so that no write could ever have landed.
    /// </summary>
    public void GroupLost(EntraActionError error) => Interlocked.CompareExchange(ref _groupLost, error, null);

    /// <summary>Completes every item that has no result yet with <paramref name="result"/>.</summary>
    public void CompleteRemaining(IEnumerable<int> indexes, EntraActionResult<T> result)
    {
        foreach (var index in indexes)
        {
            Complete(index, result);
        }
    }

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

        return new BulkResult<T>(items, _callError ?? (succeeded == 0 ? Volatile.Read(ref _groupLost) : null));
    }

    private static readonly EntraActionResult<T> Cancelled = EntraActionResult.Failure<T>(
        new EntraActionError(EntraErrorKind.Cancelled, "The bulk call was cancelled before this item finished; if its write was in flight, Graph may have applied it."));
}
