namespace Entra.Actions.Emulator;

/// <summary>Splits text into search tokens as the directory's tokenized <c>$search</c> does: on spaces, symbols, a change between letters
/// and digits, and a lower-to-upper case change ("AdeleV@contoso.com" is "Adele", "V", "contoso", "com").</summary>
internal static class SearchTokens
{
    public static List<string> Split(string text)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (!char.IsLetterOrDigit(c))
            {
                Flush(text, ref start, i, tokens);
                continue;
            }

            if (start >= 0)
            {
                var previous = text[i - 1];
                var boundary = char.IsDigit(previous) != char.IsDigit(c) || (char.IsLower(previous) && char.IsUpper(c));
                if (boundary)
                {
                    Flush(text, ref start, i, tokens);
                }
            }

            if (start < 0)
            {
                start = i;
            }
        }

        return tokens;
    }

    /// <summary>Whether every token of <paramref name="query"/> starts some token of <paramref name="value"/> (case-insensitive);
    /// a query with no tokens matches nothing.</summary>
    public static bool Matches(string value, string query)
    {
        var wanted = Split(query);
        if (wanted.Count == 0)
        {
            return false;
        }

        var words = Split(value);
        return wanted.TrueForAll(w => words.Exists(word => word.StartsWith(w, StringComparison.OrdinalIgnoreCase)));
    }

    private static void Flush(string text, ref int start, int end, List<string> tokens)
    {
        if (start >= 0)
        {
            tokens.Add(text[start..end]);
            start = -1;
        }
    }
}
