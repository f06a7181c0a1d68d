namespace Entra.Actions.IntegrationTests.Support;

/// <summary>Checks over the emulator's request journal.</summary>
public static class JournalAssertions
{
    private static readonly string[] WriteMethods = ["POST", "PATCH", "PUT", "DELETE"];

    /// <summary>The requests that change the directory (batch envelopes included).</summary>
    public static IReadOnlyList<JournalEntry> Writes(this RequestJournal journal) =>
        [.. journal.Entries.Where(e => WriteMethods.Contains(e.Method, StringComparer.OrdinalIgnoreCase))];

    /// <summary>The requests whose raw path starts with <paramref name="prefix"/> (relative to <c>/v1.0</c>).</summary>
    public static IReadOnlyList<JournalEntry> For(this RequestJournal journal, string method, string prefix) =>
        [.. journal.Entries.Where(e => e.Method == method && e.RawPath.StartsWith("/v1.0" + prefix, StringComparison.OrdinalIgnoreCase))];

    /// <summary>
    /// A DELETE without <c>/$ref</c> deletes the object itself: no code path may ever send one.
    /// Applied to the journal of every test by <see cref="EmulatorTestBase"/>.
    /// </summary>
    public static void ShouldHaveNoDeleteWithoutRef(this RequestJournal journal)
    {
        journal.Entries.Should().NotContain(
            e => e.Method == "DELETE" && !e.RawPath.EndsWith("/$ref", StringComparison.Ordinal),
            "removal must only ever target the membership reference");
    }
}
