namespace Entra.Actions.Emulator;

/// <summary>Every request the emulator received, in arrival order (thread-safe).</summary>
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
