using Entra.Actions.Connections.Internal;

namespace Entra.Actions.Tests.Connections;

public sealed class ConnectionNameTests
{
    [Fact]
    public void Comparer_EveryCharacterAndItsCaseVariants_AreOneName()
    {
        var apart = new List<int>();
        for (var c = 0; c <= 0xFFFF; c++)
        {
            if (char.IsSurrogate((char)c))
            {
                continue;
            }

            var name = "x" + (char)c;
            var upper = name.ToUpperInvariant();
            var lower = name.ToLowerInvariant();
            if (!ConnectionName.Comparer.Equals(name, upper) || !ConnectionName.Comparer.Equals(name, lower))
            {
                apart.Add(c);
            }
        }

        apart.Select(c => c.ToString("X4", System.Globalization.CultureInfo.InvariantCulture)).Should().BeEmpty();
    }

    [Fact]
    public void Comparer_NamesEqualIgnoringCaseOrdinally_AreOneName()
    {
        var apart = new List<string>();
        var byUpper = new Dictionary<string, List<char>>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c <= 0xFFFF; c++)
        {
            if (!char.IsSurrogate((char)c))
            {
                var key = ((char)c).ToString();
                if (!byUpper.TryGetValue(key, out var group))
                {
                    byUpper[key] = group = [];
                }

                group.Add((char)c);
            }
        }

        foreach (var group in byUpper.Values.Where(g => g.Count > 1))
        {
            if (group.Select(c => ConnectionName.Canonical(c.ToString())).Distinct(StringComparer.Ordinal).Count() > 1)
            {
                apart.Add(string.Join(",", group.Select(c => ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture))));
            }
        }

        apart.Should().BeEmpty("names that were one connection before stay one connection");
    }

    [Theory]
    [InlineData("\uD800ontoso")]
    [InlineData("contoso\uDC00")]
    [InlineData("\uFFFFontoso")]
    public void Canonical_NameUnicodeCannotNormalize_FoldsWithoutNormalizing(string name)
    {
        ConnectionName.Canonical(name).Should().Be(name.ToUpperInvariant().ToLowerInvariant());
        ConnectionName.Comparer.Equals(name, name.ToUpperInvariant()).Should().BeTrue();
    }

    [Fact]
    public void Comparer_EqualNames_HaveEqualHashCodes()
    {
        ConnectionName.Comparer.GetHashCode("kontoso").Should().Be(ConnectionName.Comparer.GetHashCode("\u212AONTOSO"));
    }
}
