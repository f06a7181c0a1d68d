namespace Entra.Actions;

/// <summary>
/// Receives an <see cref="EntraAuditEvent"/> for every membership write attempt: changes, dry runs, policy denials and
/// failures. Register any number in DI (<c>services.AddSingleton&lt;IEntraAuditSink, MySink&gt;()</c>); the library's own
/// sink writes each event to the log (category <c>Entra.Actions.Audit</c>, EventId 7000).
/// </summary>
/// <remarks>
/// A sink never fails or holds up an action: an exception is logged (EventId 7001) and the action goes on; a sink that
/// has not finished within <see cref="EntraActionsOptions.AuditSinkTimeout"/> is cancelled, logged (EventId 7002) and no
/// longer waited for. A bulk call hands its events to each sink one after another under one such deadline per sink.
/// </remarks>
public interface IEntraAuditSink
{
    /// <summary>Records one event.</summary>
    /// <param name="auditEvent">The event.</param>
    /// <param name="cancellationToken">Signalled when the sink's deadline has passed.</param>
    /// <returns>A task that completes when the event is recorded.</returns>
    ValueTask WriteAsync(EntraAuditEvent auditEvent, CancellationToken cancellationToken = default);
}
