using System.Collections.Concurrent;

namespace Entra.Actions.Graph.Internal;

/// <summary>
/// A bounded, short-lived cache of groups read before membership changes. Only successful reads are kept; an entry
/// lives <see cref="EntraActionsOptions.GroupCacheDuration"/>. When full, expired entries go first, then everything.
/// </summary>
internal sealed class GroupKindCache
{
    internal const int Capacity = 1024;
    private readonly ConcurrentDictionary<string, (EntraGroup Group, DateTimeOffset Expires)> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _time;
    private readonly TimeSpan _duration;

    public GroupKindCache(TimeProvider time, TimeSpan duration)
    {
        _time = time;
        _duration = duration;
    }

    public bool TryGet(string groupId, out EntraGroup group)
    {
        if (_entries.TryGetValue(groupId, out var entry) && entry.Expires > _time.GetUtcNow())
        {
            group = entry.Group;
            return true;
        }

        group = null!;
        return false;
    }

    public void Set(EntraGroup group)
    {
        if (_duration <= TimeSpan.Zero)
        {
            return;
        }

        var now = _time.GetUtcNow();
        if (_entries.Count >= Capacity)
        {
            foreach (var (key, value) in _entries)
            {
                if (value.Expires <= now)
                {
                    _entries.TryRemove(key, out _);
                }
            }

            if (_entries.Count >= Capacity)
            {
                _entries.Clear();
            }
        }

        _entries[group.Id] = (group, now + _duration);
    }

    public void Remove(string groupId) => _entries.TryRemove(groupId, out _);

    /// <summary>How many entries are held (expired ones included until they are swept).</summary>
    internal int Count => _entries.Count;
}
