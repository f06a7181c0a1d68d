namespace Entra.Actions.Benchmarks.Scenarios;

/// <summary>One line of the scenario table.</summary>
internal sealed record ScenarioRow
{
    public required string Scenario { get; init; }

    public required string Approach { get; init; }

    public required int Items { get; init; }

    public required JournalStats Stats { get; init; }

    public required TimeSpan Wall { get; init; }

    /// <summary>Items whose final directory state is wrong, or that were written (applied) more than once.</summary>
    public required int Lost { get; init; }

    /// <summary>Items whose reported result differs from the truth (wrong outcome, failure instead of success).</summary>
    public required int WrongResults { get; init; }

    /// <summary>Reported failures by kind (for the observations).</summary>
    public required IReadOnlyDictionary<string, int> Failures { get; init; }

    public required string Target { get; init; }

    /// <summary>PASS/MISS, or <see langword="null"/> for a reference row without a target.</summary>
    public required bool? Pass { get; init; }
}
