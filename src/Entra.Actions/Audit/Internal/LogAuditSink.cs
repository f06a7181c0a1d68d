using System.Globalization;
using Entra.Actions.Logging.Internal;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.Audit.Internal;

/// <summary>
/// The default <see cref="IEntraAuditSink"/>: one structured Information entry per event (category
/// <c>Entra.Actions.Audit</c>, EventId 7000). Audit entries name who acted and on whom (userPrincipalNames included),
/// which is their purpose; route the category to the audit store, or filter it out.
/// </summary>
internal sealed class LogAuditSink : IEntraAuditSink
{
    private readonly ILogger _logger;

    public LogAuditSink(ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _logger = loggerFactory.CreateLogger(Log.AuditCategory);
    }

    public ValueTask WriteAsync(EntraAuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var result = auditEvent.Succeeded ? auditEvent.Outcome?.ToString() ?? "Succeeded" : auditEvent.ErrorKind.ToString()!;
            var requestIds = string.Join(' ', auditEvent.GraphRequestIds);
            Log.Audit(
                _logger,
                auditEvent.ActionId,
                result,
                auditEvent.IsDryRun ? " (dry run)" : string.Empty,
                auditEvent.UserId,
                auditEvent.UserPrincipalName,
                auditEvent.GroupId,
                auditEvent.GroupDisplayName,
                auditEvent.ActingIdentity,
                auditEvent.TenantId,
                auditEvent.ConnectionName,
                auditEvent.PolicyRule,
                requestIds,
                (long)auditEvent.Duration.TotalMilliseconds,
                auditEvent.CorrelationId);
        }

        return ValueTask.CompletedTask;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{nameof(LogAuditSink)} ({Log.AuditCategory})");
}
