using System.Collections;
using Entra.Actions.Audit.Internal;
using Entra.Actions.Telemetry.Internal;
using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Bulk.Internal;

/// <summary>
/// The audit events of one bulk membership call: one per distinct item (an input repeating an earlier one has none: nothing
/// was sent for it), all with the call's correlation id and duration. Each event is built when a sink reads it, so a
/// 100,000-item call never holds 100,000 events at once. A call refused for its size has one event, with no user.
/// </summary>
internal sealed class BulkAuditEvents : IReadOnlyList<EntraAuditEvent>
{
    private readonly AuditTrail _trail;
    private readonly ActionCall _call;
    private readonly BulkResult<MembershipChange> _result;
    private readonly MembershipFacts _facts;
    private readonly string _inputName;
    private readonly int[]? _distinct;
    private readonly IReadOnlyList<string> _requestIds;
    private readonly TimeSpan _duration;
    private readonly DateTimeOffset _endedAt;

    private BulkAuditEvents(AuditTrail trail, ActionCall call, BulkRun<MembershipChange> run, BulkResult<MembershipChange> result, MembershipFacts facts, string inputName)
    {
        _trail = trail;
        _call = call;
        _result = result;
        _facts = facts;
        _inputName = inputName;
        _requestIds = call.RequestIds;
        _duration = call.Elapsed;
        // Taken once: the events are built as each sink reads them, later than the call ended.
        _endedAt = trail.Now;

        var duplicates = 0;
        for (var i = 0; i < run.Count; i++)
        {
            duplicates += run.IsDuplicate(i) ? 1 : 0;
        }

        Count = run.Count - duplicates;
        if (duplicates > 0)
        {
            _distinct = new int[Count];
            var next = 0;
            for (var i = 0; i < run.Count; i++)
            {
                if (!run.IsDuplicate(i))
                {
                    _distinct[next++] = i;
                }
            }
        }
    }

    public int Count { get; }

    public EntraAuditEvent this[int index] => Build(_distinct?[index] ?? index);

    /// <summary>The events of a call that has ended.</summary>
    /// <param name="trail">The audit trail.</param>
    /// <param name="call">The call.</param>
    /// <param name="run">The call's run.</param>
    /// <param name="result">Its result (partial when cancelled).</param>
    /// <param name="facts">What the call learned.</param>
    /// <param name="inputName">The items' input name, for validating an item's id.</param>
    /// <returns>The events.</returns>
    public static IReadOnlyList<EntraAuditEvent> For(
        AuditTrail trail, ActionCall call, BulkRun<MembershipChange> run, BulkResult<MembershipChange> result, MembershipFacts facts, string inputName) =>
        facts.SizeDenial is { } refused
            ? [SizeRefusal(trail, call, facts.GroupId, refused.Error, refused.Rule)]
            : new BulkAuditEvents(trail, call, run, result, facts, inputName);

    /// <summary>The one event of a call refused for its size: no user, the group id when valid.</summary>
    /// <param name="trail">The audit trail.</param>
    /// <param name="call">The call.</param>
    /// <param name="groupId">The group id as given.</param>
    /// <param name="error">The refusal.</param>
    /// <param name="rule">The rule.</param>
    /// <returns>The event.</returns>
    public static EntraAuditEvent SizeRefusal(AuditTrail trail, ActionCall call, string? groupId, EntraActionError error, string rule) =>
        trail.Event(call, null, null, ValidGroupId(groupId), null, null, error, rule);

    public IEnumerator<EntraAuditEvent> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static string? ValidGroupId(string? groupId) =>
        EntraIdValidator.TryValidate(groupId, EntraIdValidator.GroupIdInput, out var id, out _) ? id.Value : null;

    private EntraAuditEvent Build(int index)
    {
        var item = _result.Items[index];
        var result = item.Result;
        var user = _facts.UserOf(index);
        var error = result.Error;
        var given = Valid(item.Input);
        return _trail.Event(
            _call,
            result.Value?.MemberId ?? user?.Id ?? (given is { IsObjectId: true } objectId ? objectId.Value : null),
            user?.UserPrincipalName ?? (given is { IsObjectId: false } name ? name.Value : null),
            _facts.GroupId,
            _facts.Group?.DisplayName,
            result.Value?.Outcome,
            error,
            error?.Kind == EntraErrorKind.PolicyDenied ? _facts.RuleOf(index) : null,
            error?.RequestId is { Length: > 0 } requestId ? [requestId] : _requestIds,
            _duration,
            _endedAt);
    }

    // An unresolved item keeps what it was given where it belongs: an object id as the user id, a userPrincipalName as the UPN (as single actions do).
    private ValidatedId? Valid(string input) =>
        EntraIdValidator.TryValidateUserId(input, _inputName, out var id, out _) ? id : null;
}
