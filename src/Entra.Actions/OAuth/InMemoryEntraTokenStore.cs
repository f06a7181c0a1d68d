using System.Collections.Concurrent;

namespace Entra.Actions;

/// <summary>
/// An <see cref="IEntraTokenStore"/> in this process's memory: for tests and single-process hosts. Values are lost on restart and not
/// encrypted (they never leave the process). <see cref="TakeAsync"/> is atomic. Thread-safe.
/// </summary>
public sealed class InMemoryEntraTokenStore : IEntraTokenStore
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="timeProvider">The clock for expiry; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public InMemoryEntraTokenStore(TimeProvider? timeProvider = null) => _timeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>Gets how many values are held (expired ones included until read).</summary>
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

    private bool IsExpired(Entry entry) => entry.ExpiresOn is { } expiresOn && expiresOn <= _timeProvider.GetUtcNow();

    private sealed record Entry(string Value, DateTimeOffset? ExpiresOn)
    {
        public override string ToString() => "(secret)";
    }
}
