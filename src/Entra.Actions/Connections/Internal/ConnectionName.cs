using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Entra.Actions.Connections.Internal;

/// <summary>
/// The one rule for when two connection names are the same connection: their <see cref="Canonical"/> forms are equal, ordinally.
/// Every dictionary of connections and every token-store key derives from it, so memory and store never disagree.
/// </summary>
internal static class ConnectionName
{
    /// <summary>Compares names by their canonical form.</summary>
    public static IEqualityComparer<string> Comparer { get; } = new CanonicalComparer();

    /// <summary>
    /// NFKC (the Kelvin sign is K, full-width letters are ASCII, composed and decomposed accents agree), then upper-case and
    /// lower-case invariantly: the round trip folds letters with two lower-case forms (ſ/s, µ/μ, ς/σ) like a case fold, and an
    /// ordinary name keeps the lower-case form its store key has always had.
    /// </summary>
    public static string Canonical(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Normalized(name).ToUpperInvariant().ToLowerInvariant();
    }

    // A name Unicode cannot normalize (a lone surrogate, a noncharacter) is folded as it is.
    private static string Normalized(string name)
    {
        try
        {
            return name.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return name;
        }
    }

    private sealed class CanonicalComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && string.Equals(Canonical(x), Canonical(y), StringComparison.Ordinal));

        public int GetHashCode([DisallowNull] string obj) => StringComparer.Ordinal.GetHashCode(Canonical(obj));
    }
}
