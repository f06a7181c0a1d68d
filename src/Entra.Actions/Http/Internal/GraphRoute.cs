namespace Entra.Actions.Http.Internal;

/// <summary>
/// Turns a Graph request URL into its route for logs above Debug: ids and userPrincipalNames become <c>{id}</c>
/// (style rule: UPNs and mails only at Debug), literal segments such as <c>members</c> and <c>$ref</c> stay.
/// </summary>
internal static class GraphRoute
{
    private static readonly HashSet<string> Literals = new(StringComparer.OrdinalIgnoreCase)
    {
        "v1.0", "beta", "users", "groups", "members", "transitiveMembers", "memberOf", "transitiveMemberOf", "$ref", "$count",
        "$batch", "directoryObjects", "getByIds", "checkMemberGroups", "checkMemberObjects", "organization", "me",
    };

    public static string Redact(Uri? uri)
    {
        if (uri is null)
        {
            return string.Empty;
        }

        var segments = uri.AbsolutePath.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].Length > 0 && !Literals.Contains(segments[i]))
            {
                segments[i] = "{id}";
            }
        }

        return string.Join('/', segments);
    }
}
