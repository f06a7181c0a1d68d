using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Graph.Internal;

/// <summary>
/// Ids at the Graph directory's edges: the single-action seam is public and string-based, so its ids are validated here
/// before any request is built; the bulk seam receives validated ids and only its counts are checked. Also the result of
/// a call refused whole, repeated for each of its items.
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

    /// <summary>Checks that a bulk call carries 1 to <paramref name="max"/> items: the engine sizes every call, so anything else is a bug.</summary>
    public static void CheckCount<T>(IReadOnlyList<T> items, int max, [CallerArgumentExpression(nameof(items))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(items, paramName);
        ArgumentOutOfRangeException.ThrowIfZero(items.Count, paramName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(items.Count, max, paramName);
    }

    /// <summary>The same result for every item of a call Graph refused whole.</summary>
    public static EntraActionResult<T>[] Repeat<T>(EntraActionResult<T> result, int count)
    {
        var results = new EntraActionResult<T>[count];
        Array.Fill(results, result);
        return results;
    }
}
