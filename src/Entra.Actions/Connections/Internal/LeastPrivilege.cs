namespace Entra.Actions.Connections.Internal;

/// <summary>
/// The smallest set of permissions that lets a list of actions run: every permission an action names, less those another of
/// them already includes (<c>GroupMember.Read.All</c> when <c>GroupMember.ReadWrite.All</c> is there). Never broader than what
/// the actions name: a wider permission that covers two needs (<c>Directory.ReadWrite.All</c>) grants more than either.
/// </summary>
internal static class LeastPrivilege
{
    /// <summary>The permissions <paramref name="actions"/> need under <paramref name="model"/>, in the order the actions first name them.</summary>
    public static IReadOnlyList<string> For(IEnumerable<EntraActionDescriptor> actions, EntraPermissionModel model)
    {
        ArgumentNullException.ThrowIfNull(actions);
        return Reduce(actions.SelectMany(action => model == EntraPermissionModel.Delegated ? action.DelegatedPermissions : action.ApplicationPermissions), model);
    }

    /// <summary><paramref name="permissions"/> without duplicates and without those the others include, first occurrences kept in order.</summary>
    public static IReadOnlyList<string> Reduce(IEnumerable<string> permissions, EntraPermissionModel model)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        var kept = permissions.Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        // One at a time against what is still kept, so two permissions that include each other never both drop out.
        for (var index = kept.Count - 1; index >= 0; index--)
        {
            var permission = kept[index];
            if (IsIncludedByAnother(kept, permission, model))
            {
                kept.RemoveAt(index);
            }
        }

        return kept;
    }

    /// <summary>Whether a permission of <paramref name="granted"/> other than <paramref name="permission"/> includes it.</summary>
    public static bool IsIncludedByAnother(IEnumerable<string> granted, string permission, EntraPermissionModel model) =>
        GraphPermissionImplications.Satisfies(
            granted.Where(other => !string.Equals(other, permission, StringComparison.OrdinalIgnoreCase)), permission, model);
}
