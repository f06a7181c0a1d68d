using System.Collections.Concurrent;

namespace Entra.Actions;

/// <summary>
/// An <see cref="IEntraTokenStore"/> in this process's memory: for tests and single-process hosts. Values are lost on restart and not
/// encrypted (they never leave the process). <see cref="TakeAsync"/> is atomic. Thread-safe. Expired values (such as connects that
/// were started and never completed) are purged as new values are written, so memory stays bounded by the live values.
/// </summary>
public sealed class InMemoryEntraTokenStore : IEntraTokenStore
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private const int MinimumWritesBetweenPurges = 64;
    private readonly TimeProvider _timeProvider;
    private int _writesUntilPurge = MinimumWritesBetweenPurges;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="timeProvider">The clock for expiry; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public InMemoryEntraTokenStore(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>Gets how many values are held (expired ones included until read or purged).</summary>
    public int Count => _entries.Count;

    /// <inheritdoc />
    public Task<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Task.FromResult(_entries.TryGetValue(key, out var entry) && !IsExpired(entry) ? entry.Value : null);
    }

    /// <inheritdoc />
    public Task SetAsync(string key, string value, DateTimeOffset? expiresOn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        _entries[key] = new Entry(value, expiresOn);
        if (Interlocked.Decrement(ref _writesUntilPurge) == 0)
        {
            PurgeExpired();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<string?> TakeAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Task.FromResult(_entries.TryRemove(key, out var entry) && !IsExpired(entry) ? entry.Value : null);
    }

    /// <inheritdoc />
    public Task RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        _entries.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    // A sweep costs one pass over the entries; the next one waits for at least as many writes as entries remain, so a write
    // costs amortized O(1) and expired entries never outnumber the live ones by more than a constant factor.
    private void PurgeExpired()
    {
        var remaining = 0;
        foreach (var pair in _entries)
        {
            // Removes only this entry, so a value written concurrently under the same key survives.
            if (!IsExpired(pair.Value) || !_entries.TryRemove(pair))
            {
                remaining++;
            }
        }

        Volatile.Write(ref _writesUntilPurge, Math.Max(MinimumWritesBetweenPurges, remaining));
    }

    private bool IsExpired(Entry entry) => entry.ExpiresOn is { } expiresOn && expiresOn <= _timeProvider.GetUtcNow();

    private sealed record Entry(string Value, DateTimeOffset? ExpiresOn)
    {
        public override string ToString() => "(secret)";
    }
}
