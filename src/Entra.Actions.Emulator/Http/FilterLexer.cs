using System.Globalization;
using System.Text;

namespace Entra.Actions.Emulator;

/// <summary>Splits a <c>$filter</c> value into words, OData string literals (<c>''</c> is an escaped quote) and punctuation.</summary>
internal sealed class FilterLexer(string text)
{
    private int _index;

    internal enum Kind
    {
        End,
        Word,
        String,
        Open,
        Close,
        Comma,
    }

    internal readonly record struct Token(Kind Kind, string Text, int Position);

    /// <summary>Gets the message of the first lexical error (an unterminated literal), or <c>null</c>.</summary>
    public string? Error { get; private set; }

    public Token Next()
    {
        while (_index < text.Length && char.IsWhiteSpace(text[_index]))
        {
            _index++;
        }

        var start = _index;
        if (_index >= text.Length)
        {
            return new Token(Kind.End, string.Empty, start);
        }

        switch (text[_index])
        {
            case '(':
                _index++;
                return new Token(Kind.Open, "(", start);
            case ')':
                _index++;
                return new Token(Kind.Close, ")", start);
            case ',':
                _index++;
                return new Token(Kind.Comma, ",", start);
            case '\'':
                return ReadString(start);
            default:
                while (_index < text.Length && !char.IsWhiteSpace(text[_index]) && text[_index] is not ('(' or ')' or ',' or '\''))
                {
                    _index++;
                }

                return new Token(Kind.Word, text[start.._index], start);
        }
    }

    private Token ReadString(int start)
    {
        var value = new StringBuilder();
        _index++;
        while (_index < text.Length)
        {
            if (text[_index] == '\'')
            {
                if (_index + 1 < text.Length && text[_index + 1] == '\'')
                {
                    value.Append('\'');
                    _index += 2;
                    continue;
                }

                _index++;
                return new Token(Kind.String, value.ToString(), start);
            }

            value.Append(text[_index++]);
        }

        // Unterminated: report it once and stop the parse at the end of the text.
        Error ??= string.Create(CultureInfo.InvariantCulture, $"Invalid filter clause: unterminated string literal at position {start}.");
        _index = text.Length;
        return new Token(Kind.End, string.Empty, text.Length);
    }
}
