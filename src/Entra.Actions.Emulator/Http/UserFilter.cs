namespace Entra.Actions.Emulator;

/// <summary>The <c>$filter</c> of <c>GET /users</c>: <c>id</c> and <c>userPrincipalName</c> with <c>eq</c> or <c>in</c>, and
/// <c>startswith</c> on displayName, givenName, surname, mail or userPrincipalName, joined by <c>or</c>.</summary>
internal sealed class UserFilter
{
    /// <summary>Graph refuses more than this many child clauses without advanced queries.</summary>
    public const int MaxClauses = DirectoryFilter.MaxClauses;

    private readonly DirectoryFilter _filter;

    private UserFilter(DirectoryFilter filter) => _filter = filter;

    /// <summary>Gets the number of child clauses (each <c>eq</c>, each <c>in</c> value and each <c>startswith</c>).</summary>
    public int ClauseCount => _filter.ClauseCount;

    /// <summary>Whether <paramref name="user"/> matches. Strings compare case-insensitively, like the directory's own lookup.</summary>
    public bool Matches(EmulatedUser user) => _filter.Matches(property => ValueOf(user, property));

    /// <summary>Parses a decoded <c>$filter</c> value; on failure <paramref name="error"/> is the message of a 400 <c>Request_UnsupportedQuery</c>.</summary>
    public static bool TryParse(string text, out UserFilter? filter, out string? error)
    {
        filter = DirectoryFilter.TryParse(text, FilterSchema.Users, out var parsed, out error) ? new UserFilter(parsed!) : null;
        return filter is not null;
    }

    /// <summary>The user's value of a property named in <see cref="FilterSchema.Users"/> (canonical casing).</summary>
    internal static string? ValueOf(EmulatedUser user, string property) => property switch
    {
        "id" => user.Id.ToString("D"),
        "userPrincipalName" => user.UserPrincipalName,
        "displayName" => user.DisplayName,
        "givenName" => user.GivenName,
        "surname" => user.Surname,
        "mail" => user.Mail,
        "mailNickname" => user.MailNickname,
        _ => null,
    };
}
