namespace Entra.Actions.Emulator;

/// <summary>
/// Every request the emulator received (thread-safe), in <b>completion order</b>: an entry is added when its response is ready, so
/// concurrent requests may appear in a different order than they arrived (<see cref="JournalEntry.Timestamp"/> is the arrival time),
/// and the steps of a <c>$batch</c> appear before the envelope that carried them.
/// </summary>
public sealed class RequestJournal
{
    private readonly Lock _gate = new();
    private readonly List<JournalEntry> _entries = [];

    /// <summary>Gets a snapshot of the entries.</summary>
    public IReadOnlyList<JournalEntry> Entries
    {
        get { lock (_gate) { return [.. _entries]; } }
    }

    /// <summary>Gets the number of entries.</summary>
    public int Count
    {
        get { lock (_gate) { return _entries.Count; } }
    }

    /// <summary>Removes every entry.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    internal void Add(JournalEntry entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }
}
