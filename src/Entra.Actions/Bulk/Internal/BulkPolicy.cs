using Entra.Actions.Logging.Internal;
using Entra.Actions.Policy.Internal;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.Bulk.Internal;

/// <summary>
/// The write policy of a bulk membership call, between its reads and its writes: the group's rules once per call, then, when
/// the policy looks at members, each member's. A refused item fails with <see cref="EntraErrorKind.PolicyDenied"/> and is
/// never written; the refusals are logged once per call, with their count.
/// </summary>
internal sealed class BulkPolicy(WriteGuard guard, ILogger logger)
{
    /// <summary>The group's rules: a refusal fails every item not yet done, and is the call's error.</summary>
    /// <returns>Whether the call may go on.</returns>
    public bool AllowsGroup(BulkRun<MembershipChange> run, MembershipFacts facts, string actionId, bool isAdd, EntraGroup group)
    {
        if (guard.CheckGroup(actionId, isAdd, group) is not { } denial)
        {
            return true;
        }

        facts.GroupDenial = denial;
        run.FailCall(denial.Error);
        return false;
    }

    /// <summary>Each member's rules (guests, then the host's policies, in order); returns the targets allowed.</summary>
    public async Task<List<Target>> AllowedMembersAsync(
        BulkRun<MembershipChange> run, MembershipFacts facts, string actionId, bool isAdd, List<Target> targets, EntraGroup group, CancellationToken cancellationToken)
    {
        if (!guard.ChecksMembers || targets.Count == 0)
        {
            return targets;
        }

        var allowed = new List<Target>(targets.Count);
        var denied = 0;
        string? firstRule = null;
        foreach (var target in targets)
        {
            var denial = await guard.CheckBulkMemberAsync(actionId, isAdd, target.ObjectId.Value, facts.UserOf(target.Index), group, run.IsDryRun, cancellationToken).ConfigureAwait(false);
            if (denial is null)
            {
                allowed.Add(target);
                continue;
            }

            facts.Denied(target.Index, denial.Rule);
            run.Complete(target.Index, EntraActionResult.Failure<MembershipChange>(denial.Error));
            denied++;
            firstRule ??= denial.Rule;
        }

        if (firstRule is not null)
        {
            Log.BulkPolicyDenied(logger, actionId, denied, run.Count, firstRule);
        }

        return allowed;
    }

    /// <summary>
    /// For a dry run: when the token holds no permission that allows the write, each target fails with the
    /// <see cref="EntraErrorKind.Forbidden"/> its write would get. Returns the targets left.
    /// </summary>
    public List<Target> WithWritePermission(BulkRun<MembershipChange> run, List<Target> targets, EntraGroup group)
    {
        if (targets.Count == 0 || guard.CheckWritePermission(group) is not { } forbidden)
        {
            return targets;
        }

        var failure = EntraActionResult.Failure<MembershipChange>(forbidden);
        foreach (var target in targets)
        {
            run.Complete(target.Index, failure);
        }

        return [];
    }
}
