using Entra.Actions.Connections.Internal;
using Entra.Actions.Graph.Internal;
using Entra.Actions.Logging.Internal;
using Entra.Actions.Telemetry.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Entra.Actions.Audit.Internal;

/// <summary>
/// Builds the audit events of a call and hands them to every <see cref="IEntraAuditSink"/>. A sink runs off the
/// action's thread, bounded by <see cref="EntraActionsOptions.AuditSinkTimeout"/>: one that throws is logged, one that
/// hangs is cancelled and no longer waited for, so neither fails nor holds up the action.
/// </summary>
internal sealed class AuditTrail
{
    private readonly IEntraAuditSink[] _sinks;
    private readonly int[] _overdue;
    private readonly TimeSpan _timeout;
    private readonly string? _configuredTenant;
    private readonly TokenIdentity? _identity;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public AuditTrail(
        IEnumerable<IEntraAuditSink> sinks,
        IOptions<EntraActionsOptions> options,
        CurrentConnection? connection = null,
        TokenIdentity? identity = null,
        TimeProvider? time = null,
        ILogger<AuditTrail>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        ArgumentNullException.ThrowIfNull(options);
        _sinks = [.. sinks];
        _overdue = new int[_sinks.Length];
        _timeout = options.Value.AuditSinkTimeout;
        _configuredTenant = options.Value.TenantId;
        ConnectionName = connection?.Name;
        _identity = identity;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The connection's name.</summary>
    public string? ConnectionName { get; }

    /// <summary>The current UTC time, for events built later than the call ended.</summary>
    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Whether any sink listens (when none does, callers may skip building events).</summary>
    public bool IsEnabled => _sinks.Length > 0;

    /// <summary>Builds the event of one attempt of <paramref name="call"/>.</summary>
    /// <param name="call">The call (action, correlation, duration, request ids).</param>
    /// <param name="userId">The member's id, if valid.</param>
    /// <param name="userPrincipalName">The member's userPrincipalName, when known.</param>
    /// <param name="groupId">The group's id, if valid.</param>
    /// <param name="groupDisplayName">The group's display name, when read.</param>
    /// <param name="outcome">The outcome, when it succeeded.</param>
    /// <param name="error">The failure, when it failed.</param>
    /// <param name="policyRule">The rule that refused, for a policy denial.</param>
    /// <param name="requestIds">Graph's request ids; by default the call's.</param>
    /// <param name="duration">The duration to report; by default the time since the call started.</param>
    /// <param name="timestamp">When the attempt ended; by default now.</param>
    /// <returns>The event.</returns>
    public EntraAuditEvent Event(
        ActionCall call,
        string? userId,
        string? userPrincipalName,
        string? groupId,
        string? groupDisplayName,
        MembershipOutcome? outcome,
        EntraActionError? error,
        string? policyRule = null,
        IReadOnlyList<string>? requestIds = null,
        TimeSpan? duration = null,
        DateTimeOffset? timestamp = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        var claims = call.Claims ?? _identity?.Claims;
        return new EntraAuditEvent
        {
            Timestamp = timestamp ?? Now,
            ConnectionName = ConnectionName,
            TenantId = claims?.TenantId ?? _configuredTenant,
            ActingIdentity = TokenIdentity.ActingIdentity(claims),
            ActionId = call.ActionId,
            UserId = userId,
            UserPrincipalName = userPrincipalName,
            GroupId = groupId,
            GroupDisplayName = groupDisplayName,
            Outcome = error is null ? outcome : null,
            ErrorKind = error?.Kind,
            ErrorMessage = error?.Message,
            PolicyRule = policyRule,
            GraphRequestIds = requestIds ?? WithErrorRequestId(call.RequestIds, error),
            Duration = duration ?? call.Elapsed,
            IsDryRun = call.IsDryRun,
            CorrelationId = call.CorrelationId,
        };
    }

    /// <summary>Hands one event to every sink; never throws, returns within the sink timeout.</summary>
    /// <param name="auditEvent">The event.</param>
    /// <returns>A task that completes when every sink has recorded it, failed, or run out of time.</returns>
    public Task PublishAsync(EntraAuditEvent auditEvent) => PublishAsync([auditEvent]);

    /// <summary>Hands a call's events to every sink (each sink gets them in order, under one deadline); never throws.</summary>
    /// <param name="events">The events.</param>
    /// <returns>A task that completes when every sink has recorded them, failed, or run out of time.</returns>
    public Task PublishAsync(IReadOnlyList<EntraAuditEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (_sinks.Length == 0 || events.Count == 0)
        {
            return Task.CompletedTask;
        }

        if (_sinks.Length == 1)
        {
            return RunSinkAsync(0, events);
        }

        var runs = new Task[_sinks.Length];
        for (var i = 0; i < _sinks.Length; i++)
        {
            runs[i] = RunSinkAsync(i, events);
        }

        return Task.WhenAll(runs);
    }

    private async Task RunSinkAsync(int index, IReadOnlyList<EntraAuditEvent> events)
    {
        var sink = _sinks[index];
        if (Volatile.Read(ref _overdue[index]) > 0)
        {
            // An earlier run of this sink is past its deadline and still running: it holds a thread, and another would too.
            Log.AuditSinkSkipped(_logger, Describe(sink), events.Count, events[0].ActionId);
            return;
        }

        var cancellation = new CancellationTokenSource();
        Task run;
        // Off the action's thread (a sink that blocks synchronously must not hold up the action either), and without the
        // action's context: the sink may outlive the call, and must not run inside its activity.
        using (ExecutionContext.SuppressFlow())
        {
            run = Task.Run(() => WriteAllAsync(sink, events, cancellation.Token), CancellationToken.None);
        }

        try
        {
            await run.WaitAsync(_timeout, _time, CancellationToken.None).ConfigureAwait(false);
            cancellation.Dispose();
        }
        catch (TimeoutException)
        {
            Log.AuditSinkTimedOut(_logger, Describe(sink), events.Count, events[0].ActionId, (long)_timeout.TotalMilliseconds);
            Interlocked.Increment(ref _overdue[index]);
            await cancellation.CancelAsync().ConfigureAwait(false);
            // The abandoned run still ends some time; it is observed there so its fault never surfaces as unobserved.
            _ = run.ContinueWith(
                (_, state) =>
                {
                    Interlocked.Decrement(ref _overdue[index]);
                    ((CancellationTokenSource)state!).Dispose();
                },
                cancellation,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private async Task WriteAllAsync(IEntraAuditSink sink, IReadOnlyList<EntraAuditEvent> events, CancellationToken cancellationToken)
    {
        var failed = 0;
        string? firstFailure = null;
        // Every event is handed over even past the deadline (the action no longer waits by then): a sink that is slow to
        // start, not hung, still records them all; one that honours the cancellation stops at its first OperationCanceledException.
        foreach (var auditEvent in events)
        {
            try
            {
                await sink.WriteAsync(auditEvent, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failed++;
                firstFailure ??= ex.GetType().FullName ?? ex.GetType().Name;
            }
        }

        if (failed > 0)
        {
            // Once per call, not per event: a sink failing on every item of a bulk call would otherwise flood the log.
            Log.AuditSinkFailed(_logger, Describe(sink), firstFailure!, failed, events.Count, events[0].ActionId);
        }
    }

    private static IReadOnlyList<string> WithErrorRequestId(IReadOnlyList<string> requestIds, EntraActionError? error) =>
        error?.RequestId is { Length: > 0 } id && !requestIds.Contains(id) ? [.. requestIds, id] : requestIds;

    private static string Describe(IEntraAuditSink sink) => sink.GetType().FullName ?? sink.GetType().Name;
}
