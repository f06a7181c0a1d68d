namespace Entra.Actions.Emulator;

/// <summary>One <c>$filter</c> comparison: <paramref name="Property"/> (canonical casing) equals, or starts with, <paramref name="Value"/>.</summary>
internal readonly record struct FilterClause(string Property, bool Prefix, string Value)
{
    /// <summary>Whether <paramref name="actual"/> (the object's value of <see cref="Property"/>) satisfies the clause.</summary>
    public bool Matches(string? actual)
    {
        if (actual is null)
        {
            return false;
        }

        if (Property == "id")
        {
            // A value that is not a GUID can match no object id; the emulator does not reproduce Graph's error for it.
            return Guid.TryParseExact(Value, "D", out var wanted) && Guid.TryParse(actual, out var id) && wanted == id;
        }

        return Prefix ? actual.StartsWith(Value, StringComparison.OrdinalIgnoreCase) : actual.Equals(Value, StringComparison.OrdinalIgnoreCase);
    }
}
