using System.Diagnostics;
using Entra.Actions.Connections.Internal;

namespace Entra.Actions.Telemetry.Internal;

/// <summary>
/// One action call as the operator sees it: its activity (named by the catalog id), its duration, and the Graph
/// request ids its requests got back. Started at the top of an action and disposed at its end; the transport adds the
/// request ids of the calls made under it (it flows with the async context, into concurrent bulk steps too).
/// </summary>
internal sealed class ActionCall : IDisposable
{
    private const int MaxRequestIds = 32;

    private static readonly AsyncLocal<ActionCall?> CurrentCall = new();

    private readonly ActionCall? _outer;
    private readonly long _started;
    private List<string>? _requestIds;
    private string? _correlationId;
    private AccessTokenClaims? _claims;
    private EntraThrottleScope? _throttleScope;
    private bool _disposed;

    private ActionCall(string actionId, string? connectionName, bool isDryRun)
    {
        ActionId = actionId;
        ConnectionName = connectionName;
        IsDryRun = isDryRun;
        _outer = CurrentCall.Value;
        _started = Stopwatch.GetTimestamp();
        Activity = EntraTelemetry.Source.StartActivity(actionId, ActivityKind.Internal);
        if (Activity is { } activity)
        {
            activity.SetTag(EntraTelemetry.ActionTag, actionId);
            if (connectionName is not null)
            {
                activity.SetTag(EntraTelemetry.ConnectionTag, connectionName);
            }

            if (isDryRun)
            {
                activity.SetTag(EntraTelemetry.DryRunTag, true);
            }
        }

        CurrentCall.Value = this;
    }

    /// <summary>The call in progress on this async flow, if any.</summary>
    public static ActionCall? Current => CurrentCall.Value;

    /// <summary>The action's catalog id.</summary>
    public string ActionId { get; }

    /// <summary>The connection's name, if any.</summary>
    public string? ConnectionName { get; }

    /// <summary>Whether the call is a dry run.</summary>
    public bool IsDryRun { get; }

    /// <summary>The claims of the access token this call's requests carried (the last one), when readable.</summary>
    public AccessTokenClaims? Claims
    {
        get => Volatile.Read(ref _claims);
        set => Volatile.Write(ref _claims, value);
    }

    /// <summary>The throttling budget of the token this call's requests carried (the last one), when it names one.</summary>
    public EntraThrottleScope? ThrottleScope
    {
        get => Volatile.Read(ref _throttleScope);
        set => Volatile.Write(ref _throttleScope, value);
    }

    /// <summary>The call's activity, when someone listens.</summary>
    public Activity? Activity { get; }

    /// <summary>
    /// Shared by the audit events of this call: the trace id when traced, otherwise a new id. A bulk call's items read it from
    /// concurrent steps, so the first id made wins and every reader sees that one.
    /// </summary>
    public string CorrelationId
    {
        get
        {
            if (Volatile.Read(ref _correlationId) is { } id)
            {
                return id;
            }

            var created = Activity?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N");
            return Interlocked.CompareExchange(ref _correlationId, created, null) ?? created;
        }
    }

    /// <summary>The time since the call started.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    /// <summary>The Graph request ids seen so far (the first 32).</summary>
    public IReadOnlyList<string> RequestIds
    {
        get
        {
            if (Volatile.Read(ref _requestIds) is not { } ids)
            {
                return [];
            }

            lock (ids)
            {
                return [.. ids];
            }
        }
    }

    /// <summary>Starts a call and makes it the current one.</summary>
    /// <param name="actionId">The action's catalog id.</param>
    /// <param name="connectionName">The connection's name.</param>
    /// <param name="isDryRun">Whether it is a dry run.</param>
    /// <returns>The call; dispose it when the action ends.</returns>
    public static ActionCall Start(string actionId, string? connectionName, bool isDryRun = false) => new(actionId, connectionName, isDryRun);

    /// <summary>Adds the <c>request-id</c> of a Graph answer to the current call, if any.</summary>
    /// <param name="response">The answer.</param>
    public static void RecordRequestId(HttpResponseMessage response)
    {
        if (CurrentCall.Value is { } call && response.Headers.TryGetValues("request-id", out var values) && values.FirstOrDefault() is { Length: > 0 and <= 64 } id)
        {
            call.AddRequestId(id);
        }
    }

    /// <summary>Ends the call as a success.</summary>
    /// <param name="outcome">A <see cref="MembershipOutcome"/> name, or <see cref="EntraTelemetry.SucceededOutcome"/>.</param>
    public void Succeeded(string outcome)
    {
        Activity?.SetTag(EntraTelemetry.OutcomeTag, outcome);
        Activity?.SetStatus(ActivityStatusCode.Ok);
        TagLastRequestId();
        EntraTelemetry.ActionDuration.Record(
            Elapsed.TotalSeconds,
            new KeyValuePair<string, object?>(EntraTelemetry.ActionTag, ActionId),
            new KeyValuePair<string, object?>(EntraTelemetry.OutcomeTag, outcome));
    }

    /// <summary>Ends the call as a failure.</summary>
    /// <param name="error">The failure.</param>
    public void Failed(EntraActionError error)
    {
        var kind = error.Kind.ToString();
        if (Activity is { } activity)
        {
            activity.SetTag(EntraTelemetry.OutcomeTag, EntraTelemetry.FailedOutcome);
            activity.SetTag(EntraTelemetry.ErrorTypeTag, kind);
            activity.SetStatus(ActivityStatusCode.Error, kind);
            if (error.RequestId is { Length: > 0 and <= 64 } requestId)
            {
                activity.SetTag(EntraTelemetry.RequestIdTag, requestId);
            }
            else
            {
                TagLastRequestId();
            }
        }

        EntraTelemetry.ActionDuration.Record(
            Elapsed.TotalSeconds,
            new KeyValuePair<string, object?>(EntraTelemetry.ActionTag, ActionId),
            new KeyValuePair<string, object?>(EntraTelemetry.OutcomeTag, EntraTelemetry.FailedOutcome),
            new KeyValuePair<string, object?>(EntraTelemetry.ErrorTypeTag, kind));
    }

    /// <summary>Ends the call as cancelled (the action throws <see cref="OperationCanceledException"/>).</summary>
    public void Cancelled() => Failed(new EntraActionError(EntraErrorKind.Cancelled, "The call was cancelled."));

    /// <summary>Stops the activity and restores the call that was current before.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Activity?.Dispose();
        CurrentCall.Value = _outer;
    }

    private void AddRequestId(string id)
    {
        // Created on first use (most calls make one or two requests, lookups without a listener need none of this).
        var ids = Volatile.Read(ref _requestIds) ?? Interlocked.CompareExchange(ref _requestIds, new List<string>(2), null) ?? _requestIds!;
        lock (ids)
        {
            if (ids.Count < MaxRequestIds && !ids.Contains(id))
            {
                ids.Add(id);
            }
            else if (ids.Count == MaxRequestIds)
            {
                // Keep the first ones and the latest one: the last request is the one a support ticket usually needs.
                ids[^1] = id;
            }
        }
    }

    private void TagLastRequestId()
    {
        if (Activity is null)
        {
            return;
        }

        if (Volatile.Read(ref _requestIds) is { } ids)
        {
            lock (ids)
            {
                if (ids.Count > 0)
                {
                    Activity.SetTag(EntraTelemetry.RequestIdTag, ids[^1]);
                }
            }
        }
    }
}
