using System.Globalization;
using System.Text;

namespace Entra.Actions.Emulator;

/// <summary>The <c>$filter</c> subset of <c>GET /users</c> the emulator understands: <c>id</c> and <c>userPrincipalName</c> with
/// <c>eq</c> or <c>in</c>, joined by <c>or</c> (parentheses allowed). Everything else is refused with a message naming it.</summary>
internal sealed class UserFilter
{
    /// <summary>Graph counts every <c>in</c> value and every <c>or</c> operand as a child clause and refuses more than 15 without advanced
    /// queries (microsoftgraph/microsoft-graph-docs#21098; Graph known issues, "Some limitations apply to query parameters").</summary>
    public const int MaxClauses = 15;

    // OData's comparison and logical operators: a valid-looking clause using one of these is "unsupported", not a syntax error.
    private static readonly HashSet<string> ODataOperators = ["eq", "ne", "gt", "ge", "lt", "le", "in", "has", "and", "or", "not"];

    private readonly HashSet<Guid> _ids = [];
    private readonly HashSet<string> _userPrincipalNames = new(StringComparer.OrdinalIgnoreCase);

    private UserFilter()
    {
    }

    /// <summary>Gets the number of child clauses (each <c>eq</c> and each <c>in</c> value).</summary>
    public int ClauseCount { get; private set; }

    /// <summary>Whether <paramref name="user"/> matches. A UPN compares case-insensitively, like the directory's own lookup.</summary>
    public bool Matches(EmulatedUser user) => _ids.Contains(user.Id) || _userPrincipalNames.Contains(user.UserPrincipalName);

    /// <summary>Parses a decoded <c>$filter</c> value; on failure <paramref name="error"/> is the message of a 400 <c>Request_UnsupportedQuery</c>.</summary>
    public static bool TryParse(string text, out UserFilter? filter, out string? error)
    {
        filter = null;
        var parser = new Parser(text, new UserFilter());
        error = parser.Run();
        if (error is not null)
        {
            return false;
        }

        if (parser.Result.ClauseCount > MaxClauses)
        {
            error = string.Create(CultureInfo.InvariantCulture,
                $"Too many child clauses specified in search filter expression containing 'OR' operators: {parser.Result.ClauseCount}. Max allowed: {MaxClauses}.");
            return false;
        }

        filter = parser.Result;
        return true;
    }

    private enum Kind
    {
        End,
        Word,
        String,
        Open,
        Close,
        Comma,
    }

    private readonly record struct Token(Kind Kind, string Text, int Position);

    /// <summary>Recursive descent over <c>expr := term ('or' term)*</c>, <c>term := '(' expr ')' | property op value</c>.</summary>
    private sealed class Parser(string text, UserFilter result)
    {
        private int _index;
        private Token _current;
        private string? _error;

        public UserFilter Result => result;

        public string? Run()
        {
            Advance();
            if (_current.Kind == Kind.End)
            {
                Syntax("the filter is empty", _current.Position);
            }
            else if (ParseOr() && _current.Kind != Kind.End)
            {
                Unexpected();
            }

            return _error;
        }

        private bool ParseOr()
        {
            if (!ParseTerm())
            {
                return false;
            }

            while (_current.Kind == Kind.Word)
            {
                switch (_current.Text)
                {
                    case "or":
                        Advance();
                        if (!ParseTerm())
                        {
                            return false;
                        }

                        break;
                    case "and":
                        return Fail("The emulator does not support 'and' in $filter (only 'or').");
                    default:
                        return NotAnOperator(_current);
                }
            }

            return true;
        }

        private bool ParseTerm()
        {
            if (_current.Kind == Kind.Open)
            {
                Advance();
                if (!ParseOr())
                {
                    return false;
                }

                if (_current.Kind != Kind.Close)
                {
                    return _current.Kind == Kind.End ? Syntax("missing ')'", _current.Position) : Unexpected();
                }

                Advance();
                return true;
            }

            if (_current.Kind != Kind.Word || !IsIdentifier(_current.Text))
            {
                return _current.Kind == Kind.End ? Syntax("expected a property name", _current.Position) : Unexpected();
            }

            var property = _current;
            Advance();
            if (property.Text == "not")
            {
                return Fail("The emulator does not support the 'not' operator in $filter (only 'eq', 'in' and 'or').");
            }

            if (_current.Kind == Kind.Open)
            {
                var slash = property.Text.LastIndexOf('/');
                return slash >= 0
                    ? Fail($"The emulator does not support lambda operators ('{property.Text[(slash + 1)..]}') in $filter.")
                    : Fail($"The emulator does not support the function '{property.Text}' in $filter.");
            }

            var op = _current;
            if (op.Kind != Kind.Word)
            {
                return op.Kind == Kind.End ? Syntax($"expected an operator after '{property.Text}'", op.Position) : Unexpected();
            }

            if (!ODataOperators.Contains(op.Text))
            {
                return NotAnOperator(op);
            }

            var isId = property.Text.Equals("id", StringComparison.OrdinalIgnoreCase);
            if (!isId && !property.Text.Equals("userPrincipalName", StringComparison.OrdinalIgnoreCase))
            {
                return Fail($"The emulator does not support $filter on the property '{property.Text}' (only 'id' and 'userPrincipalName').");
            }

            if (op.Text is not ("eq" or "in"))
            {
                return Fail($"The emulator does not support the '{op.Text}' operator in $filter (only 'eq', 'in' and 'or').");
            }

            Advance();
            if (op.Text == "eq")
            {
                if (_current.Kind != Kind.String)
                {
                    return Syntax("expected a quoted string after 'eq'", _current.Position);
                }

                Add(isId, _current.Text);
                Advance();
                return true;
            }

            if (_current.Kind != Kind.Open)
            {
                return Syntax("expected '(' after 'in'", _current.Position);
            }

            Advance();
            while (true)
            {
                if (_current.Kind != Kind.String)
                {
                    return Syntax("expected a quoted string in the 'in' list", _current.Position);
                }

                Add(isId, _current.Text);
                Advance();
                if (_current.Kind == Kind.Close)
                {
                    Advance();
                    return true;
                }

                if (_current.Kind != Kind.Comma)
                {
                    return Syntax("expected ',' or ')' in the 'in' list", _current.Position);
                }

                Advance();
            }
        }

        private void Add(bool isId, string value)
        {
            result.ClauseCount++;
            if (!isId)
            {
                result._userPrincipalNames.Add(value);
            }
            else if (Guid.TryParseExact(value, "D", out var id))
            {
                // A value that is not a GUID can match no object id; the emulator does not reproduce Graph's error for it.
                result._ids.Add(id);
            }
        }

        private void Advance()
        {
            while (_index < text.Length && char.IsWhiteSpace(text[_index]))
            {
                _index++;
            }

            var start = _index;
            if (_index >= text.Length)
            {
                _current = new Token(Kind.End, string.Empty, start);
                return;
            }

            switch (text[_index])
            {
                case '(':
                    _index++;
                    _current = new Token(Kind.Open, "(", start);
                    return;
                case ')':
                    _index++;
                    _current = new Token(Kind.Close, ")", start);
                    return;
                case ',':
                    _index++;
                    _current = new Token(Kind.Comma, ",", start);
                    return;
                case '\'':
                    ReadString(start);
                    return;
                default:
                    while (_index < text.Length && !char.IsWhiteSpace(text[_index]) && text[_index] is not ('(' or ')' or ',' or '\''))
                    {
                        _index++;
                    }

                    _current = new Token(Kind.Word, text[start.._index], start);
                    return;
            }
        }

        /// <summary>Reads an OData string literal: single-quoted, <c>''</c> is an escaped quote.</summary>
        private void ReadString(int start)
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
                    _current = new Token(Kind.String, value.ToString(), start);
                    return;
                }

                value.Append(text[_index++]);
            }

            // Unterminated: report it once and stop the parse at the end of the text.
            _current = new Token(Kind.End, string.Empty, text.Length);
            Syntax("unterminated string literal", start);
        }

        private static bool IsIdentifier(string word) =>
            (char.IsAsciiLetter(word[0]) || word[0] == '_') && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '/');

        // OData operators are lower-case: Graph does not accept 'EQ' or 'Or'.
        private bool NotAnOperator(Token token) => ODataOperators.Contains(token.Text)
            ? Syntax($"unexpected '{token.Text}'", token.Position)
            : ODataOperators.Contains(token.Text.ToLowerInvariant())
                ? Syntax($"'{token.Text}' is not an operator (OData operators are lower-case)", token.Position)
                : Syntax($"'{token.Text}' is not an operator", token.Position);

        private bool Unexpected() =>
            Syntax(_current.Kind == Kind.String ? $"unexpected string literal '{_current.Text}'" : $"unexpected '{_current.Text}'", _current.Position);

        private bool Syntax(string problem, int position) =>
            Fail(string.Create(CultureInfo.InvariantCulture, $"Invalid filter clause: {problem} at position {position}."));

        private bool Fail(string message)
        {
            // The first problem wins (an unterminated literal is found while tokenizing, before the grammar sees it).
            _error ??= message;
            return false;
        }
    }
}
