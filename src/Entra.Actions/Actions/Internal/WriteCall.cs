using Entra.Actions.Audit.Internal;
using Entra.Actions.Telemetry.Internal;

namespace Entra.Actions.Actions.Internal;

/// <summary>
/// The envelope of one single membership write (Add, Remove): its activity and duration metric, and its audit event,
/// filled in as the action learns the member and the group and published once the action's result is known.
/// </summary>
internal sealed class WriteCall : IDisposable
{
    private readonly ActionCall _call;
    private readonly AuditTrail _audit;
    private string? _userId;
    private string? _userPrincipalName;
    private string? _groupId;
    private string? _groupDisplayName;
    private string? _policyRule;
    private bool _finished;

    private WriteCall(ActionCall call, AuditTrail audit)
    {
        _call = call;
        _audit = audit;
    }

    /// <summary>Starts the call (its activity is current until disposed).</summary>
    /// <param name="actionId">The action's catalog id.</param>
    /// <param name="audit">The audit trail.</param>
    /// <param name="isDryRun">Whether it is a dry run.</param>
    /// <returns>The call.</returns>
    public static WriteCall Start(string actionId, AuditTrail audit, bool isDryRun) =>
        new(ActionCall.Start(actionId, audit.ConnectionName, isDryRun), audit);

    /// <summary>Whether this is a dry run.</summary>
    public bool IsDryRun => _call.IsDryRun;

    /// <summary>Records the validated ids (the member as given: an object id or a userPrincipalName).</summary>
    /// <param name="member">The member.</param>
    /// <param name="isUserPrincipalName">Whether <paramref name="member"/> is a userPrincipalName.</param>
    /// <param name="groupId">The group's object id.</param>
    public void Targets(string member, bool isUserPrincipalName, string groupId)
    {
        if (isUserPrincipalName)
        {
            _userPrincipalName = member;
        }
        else
        {
            _userId = member;
        }

        _groupId = groupId;
    }

    /// <summary>Records the group as read.</summary>
    /// <param name="group">The group.</param>
    public void GroupRead(EntraGroup group) => _groupDisplayName = group.DisplayName;

    /// <summary>Records the member's resolved object id (and userPrincipalName when read).</summary>
    /// <param name="memberId">The object id.</param>
    /// <param name="user">The user as read, if read.</param>
    public void MemberResolved(string memberId, EntraUser? user)
    {
        _userId = memberId;
        _userPrincipalName = user?.UserPrincipalName ?? _userPrincipalName;
    }

    /// <summary>Records the policy rule that refused the change.</summary>
    /// <param name="rule">The rule.</param>
    public void DeniedBy(string rule) => _policyRule = rule;

    /// <summary>Ends the call with the action's result: tags the activity, records the duration, publishes the audit event.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The same result, once the audit sinks have it (bounded; never throws).</returns>
    public async Task<EntraActionResult<MembershipChange>> FinishAsync(EntraActionResult<MembershipChange> result)
    {
        _finished = true;
        if (result.Succeeded)
        {
            _call.Succeeded(result.Value.Outcome.ToString());
        }
        else
        {
            _call.Failed(result.Error);
        }

        await PublishAsync(result.Succeeded ? result.Value.Outcome : null, result.Error).ConfigureAwait(false);
        return result;
    }

    /// <summary>Ends the call as cancelled (the action then throws): a write may have been sent, so it is audited too.</summary>
    /// <returns>A task that completes when the audit sinks have the event (bounded; never throws).</returns>
    public Task CancelledAsync()
    {
        _finished = true;
        var error = new EntraActionError(EntraErrorKind.Cancelled, "The call was cancelled; a write that was in flight may still have been applied.");
        _call.Failed(error);
        return PublishAsync(null, error);
    }

    /// <summary>Stops the activity; a call that never finished (an unexpected exception) is recorded as a service error.</summary>
    public void Dispose()
    {
        if (!_finished)
        {
            _call.Failed(new EntraActionError(EntraErrorKind.ServiceError, "The call ended with an exception."));
        }

        _call.Dispose();
    }

    private Task PublishAsync(MembershipOutcome? outcome, EntraActionError? error) =>
        _audit.IsEnabled
            ? _audit.PublishAsync(_audit.Event(_call, _userId, _userPrincipalName, _groupId, _groupDisplayName, outcome, error, _policyRule))
            : Task.CompletedTask;
}
