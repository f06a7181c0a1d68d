namespace Entra.Actions;

/// <summary>
/// One of Graph's throttling budgets: Graph meters requests per application and tenant, and delegated requests also per
/// user. A <see cref="IEntraThrottleStore"/> keys what it shares by this scope.
/// </summary>
/// <remarks>
/// It holds the tenant and application ids and, for a delegated token, a one-way key of the user (never the user's id or
/// name, and never a token), so a store can keep it in shared infrastructure. Write pacing is per application and tenant:
/// the library asks for it with <see cref="UserKey"/> unset.
/// </remarks>
public sealed record EntraThrottleScope
{
    /// <summary>Initializes a new instance of the <see cref="EntraThrottleScope"/> class.</summary>
    /// <param name="tenantId">The tenant id (the token's <c>tid</c>).</param>
    /// <param name="applicationId">The application (client) id (the token's <c>appid</c> or <c>azp</c>).</param>
    /// <param name="userKey">For a delegated token, a one-way key of the signed-in user; otherwise <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An id is empty, or a value holds characters other than letters, digits, <c>-</c> and <c>_</c>.</exception>
    public EntraThrottleScope(string tenantId, string applicationId, string? userKey = null)
    {
        TenantId = Checked(tenantId, nameof(tenantId));
        ApplicationId = Checked(applicationId, nameof(applicationId));
        UserKey = userKey is null ? null : Checked(userKey, nameof(userKey));
    }

    /// <summary>Gets the tenant id.</summary>
    public string TenantId { get; }

    /// <summary>Gets the application (client) id.</summary>
    public string ApplicationId { get; }

    /// <summary>Gets the one-way key of the signed-in user of a delegated token, or <see langword="null"/> for the application's own budget.</summary>
    public string? UserKey { get; }

    /// <summary>Gets the application and tenant budget this scope draws on (itself when <see cref="UserKey"/> is unset).</summary>
    public EntraThrottleScope Application => UserKey is null ? this : new EntraThrottleScope(TenantId, ApplicationId);

    /// <summary>Returns <c>tenant/application</c>, with <c>/user-key</c> for a user's scope.</summary>
    /// <returns>The scope as text, safe to use in a key or a log.</returns>
    public override string ToString() => UserKey is null ? $"{TenantId}/{ApplicationId}" : $"{TenantId}/{ApplicationId}/{UserKey}";

    // Keys built from these go into shared stores (Redis key names): nothing that could split or escape a key.
    private static string Checked(string value, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        if (value.Length > 128 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"A throttle scope value holds only ASCII letters, digits, '-' and '_' (at most 128); '{name}' does not.", name);
        }

        return value;
    }
}
