using System.Collections.ObjectModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Entra.Actions.Health.Internal;

/// <summary>
/// Collects the data of one health check run and makes its result. The only values that go in are ids, names, counts,
/// statuses and Graph's error codes: never a token, a secret, Graph's error message or an exception (the result is shown by
/// health endpoints and publishers, so <see cref="HealthCheckResult.Exception"/> stays empty).
/// </summary>
internal sealed class HealthOutcome
{
    /// <summary>The data keys, stable: hosts read them from health reports.</summary>
    public const string ConnectionKey = "connection";
    public const string TenantIdKey = "tenantId";
    public const string TenantDisplayNameKey = "tenantDisplayName";
    public const string LatencyMsKey = "latencyMs";
    public const string ErrorKindKey = "errorKind";
    public const string StatusCodeKey = "statusCode";
    public const string GraphErrorCodeKey = "graphErrorCode";
    public const string RequestIdKey = "requestId";
    public const string RetryAfterSecondsKey = "retryAfterSeconds";
    public const string ReadyActionsKey = "readyActions";
    public const string ActionsKey = "actions";
    public const string OrganizationReadableKey = "organizationReadable";

    private readonly Dictionary<string, object> _data = new(StringComparer.Ordinal);

    public HealthOutcome(string? connectionName)
    {
        Subject = SubjectOf(connectionName);
        if (connectionName is not null)
        {
            _data[ConnectionKey] = connectionName;
        }
    }

    /// <summary>What the descriptions name: <c>Entra.Actions</c> or <c>Entra connection 'name'</c>.</summary>
    public string Subject { get; }

    public static string SubjectOf(string? connectionName) => connectionName is null ? "Entra.Actions" : $"Entra connection '{connectionName}'";

    /// <summary>Sets <paramref name="key"/> unless <paramref name="value"/> is <see langword="null"/>.</summary>
    public HealthOutcome Set(string key, object? value)
    {
        if (value is not null)
        {
            _data[key] = value;
        }

        return this;
    }

    public HealthOutcome Latency(TimeSpan elapsed) => Set(LatencyMsKey, (long)Math.Round(elapsed.TotalMilliseconds));

    /// <summary>Graph's identifiers of a failed read; its message is left out (it is Graph's text, not ours to republish).</summary>
    public HealthOutcome Error(EntraActionError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Set(ErrorKindKey, error.Kind.ToString());
        Set(StatusCodeKey, error.StatusCode);
        Set(GraphErrorCodeKey, error.GraphErrorCode);
        Set(RequestIdKey, error.RequestId);
        return error.RetryAfter is { } retryAfter ? RetryAfter(retryAfter) : this;
    }

    public HealthOutcome RetryAfter(TimeSpan retryAfter) => Set(RetryAfterSecondsKey, Math.Round(retryAfter.TotalSeconds, 3));

    public HealthCheckResult Result(HealthStatus status, string description) =>
        new(status, description, exception: null, data: new ReadOnlyDictionary<string, object>(_data));

    /// <summary>The value of <paramref name="key"/>, if set.</summary>
    public object? Get(string key) => _data.GetValueOrDefault(key);
}
