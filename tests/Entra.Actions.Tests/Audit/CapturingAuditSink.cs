using System.Collections.Concurrent;

namespace Entra.Actions.Tests.Audit;

/// <summary>An audit sink that keeps every event it is given.</summary>
public sealed class CapturingAuditSink : IEntraAuditSink
{
    private readonly ConcurrentQueue<EntraAuditEvent> _events = new();

    public IReadOnlyList<EntraAuditEvent> Events => [.. _events];

    public ValueTask WriteAsync(EntraAuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        _events.Enqueue(auditEvent);
        return ValueTask.CompletedTask;
    }
}
