namespace Entra.Actions.Connections.Internal;

/// <summary>
/// Which Graph permissions include which: the one table the connection check uses to decide whether a granted permission satisfies
/// a required one (for example <c>Group.ReadWrite.All</c> satisfies <c>GroupMember.ReadWrite.All</c>).
/// </summary>
/// <remarks>
/// From Graph's permission references (least-privileged permission per operation, and the higher permissions Graph lists as also
/// sufficient for each), the same table the emulator enforces. Scopes are compared case-insensitively.
/// </remarks>
internal static class GraphPermissionImplications
{
    /// <summary>Delegated only: the signed-in user's own rights over the directory. Not honoured in application tokens.</summary>
    public const string DirectoryAccessAsUser = "Directory.AccessAsUser.All";

    // Each permission and the narrower ones it directly includes; Includes() closes this transitively.
    private static readonly Dictionary<string, string[]> DirectlyIncludes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Directory.ReadWrite.All"] = ["Directory.Read.All", "Group.ReadWrite.All", "User.ReadWrite.All"],
        ["Directory.Read.All"] = ["User.Read.All", "Group.Read.All", "Organization.Read.All"],
        ["Group.ReadWrite.All"] = ["Group.Read.All", "GroupMember.ReadWrite.All"],
        ["Group.Read.All"] = ["GroupMember.Read.All"],
        ["GroupMember.ReadWrite.All"] = ["GroupMember.Read.All"],
        ["User.ReadWrite.All"] = ["User.Read.All"],
        ["User.Read.All"] = ["User.ReadBasic.All"],
        ["Organization.ReadWrite.All"] = ["Organization.Read.All"],
    };

    /// <summary>Whether <paramref name="granted"/> satisfies <paramref name="required"/> under <paramref name="model"/>.</summary>
    public static bool Satisfies(IEnumerable<string> granted, string required, EntraPermissionModel model) =>
        Expand(granted, model).Contains(required);

    /// <summary>Every permission <paramref name="granted"/> amounts to: the granted ones and all they include.</summary>
    public static IReadOnlySet<string> Expand(IEnumerable<string> granted, EntraPermissionModel model)
    {
        var result = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>();
        foreach (var permission in granted)
        {
            pending.Push(permission);
        }

        while (pending.TryPop(out var permission))
        {
            if (!result.Add(permission))
            {
                continue;
            }

            if (DirectlyIncludes.TryGetValue(permission, out var included))
            {
                foreach (var narrower in included)
                {
                    pending.Push(narrower);
                }
            }

            // Directory.AccessAsUser.All lets a delegated caller do what the user's roles allow: Graph accepts it wherever a
            // directory permission is listed (as Graph's permission reference lists them).
            if (model == EntraPermissionModel.Delegated && string.Equals(permission, DirectoryAccessAsUser, StringComparison.OrdinalIgnoreCase))
            {
                pending.Push("Directory.ReadWrite.All");
            }
        }

        return result;
    }
}
