namespace Entra.Actions.Emulator;

/// <summary>The <c>$filter</c> of <c>GET /groups</c>: <c>id</c>, <c>displayName</c>, <c>mail</c> and <c>mailNickname</c> with <c>eq</c>
/// or <c>in</c> (case-insensitive, as the directory compares), <c>startswith</c> on the three names, joined by <c>or</c>.</summary>
internal sealed class GroupFilter
{
    private readonly DirectoryFilter _filter;

    private GroupFilter(DirectoryFilter filter) => _filter = filter;

    /// <summary>Gets the number of child clauses.</summary>
    public int ClauseCount => _filter.ClauseCount;

    /// <summary>Whether <paramref name="group"/> matches.</summary>
    public bool Matches(EmulatedGroup group) => _filter.Matches(property => ValueOf(group, property));

    /// <summary>Parses a decoded <c>$filter</c> value; on failure <paramref name="error"/> is the message of a 400 <c>Request_UnsupportedQuery</c>.</summary>
    public static bool TryParse(string text, out GroupFilter? filter, out string? error)
    {
        filter = DirectoryFilter.TryParse(text, FilterSchema.Groups, out var parsed, out error) ? new GroupFilter(parsed!) : null;
        return filter is not null;
    }

    /// <summary>The group's value of a property named in <see cref="FilterSchema.Groups"/> (canonical casing).</summary>
    internal static string? ValueOf(EmulatedGroup group, string property) => property switch
    {
        "id" => group.Id.ToString("D"),
        "displayName" => group.DisplayName,
        "mail" => group.Mail,
        "mailNickname" => group.MailNickname,
        "description" => group.Description,
        _ => null,
    };
}
