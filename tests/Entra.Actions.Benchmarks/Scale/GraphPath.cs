namespace Entra.Actions.Benchmarks.Scale;

/// <summary>The Graph routes the canned server answers, top-level requests and <c>$batch</c> steps alike.</summary>
internal enum GraphRoute
{
    Unknown,
    Batch,
    GetGroup,
    PatchGroup,
    ListMembers,
    AddMemberRef,
    DeleteMemberRef,
    GetUser,
    FilterUsers,
    GetByIds,
    Organization,
}

/// <summary>
/// Reads a Graph request's route and ids from its method and URL, tolerant of what clients vary: absolute or relative URLs,
/// a version segment or none, percent-encoding, <c>+</c> for spaces.
/// </summary>
internal static class GraphPath
{
    public static GraphRoute Classify(string method, string url, out string path, out string query)
    {
        Split(url, out path, out query);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return (method.ToUpperInvariant(), segments) switch
        {
            ("POST", ["$batch"]) => GraphRoute.Batch,
            ("GET", ["groups", _]) => GraphRoute.GetGroup,
            ("PATCH", ["groups", _]) => GraphRoute.PatchGroup,
            ("GET", ["groups", _, "members"]) => GraphRoute.ListMembers,
            ("POST", ["groups", _, "members", "$ref"]) => GraphRoute.AddMemberRef,
            ("DELETE", ["groups", _, "members", _, "$ref"]) => GraphRoute.DeleteMemberRef,
            ("GET", ["users", _]) => GraphRoute.GetUser,
            ("GET", ["users"]) when FilterOf(query) is not null => GraphRoute.FilterUsers,
            ("POST", ["directoryObjects", "getByIds"]) => GraphRoute.GetByIds,
            ("GET", ["organization"]) => GraphRoute.Organization,
            _ => GraphRoute.Unknown,
        };
    }

    /// <summary>The segment at <paramref name="index"/> of a path split by <see cref="Classify"/>.</summary>
    public static string Segment(string path, int index) => path.Split('/', StringSplitOptions.RemoveEmptyEntries)[index];

    /// <summary>
    /// The attribute and the quoted values of <c>$filter=attribute in ('a','b')</c> or <c>$filter=attribute eq 'a'</c>, or
    /// <see langword="null"/>.
    /// </summary>
    public static (string Attribute, List<string> Values)? InFilter(string query)
    {
        if (FilterOf(query) is not { } filter)
        {
            return null;
        }

        var inAt = filter.IndexOf(" in ", StringComparison.OrdinalIgnoreCase);
        var eqAt = filter.IndexOf(" eq ", StringComparison.OrdinalIgnoreCase);
        var open = inAt >= 0 ? filter.IndexOf('(', inAt) : eqAt >= 0 ? eqAt + 3 : -1;
        if (open < 0)
        {
            return null;
        }

        var values = new List<string>();
        var i = open + 1;
        while (i < filter.Length && filter[i] != ')' && (inAt >= 0 || values.Count == 0))
        {
            if (filter[i] != '\'')
            {
                i++;
                continue;
            }

            // An OData string literal: '' inside quotes is one quote.
            var value = new System.Text.StringBuilder();
            for (i++; i < filter.Length; i++)
            {
                if (filter[i] == '\'' && i + 1 < filter.Length && filter[i + 1] == '\'')
                {
                    value.Append('\'');
                    i++;
                }
                else if (filter[i] == '\'')
                {
                    i++;
                    break;
                }
                else
                {
                    value.Append(filter[i]);
                }
            }

            values.Add(value.ToString());
        }

        return (filter[..(inAt >= 0 ? inAt : eqAt)].Trim(), values);
    }

    private static string? FilterOf(string query)
    {
        foreach (var part in query.Split('&'))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && Unescape(part[..eq]) is "$filter" or "filter")
            {
                return Unescape(part[(eq + 1)..]);
            }
        }

        return null;
    }

    /// <summary>The path after the version segment (<c>v1.0</c> or <c>beta</c>) when there is one, and the raw query.</summary>
    private static void Split(string url, out string path, out string query)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        path = q < 0 ? url : url[..q];
        query = q < 0 ? string.Empty : url[(q + 1)..];
        if (path.StartsWith("http", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(path, UriKind.Absolute, out var absolute))
        {
            path = absolute.AbsolutePath;
        }

        path = Uri.UnescapeDataString(path);
        foreach (var version in (ReadOnlySpan<string>)["/v1.0/", "/beta/"])
        {
            var at = path.IndexOf(version, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                path = path[(at + version.Length - 1)..];
                break;
            }
        }
    }

    private static string Unescape(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
