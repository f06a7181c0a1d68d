using Entra.Actions.Directory.Internal;
using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Bulk.Internal;

/// <summary>
/// The group's members as one bulk add knows them: an immutable snapshot (a read replaces it whole) and the reads that
/// produce it. It owns its concurrency: concurrent workers wait for one first read, and share one re-read started after
/// their answers.
/// </summary>
internal sealed class MemberReader : IDisposable
{
    private readonly BulkServices _services;
    private readonly ObjectId _group;
    private readonly MemberPrefetch _prefetch;
    private readonly SemaphoreSlim _readGate = new(1, 1);
    private volatile GroupMemberIds? _members;
    private bool _read;
    private long _lastReadStarted = long.MinValue;

    public MemberReader(BulkServices services, ObjectId group, MemberPrefetch prefetch, int chunkCount)
    {
        _services = services;
        _group = group;
        _prefetch = prefetch;
        PagesBudget = Math.Max(1, chunkCount / 4);
    }

    /// <summary>The pages (of 999) a member read may take when it replaces splitting: a quarter of the chunks, at least one.</summary>
    public int PagesBudget { get; }

    /// <summary>The members known now, or <see langword="null"/>.</summary>
    public GroupMemberIds? Snapshot => _members;

    public void Dispose() => _readGate.Dispose();

    /// <summary>Reads the group's members once per call (later callers wait for the first read). Returns whether members are known.</summary>
    public Task<bool> EnsureAsync(int maxPages, CancellationToken cancellationToken) =>
        ReadAsync(maxPages, onlyOnce: true, answeredAt: 0, cancellationToken);

    /// <summary>
    /// Reads the group's members again (they may have changed under a throttled write), with the budget of the first read
    /// (all pages after <see cref="MemberPrefetch.Always"/>), unless a read started after <paramref name="answeredAt"/>
    /// already saw what those answers left. Returns whether members are known.
    /// </summary>
    public Task<bool> RefreshAsync(long answeredAt, CancellationToken cancellationToken) =>
        ReadAsync(_prefetch == MemberPrefetch.Always ? int.MaxValue : PagesBudget, onlyOnce: false, answeredAt, cancellationToken);

    private async Task<bool> ReadAsync(int maxPages, bool onlyOnce, long answeredAt, CancellationToken cancellationToken)
    {
        await _readGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if ((onlyOnce && _read) || (!onlyOnce && _lastReadStarted >= answeredAt && _members is not null))
            {
                return _members is not null;
            }

            _read = true;
            _lastReadStarted = _services.Time.GetTimestamp();
            await _services.Throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
            var read = await _services.Bulk.GetGroupMemberIdsAsync(_group, maxPages, cancellationToken).ConfigureAwait(false);
            if (read.Succeeded)
            {
                // Never downgrade: a shorter re-read adds what it saw to a set that was complete, which stays complete (the
                // members this call learns about only grow, through its own writes).
                _members = _members is { } known && !read.Value.IsComplete
                    ? new GroupMemberIds(new HashSet<string>(known.Ids.Concat(read.Value.Ids), StringComparer.OrdinalIgnoreCase), known.IsComplete)
                    : read.Value;
            }

            return read.Succeeded || (onlyOnce && _members is not null);
        }
        finally
        {
            _readGate.Release();
        }
    }
}
