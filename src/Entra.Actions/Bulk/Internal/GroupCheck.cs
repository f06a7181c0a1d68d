using Entra.Actions.Actions.Internal;
using Entra.Actions.Directory.Internal;
using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Bulk.Internal;

/// <summary>
/// The group of a membership call: read once before anything is sent (through the group-kind cache) and guarded like the
/// single actions; read again, uncached and at most once per call, when a write's 404 may mean that it has vanished.
/// </summary>
internal sealed class GroupCheck
{
    private readonly BulkServices _services;
    private readonly Lazy<Task<EntraActionResult<EntraGroup>>> _stillExists;

    public GroupCheck(BulkServices services, ObjectId group, CancellationToken cancellationToken)
    {
        _services = services;
        Group = group;
        _stillExists = new Lazy<Task<EntraActionResult<EntraGroup>>>(
            () => services.Directory is IGroupKindReader reader
                ? reader.ReadGroupAsync(group, cancellationToken)
                : services.Directory.GetGroupAsync(group.Value, [], cancellationToken),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public ObjectId Group { get; }

    /// <summary>The group as <see cref="GuardAsync"/> read it, once it passed.</summary>
    public EntraGroup? Read { get; private set; }

    /// <summary>Reads and guards the group; a refusal fails every item not yet done and is the call's error.</summary>
    public async Task<bool> GuardAsync(BulkRun<MembershipChange> run, CancellationToken cancellationToken)
    {
        await _services.Throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
        var read = _services.Directory is IGroupKindReader reader
            ? await reader.GetGroupForMembershipChangeAsync(Group, cancellationToken).ConfigureAwait(false)
            : await _services.Directory.GetGroupAsync(Group.Value, [], cancellationToken).ConfigureAwait(false);
        var refusal = !read.Succeeded
            ? ActionMessages.ForRead(read.Error, $"Group '{Group}'", "GroupMember.Read.All (included in GroupMember.ReadWrite.All)")
            : GroupMembershipGuard.Check(read.Value, _services.Options);
        if (refusal is null)
        {
            Read = read.Value;
            return true;
        }

        run.FailCall(refusal);
        return false;
    }

    /// <summary>
    /// Reads the group again (once per call): <see langword="null"/> while it exists, otherwise the error its items get. A group
    /// found deleted is noted on the run (the call's error if nothing succeeds).
    /// </summary>
    /// <param name="run">The call.</param>
    /// <param name="forgetCachedKind">Whether a failed read also drops the group from the group-kind cache.</param>
    public async Task<EntraActionError?> LostAsync(BulkRun<MembershipChange> run, bool forgetCachedKind)
    {
        var still = await _stillExists.Value.ConfigureAwait(false);
        if (still.Succeeded)
        {
            return null;
        }

        if (forgetCachedKind)
        {
            MembershipPreparation.ForgetGroupOnRefusal(_services.Directory, Group, still.Error);
        }

        var lost = ActionMessages.ForRead(still.Error, $"Group '{Group}'", "GroupMember.Read.All");
        if (still.Error.Kind == EntraErrorKind.NotFound)
        {
            run.GroupLost(lost);
        }

        return lost;
    }
}
