using System.Globalization;
using Entra.Actions.Directory.Internal;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Entra.Actions.Health.Internal;

/// <summary>
/// Turns what one check saw into a status and a description. Degraded: Graph works for the connection but is slow or asks it
/// to wait (slower than the threshold, no answer within the check's timeout, 429, or 503/504 after the library's retries,
/// which Graph answers when it is busy). Failure status (Unhealthy by default): the connection cannot work until someone acts
/// (no token, 401, a token whose permissions allow none of the actions, a 403 that permissions cannot explain away, Graph
/// unreachable, any other failed answer). Descriptions quote no token, secret, Graph message or exception text.
/// </summary>
internal sealed class HealthJudge
{
    private readonly HealthOutcome _outcome;
    private readonly EntraHealthCheckOptions _options;
    private readonly HealthStatus _failureStatus;

    public HealthJudge(HealthOutcome outcome, EntraHealthCheckOptions options, HealthStatus failureStatus)
    {
        _outcome = outcome;
        _options = options;
        _failureStatus = failureStatus;
    }

    private string Subject => _outcome.Subject;

    /// <summary>The connection's throttle gate is closed: Graph's <c>Retry-After</c> still holds its requests back.</summary>
    public HealthCheckResult GateClosed(TimeSpan resumeIn, bool sent, TimeSpan? elapsed = null)
    {
        _outcome.Set(HealthOutcome.ErrorKindKey, nameof(EntraErrorKind.Throttled)).Set(HealthOutcome.StatusCodeKey, 429).RetryAfter(resumeIn);
        if (elapsed is { } spent)
        {
            _outcome.Latency(spent);
        }

        var what = sent ? "the check stopped waiting" : "no request was sent";
        return _outcome.Result(HealthStatus.Degraded, $"{Subject}: Graph is throttling the connection (429); {what}. Requests resume in {Seconds(resumeIn)} s.");
    }

    public HealthCheckResult TimedOut(TimeSpan elapsed)
    {
        _outcome.Latency(elapsed);
        return _outcome.Result(
            HealthStatus.Degraded,
            $"{Subject}: no answer within the check's timeout of {Seconds(_options.Timeout)} s; Graph or the token endpoint is slow, throttling or unavailable.");
    }

    public HealthCheckResult NoToken(string exceptionType, TimeSpan elapsed)
    {
        _outcome.Latency(elapsed).Set(HealthOutcome.ErrorKindKey, nameof(EntraErrorKind.Unauthorized));
        return _outcome.Result(
            _failureStatus,
            $"{Subject}: no access token: the credential failed ({exceptionType}). Check the tenant, the client id and the secret or certificate.");
    }

    public HealthCheckResult ReadThrew(string exceptionType, TimeSpan elapsed)
    {
        _outcome.Latency(elapsed).Set(HealthOutcome.ErrorKindKey, nameof(EntraErrorKind.ServiceError));
        return _outcome.Result(_failureStatus, $"{Subject}: the organization read failed ({exceptionType}).");
    }

    public HealthCheckResult Read(EntraActionResult<EntraOrganization> read, Readiness readiness, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(readiness);
        _outcome.Latency(elapsed);
        if (read.Succeeded)
        {
            var organization = read.Value!;
            _outcome.Set(HealthOutcome.TenantIdKey, organization.Id).Set(HealthOutcome.TenantDisplayNameKey, organization.DisplayName);
            return readiness.NoneCanRun ? NoPermissions(readiness) : ByLatency(elapsed, organization.Id, note: null);
        }

        var error = read.Error!;
        _outcome.Set(HealthOutcome.TenantIdKey, readiness.TenantId);
        if (error.Kind == EntraErrorKind.Forbidden && readiness.SomeCanRun)
        {
            // Graph accepted the token and refused only this read: reading the organization needs Organization.Read.All or
            // Directory.Read.All (User.Read delegated), which least-privilege connections do not hold. The actions still work.
            _outcome.Set(HealthOutcome.OrganizationReadableKey, false);
            return ByLatency(elapsed, readiness.TenantId, note: " (the organization itself is not readable without Organization.Read.All)");
        }

        _outcome.Error(error);
        var status = error.StatusCode is { } code ? $"{code}{(error.GraphErrorCode is null ? string.Empty : " " + error.GraphErrorCode)}" : null;
        if (error.Kind == EntraErrorKind.Unauthorized)
        {
            return _outcome.Result(_failureStatus, status is null
                ? $"{Subject}: no access token could be obtained for Graph. Check the tenant, the client id and the secret or certificate."
                : $"{Subject}: Graph rejected the access token ({status}). Check that the credential is for this tenant and was not revoked.");
        }

        if (readiness.NoneCanRun)
        {
            return NoPermissions(readiness);
        }

        if (error.Kind == EntraErrorKind.Throttled)
        {
            return _outcome.Result(HealthStatus.Degraded, $"{Subject}: Graph kept throttling the check's request ({status}) through the library's retries.");
        }

        if (error.StatusCode is 503 or 504)
        {
            return _outcome.Result(HealthStatus.Degraded, $"{Subject}: Graph is busy or temporarily unavailable ({status}) through the library's retries.");
        }

        return _outcome.Result(_failureStatus, error.Kind == EntraErrorKind.Forbidden
            ? $"{Subject}: Graph refused the organization read ({status}) and the token's permissions could not be read. Grant the app its permissions and admin consent."
            : $"{Subject}: Graph could not be reached or failed ({error.Kind}{(status is null ? string.Empty : ", " + status)}).");
    }

    private HealthCheckResult NoPermissions(Readiness readiness) =>
        _outcome.Result(
            _failureStatus,
            $"{Subject}: the access token's permissions allow none of the {readiness.Actions} actions. Grant the app its permissions and admin consent.");

    private HealthCheckResult ByLatency(TimeSpan elapsed, string? tenantId, string? note)
    {
        var tenant = tenantId is null ? "the tenant" : $"tenant {tenantId}";
        var latency = Milliseconds(elapsed);
        return elapsed > _options.DegradedLatencyThreshold
            ? _outcome.Result(HealthStatus.Degraded, $"{Subject}: Graph answered for {tenant}{note} in {latency} ms, slower than the {Milliseconds(_options.DegradedLatencyThreshold)} ms threshold.")
            : _outcome.Result(HealthStatus.Healthy, $"{Subject}: Graph answered for {tenant}{note} in {latency} ms.");
    }

    private static string Seconds(TimeSpan value) => Math.Round(value.TotalSeconds, 3).ToString(CultureInfo.InvariantCulture);

    private static string Milliseconds(TimeSpan value) => Math.Round(value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
}
