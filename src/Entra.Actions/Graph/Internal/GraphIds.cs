using System.Diagnostics.CodeAnalysis;

namespace Entra.Actions.Graph.Internal;

/// <summary>
/// Validation of the ids the seam receives, shared by its implementations: the seam is public, so no caller can build a
/// request from a raw id. Also the helpers that fail every item of a refused call.
/// </summary>
internal static class GraphIds
{
    public static bool TryValidateMembership(
        string groupId,
        string memberId,
        [NotNullWhen(true)] out string? group,
        [NotNullWhen(true)] out string? member,
        [NotNullWhen(false)] out EntraActionError? invalid)
    {
        member = null;
        return EntraIdValidator.TryValidateObjectId(groupId, EntraIdValidator.GroupIdInput, out group, out invalid)
            && EntraIdValidator.TryValidateObjectId(memberId, EntraIdValidator.MemberIdInput, out member, out invalid);
    }

    public static bool TryValidateMany(
        string groupId,
        IReadOnlyList<string> memberIds,
        int max,
        [NotNullWhen(true)] out string? group,
        out List<string> members,
        [NotNullWhen(false)] out EntraActionError? invalid)
    {
        members = [];
        return EntraIdValidator.TryValidateObjectId(groupId, EntraIdValidator.GroupIdInput, out group, out invalid)
            && TryValidateObjectIds(memberIds, max, EntraIdValidator.MemberIdInput, out members, out invalid);
    }

    /// <summary>Validates 1 to <paramref name="max"/> users' object ids (GUIDs), normalized and distinct.</summary>
    public static bool TryValidateUserObjectIds(
        IReadOnlyList<string> objectIds,
        int max,
        out List<string> ids,
        [NotNullWhen(false)] out EntraActionError? invalid) =>
        TryValidateObjectIds(objectIds, max, EntraIdValidator.UserIdInput, out ids, out invalid);

    /// <summary>Validates 1 to <paramref name="max"/> object ids (GUIDs), normalized; the same object twice is refused, as Graph refuses it.</summary>
    public static bool TryValidateObjectIds(
        IReadOnlyList<string> values,
        int max,
        string inputName,
        out List<string> ids,
        [NotNullWhen(false)] out EntraActionError? invalid)
    {
        ids = new List<string>(values.Count);
        if (values.Count == 0 || values.Count > max)
        {
            invalid = TooMany(values.Count, max);
            return false;
        }

        var seen = new HashSet<string>(values.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var value in values)
        {
            if (!EntraIdValidator.TryValidateObjectId(value, inputName, out var id, out invalid))
            {
                return false;
            }

            ids.Add(id);
            seen.Add(id);
        }

        if (seen.Count != ids.Count)
        {
            invalid = new EntraActionError(EntraErrorKind.InvalidInput, "The same id appears twice in one request; Graph refuses that.");
            return false;
        }

        invalid = null;
        return true;
    }

    public static EntraActionError TooMany(int count, int max) =>
        new(EntraErrorKind.InvalidInput, $"{count} ids were given; one request takes 1 to {max}.");

    public static EntraActionResult<T>[] Repeat<T>(EntraActionResult<T> result, int count)
    {
        var results = new EntraActionResult<T>[count];
        Array.Fill(results, result);
        return results;
    }
}
