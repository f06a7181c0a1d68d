using System.Globalization;
using Kind = Entra.Actions.Emulator.FilterLexer.Kind;
using Token = Entra.Actions.Emulator.FilterLexer.Token;

namespace Entra.Actions.Emulator;

/// <summary>The <c>$filter</c> subset the emulator understands on a directory collection: <c>eq</c>, <c>in</c> and <c>startswith</c> on the
/// properties a <see cref="FilterSchema"/> allows, joined by <c>or</c> (parentheses allowed). Everything else is refused with a message naming it.</summary>
internal sealed class DirectoryFilter
{
    /// <summary>Graph counts every <c>in</c> value and every <c>or</c> operand as a child clause and refuses more than 15 without advanced
    /// queries (microsoftgraph/microsoft-graph-docs#21098; Graph known issues, "Some limitations apply to query parameters").</summary>
    public const int MaxClauses = 15;

    /// <summary>Graph refuses a <c>startswith</c> value longer than 120 characters with 400 <c>Request_UnsupportedQuery</c>
    /// (microsoftgraph/microsoft-graph-explorer-v4#2103).</summary>
    public const int MaxStartsWithLength = 120;

    // OData's comparison and logical operators: a valid-looking clause using one of these is "unsupported", not a syntax error.
    private static readonly HashSet<string> ODataOperators = ["eq", "ne", "gt", "ge", "lt", "le", "in", "has", "and", "or", "not"];

    private readonly List<FilterClause> _clauses = [];

    private DirectoryFilter()
    {
    }

    /// <summary>Gets the number of child clauses (each <c>eq</c>, each <c>in</c> value and each <c>startswith</c>).</summary>
    public int ClauseCount => _clauses.Count;

    /// <summary>Gets the parsed comparisons; the filter matches an object that satisfies any of them.</summary>
    public IReadOnlyList<FilterClause> Clauses => _clauses;

    /// <summary>Whether the object whose property values <paramref name="valueOf"/> gives (by canonical name) matches.</summary>
    public bool Matches(Func<string, string?> valueOf) => _clauses.Exists(c => c.Matches(valueOf(c.Property)));

    /// <summary>Parses a decoded <c>$filter</c> value; on failure <paramref name="error"/> is the message of a 400 <c>Request_UnsupportedQuery</c>.</summary>
    public static bool TryParse(string text, FilterSchema schema, out DirectoryFilter? filter, out string? error)
    {
        filter = null;
        var parser = new Parser(new FilterLexer(text), schema, new DirectoryFilter());
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

    /// <summary>Recursive descent over <c>expr := term ('or' term)*</c>,
    /// <c>term := '(' expr ')' | property op value | startswith '(' property ',' value ')'</c>.</summary>
    private sealed class Parser(FilterLexer lexer, FilterSchema schema, DirectoryFilter result)
    {
        private Token _current;
        private string? _error;

        public DirectoryFilter Result => result;

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
                return Fail("The emulator does not support the 'not' operator in $filter (only 'eq', 'in', 'startswith' and 'or').");
            }

            if (_current.Kind == Kind.Open)
            {
                var slash = property.Text.LastIndexOf('/');
                return slash >= 0
                    ? Fail($"The emulator does not support lambda operators ('{property.Text[(slash + 1)..]}') in $filter.")
                    : property.Text.Equals("startswith", StringComparison.OrdinalIgnoreCase)
                        ? ParseStartsWith()
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

            if (FilterSchema.Find(schema.EqProperties, property.Text) is not { } name)
            {
                return Fail($"The emulator does not support $filter on the property '{property.Text}' (only {FilterSchema.Describe(schema.EqProperties)}).");
            }

            if (op.Text is not ("eq" or "in"))
            {
                return Fail($"The emulator does not support the '{op.Text}' operator in $filter (only 'eq', 'in', 'startswith' and 'or').");
            }

            Advance();
            if (op.Text == "eq")
            {
                if (_current.Kind != Kind.String)
                {
                    return Syntax("expected a quoted string after 'eq'", _current.Position);
                }

                result._clauses.Add(new FilterClause(name, Prefix: false, _current.Text));
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

                result._clauses.Add(new FilterClause(name, Prefix: false, _current.Text));
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

        /// <summary>Parses <c>(property, 'prefix')</c> after <c>startswith</c>; the current token is the opening parenthesis.</summary>
        private bool ParseStartsWith()
        {
            Advance();
            if (_current.Kind != Kind.Word || !IsIdentifier(_current.Text))
            {
                return Syntax("expected a property name in 'startswith'", _current.Position);
            }

            var property = _current.Text;
            if (FilterSchema.Find(schema.StartsWithProperties, property) is not { } name)
            {
                return Fail($"The emulator does not support startswith on the property '{property}' (only {FilterSchema.Describe(schema.StartsWithProperties)}).");
            }

            Advance();
            if (_current.Kind != Kind.Comma)
            {
                return Syntax("expected ',' in 'startswith'", _current.Position);
            }

            Advance();
            if (_current.Kind != Kind.String)
            {
                return Syntax("expected a quoted string in 'startswith'", _current.Position);
            }

            var prefix = _current.Text;
            if (prefix.Length > MaxStartsWithLength)
            {
                // Graph's answer to a longer value, which names neither the limit nor the length.
                return Fail($"Unsupported or invalid query filter clause specified for property '{name}' of resource '{schema.ResourceName}'.");
            }

            Advance();
            if (_current.Kind != Kind.Close)
            {
                return Syntax("expected ')' after 'startswith' arguments", _current.Position);
            }

            result._clauses.Add(new FilterClause(name, Prefix: true, prefix));
            Advance();
            return true;
        }

        private void Advance()
        {
            _current = lexer.Next();
            if (lexer.Error is not null)
            {
                // The first problem wins (an unterminated literal is found while tokenizing, before the grammar sees it).
                _error ??= lexer.Error;
            }
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
            _error ??= message;
            return false;
        }
    }
}
