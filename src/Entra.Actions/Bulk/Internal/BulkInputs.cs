using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Bulk.Internal;

/// <summary>An input that passed validation, at its position in the call: validated once, then carried onward as is.</summary>
/// <param name="Index">The input's position.</param>
/// <param name="Id">The validated id.</param>
internal readonly record struct InputItem(int Index, ValidatedId Id);

/// <summary>An item bound for a membership write: its input position and the object id to write.</summary>
/// <param name="Index">The input's position.</param>
/// <param name="ObjectId">The member's validated object id.</param>
internal readonly record struct Target(int Index, ObjectId ObjectId);

/// <summary>
/// Prepares a call's inputs: the group id and every item are validated here, once, and equal ids are de-duplicated here,
/// once. Invalid items fail alone; an invalid group id fails the call.
/// </summary>
internal static class BulkInputs
{
    /// <summary>Validates the group id; an invalid one fails every item and is the call's error.</summary>
    public static bool TryGroup<T>(BulkRun<T> run, string groupId, out ObjectId group)
    {
        if (EntraIdValidator.TryValidate(groupId, EntraIdValidator.GroupIdInput, out group, out var error))
        {
            return true;
        }

        run.FailCall(error);
        return false;
    }

    /// <summary>Validates every input; returns the distinct valid ones in input order (later spellings of one id are duplicates).</summary>
    public static List<InputItem> Prepare<T>(BulkRun<T> run, string inputName)
    {
        var items = new List<InputItem>(run.Count);
        var first = new Dictionary<string, int>(run.Count, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < run.Count; i++)
        {
            if (!EntraIdValidator.TryValidateUserId(run.Input(i), inputName, out var id, out var error))
            {
                run.Complete(i, EntraActionResult.Failure<T>(error));
                continue;
            }

            if (!first.TryAdd(id.Value, i))
            {
                run.MarkDuplicate(i, first[id.Value]);
                continue;
            }

            items.Add(new InputItem(i, id));
        }

        return items;
    }

    /// <summary>
    /// Turns items into write targets: an object id as given, or the object id a read resolved it to. An unresolved item fails
    /// with <paramref name="unresolved"/>'s error; two items that turn out to name one object (a userPrincipalName and an
    /// object id of the same user) are written once.
    /// </summary>
    /// <param name="run">The call.</param>
    /// <param name="items">The prepared items.</param>
    /// <param name="resolved">The users read, by input position; an item without one is written by its own object id.</param>
    /// <param name="unresolved">The item failure for a read that failed.</param>
    /// <param name="subject">The item's noun in the message for an id Graph returned that is not a GUID ("User", "Member").</param>
    public static List<Target> Targets(
        BulkRun<MembershipChange> run,
        List<InputItem> items,
        EntraActionResult<EntraUser>?[]? resolved,
        Func<int, EntraActionError, EntraActionError> unresolved,
        string subject)
    {
        var targets = new List<Target>(items.Count);
        var firstByObjectId = new Dictionary<string, int>(items.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
        {
            ObjectId objectId;
            if (resolved?[item.Index] is { } user)
            {
                if (!user.Succeeded)
                {
                    run.Complete(item.Index, EntraActionResult.Failure<MembershipChange>(unresolved(item.Index, user.Error)));
                    continue;
                }

                // Graph's answer, not the caller's input: a resolved id must be a GUID before it goes into a write.
                if (!EntraIdValidator.TryValidate(user.Value.Id, EntraIdValidator.MemberIdInput, out objectId, out _))
                {
                    run.Complete(item.Index, EntraActionResult.Failure<MembershipChange>(new EntraActionError(EntraErrorKind.ServiceError,
                        $"{subject} '{run.Input(item.Index)}' was resolved to an id that is not a GUID; no change was made.")));
                    continue;
                }
            }
            else
            {
                objectId = item.Id.ObjectId; // every userPrincipalName was read, so this item is an object id
            }

            if (!firstByObjectId.TryAdd(objectId.Value, item.Index))
            {
                run.MarkDuplicate(item.Index, firstByObjectId[objectId.Value]);
                continue;
            }

            targets.Add(new Target(item.Index, objectId));
        }

        return targets;
    }
}
