namespace Entra.Actions.Redis.Internal;

/// <summary>
/// The names of the keys the store writes: the prefix, then only the tenant id, the application id and, for a delegated
/// token's pause, the one-way user key (a scope checks that none of them holds a separator).
/// </summary>
internal sealed class RedisThrottleKeys(string prefix)
{
    /// <summary>The pause of a scope: <c>{prefix}{tenant}:{app}[:{userKey}]:pause</c>.</summary>
    public string Pause(EntraThrottleScope scope) => scope.UserKey is null
        ? $"{prefix}{scope.TenantId}:{scope.ApplicationId}:pause"
        : $"{prefix}{scope.TenantId}:{scope.ApplicationId}:{scope.UserKey}:pause";

    /// <summary>The write pace of an application and tenant: <c>{prefix}{tenant}:{app}:writes</c>.</summary>
    public string Writes(EntraThrottleScope scope) => $"{prefix}{scope.TenantId}:{scope.ApplicationId}:writes";
}
