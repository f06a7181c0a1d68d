using System.Globalization;
using System.Text;

namespace Entra.Actions.Emulator;

/// <summary>A parsed <c>$search</c> on a directory collection: <c>"property:text"</c> clauses (each in double quotes, <c>\"</c> and <c>\\</c>
/// escape inside them) joined by upper-case <c>AND</c>/<c>OR</c> (AND binds tighter), with parentheses.</summary>
internal sealed class DirectorySearch
{
    private readonly Node _root;
    private readonly SearchSchema _schema;

    private DirectorySearch(Node root, SearchSchema schema)
    {
        _root = root;
        _schema = schema;
    }

    /// <summary>Whether the object whose property values <paramref name="valueOf"/> gives (by canonical name) matches.</summary>
    public bool Matches(Func<string, string?> valueOf) => Evaluate(_root, valueOf);

    /// <summary>Parses a decoded <c>$search</c> value; on failure <paramref name="error"/> is the message of a 400 <c>Request_UnsupportedQuery</c>.</summary>
    public static bool TryParse(string text, SearchSchema schema, out DirectorySearch? search, out string? error)
    {
        search = null;
        var parser = new Parser(text, schema);
        var root = parser.ParseOr();
        if (root is not null && parser.AtEnd is false)
        {
            root = null;
            var word = text[parser.Position..].Split(' ', '"', '(')[0];
            parser.Fail(word.ToUpperInvariant() is "AND" or "OR"
                ? $"'{word}' is not an operator (AND and OR are upper-case)"
                : $"unexpected '{text[parser.Position]}'");
        }

        error = parser.Error;
        if (root is null)
        {
            return false;
        }

        search = new DirectorySearch(root, schema);
        return true;
    }

    private bool Evaluate(Node node, Func<string, string?> valueOf) => node switch
    {
        Clause c => valueOf(c.Property) is { } value && (_schema.Tokenized.Contains(c.Property)
            ? SearchTokens.Matches(value, c.Text)
            : c.Text.Length > 0 && value.StartsWith(c.Text, StringComparison.OrdinalIgnoreCase)),
        Binary { IsAnd: true } b => Evaluate(b.Left, valueOf) && Evaluate(b.Right, valueOf),
        Binary b => Evaluate(b.Left, valueOf) || Evaluate(b.Right, valueOf),
        _ => false,
    };

    private abstract record Node;

    private sealed record Clause(string Property, string Text) : Node;

    private sealed record Binary(bool IsAnd, Node Left, Node Right) : Node;

    private sealed class Parser(string text, SearchSchema schema)
    {
        public int Position { get; private set; }

        public string? Error { get; private set; }

        public bool AtEnd
        {
            get
            {
                SkipSpace();
                return Position >= text.Length;
            }
        }

        public Node? ParseOr()
        {
            var left = ParseAnd();
            while (left is not null && TryKeyword("OR"))
            {
                var right = ParseAnd();
                left = right is null ? null : new Binary(false, left, right);
            }

            return left;
        }

        public void Fail(string problem) =>
            Error ??= string.Create(CultureInfo.InvariantCulture, $"Invalid $search clause: {problem} at position {Position}.");

        private Node? ParseAnd()
        {
            var left = ParsePrimary();
            while (left is not null && TryKeyword("AND"))
            {
                var right = ParsePrimary();
                left = right is null ? null : new Binary(true, left, right);
            }

            return left;
        }

        private Node? ParsePrimary()
        {
            SkipSpace();
            if (Position >= text.Length)
            {
                Fail("expected a quoted \"property:text\" clause");
                return null;
            }

            if (text[Position] == '(')
            {
                Position++;
                var inner = ParseOr();
                SkipSpace();
                if (inner is null)
                {
                    return null;
                }

                if (Position >= text.Length || text[Position] != ')')
                {
                    Fail("missing ')'");
                    return null;
                }

                Position++;
                return inner;
            }

            if (text[Position] != '"')
            {
                Fail("a clause must be a quoted \"property:text\"");
                return null;
            }

            return ParseClause();
        }

        private Clause? ParseClause()
        {
            var start = Position++;
            var body = new StringBuilder();
            while (Position < text.Length && text[Position] != '"')
            {
                if (text[Position] == '\\' && Position + 1 < text.Length && text[Position + 1] is '"' or '\\')
                {
                    Position++;
                }

                body.Append(text[Position++]);
            }

            if (Position >= text.Length)
            {
                Position = start;
                Fail("unterminated quoted clause");
                return null;
            }

            Position++;
            var clause = body.ToString();
            var colon = clause.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                Position = start;
                Fail("a clause must be \"property:text\"");
                return null;
            }

            var property = clause[..colon];
            if (schema.All.FirstOrDefault(p => p.Equals(property, StringComparison.OrdinalIgnoreCase)) is not { } name)
            {
                Error ??= $"The emulator does not support $search on the property '{property}' (only {FilterSchema.Describe(schema.All)}).";
                return null;
            }

            return new Clause(name, clause[(colon + 1)..]);
        }

        private bool TryKeyword(string keyword)
        {
            SkipSpace();
            var end = Position + keyword.Length;
            if (end <= text.Length && string.CompareOrdinal(text, Position, keyword, 0, keyword.Length) == 0
                && (end == text.Length || text[end] is ' ' or '"' or '('))
            {
                Position = end;
                return true;
            }

            return false;
        }

        private void SkipSpace()
        {
            while (Position < text.Length && char.IsWhiteSpace(text[Position]))
            {
                Position++;
            }
        }
    }
}
