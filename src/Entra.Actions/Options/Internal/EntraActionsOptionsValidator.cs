using Microsoft.Extensions.Options;

namespace Entra.Actions.Options.Internal;

/// <summary>
/// Refuses settings that cannot work or contradict each other, at start-up, with a message naming the
/// setting to change. Every problem is reported at once so a host fixes its configuration in one pass.
/// </summary>
internal sealed class EntraActionsOptionsValidator : IValidateOptions<EntraActionsOptions>
{
    private const string Section = EntraActionsOptions.DefaultSectionName;
    internal const int MaxRetryAttemptsLimit = 10;
    internal static readonly TimeSpan MaxDurationLimit = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, EntraActionsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        ValidateGraphBaseUrl(options, failures);
        ValidateCredentialSettings(options, failures);
        ValidateResilience(options, failures);
        ValidatePolicy(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// Whether plain http is acceptable for <paramref name="uri"/>: only these loopback names, the only http hosts the
    /// transport sends a token to (any other host, 127.0.0.2 included, gets none).
    /// </summary>
    internal static bool IsLoopback(Uri uri) =>
        uri.Host is "localhost" or "127.0.0.1" or "[::1]" or "::1";

    /// <summary>A URL for messages, without any user info it may carry (a password typed into the URL must not be echoed).</summary>
    internal static string Display(Uri? uri) =>
        uri is null ? "(none)"
        : uri.IsAbsoluteUri && !string.IsNullOrEmpty(uri.UserInfo) ? new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri.ToString()
        : uri.ToString();

    private static void ValidateGraphBaseUrl(EntraActionsOptions options, List<string> failures)
    {
        var url = options.GraphBaseUrl;
        if (url is null)
        {
            failures.Add($"{Section}:GraphBaseUrl is not set. Set it to https://graph.microsoft.com/v1.0 (the default), a national cloud's Graph endpoint, or http://127.0.0.1:<port>/v1.0 for a local emulator.");
            return;
        }

        if (!url.IsAbsoluteUri)
        {
            failures.Add($"{Section}:GraphBaseUrl '{Display(url)}' is relative. Set an absolute URL such as https://graph.microsoft.com/v1.0.");
            return;
        }

        if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && IsLoopback(url)))
        {
            failures.Add($"{Section}:GraphBaseUrl '{Display(url)}' must use https (plain http is accepted only for localhost, 127.0.0.1 and [::1], for a local emulator), because the access token travels with every request.");
        }

        if (!string.IsNullOrEmpty(url.UserInfo) || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
        {
            failures.Add($"{Section}:GraphBaseUrl must not contain user info, a query or a fragment; set only scheme, host, optional port and the version path, e.g. https://graph.microsoft.com/v1.0.");
        }

        // $batch step URLs are relative to the version root ("/users/..."), and Graph serves only /v1.0 and /beta,
        // so any other path would send requests nowhere useful.
        var path = url.AbsolutePath.TrimEnd('/');
        if (path is not ("/v1.0" or "/beta"))
        {
            failures.Add($"{Section}:GraphBaseUrl '{Display(url)}' must have the path /v1.0 or /beta and nothing else (for example https://graph.microsoft.com/v1.0).");
        }
    }

    private static void ValidateCredentialSettings(EntraActionsOptions options, List<string> failures)
    {
        var hasSecret = !string.IsNullOrEmpty(options.ClientSecret);
        var hasCertificatePath = !string.IsNullOrEmpty(options.CertificatePath);
        var hasCertificateBase64 = !string.IsNullOrEmpty(options.CertificateBase64);
        var hasCertificate = hasCertificatePath || hasCertificateBase64;

        var chosen = new List<string>();
        if (options.Credential is not null)
        {
            chosen.Add("Credential");
        }

        if (hasSecret)
        {
            chosen.Add("ClientSecret");
        }

        if (hasCertificate)
        {
            chosen.Add(hasCertificatePath ? "CertificatePath" : "CertificateBase64");
        }

        if (options.UseManagedIdentity)
        {
            chosen.Add("UseManagedIdentity");
        }

        if (options.UseWorkloadIdentity)
        {
            chosen.Add("UseWorkloadIdentity");
        }

        if (chosen.Count > 1)
        {
            failures.Add($"{Section}: more than one credential is configured ({string.Join(", ", chosen)}). Set exactly one of Credential, ClientSecret, CertificatePath/CertificateBase64, UseManagedIdentity or UseWorkloadIdentity.");
        }

        if (hasCertificatePath && hasCertificateBase64)
        {
            failures.Add($"{Section}: both CertificatePath and CertificateBase64 are set. Set only one of them.");
        }

        if (!string.IsNullOrEmpty(options.CertificatePassword) && !hasCertificate)
        {
            failures.Add($"{Section}:CertificatePassword is set but no certificate is. Set CertificatePath or CertificateBase64, or remove CertificatePassword.");
        }

        if (options.UseManagedIdentity && !string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add($"{Section}:ClientId is set with UseManagedIdentity; a user-assigned identity's client id goes in ManagedIdentityClientId. Move it there, or remove ClientId for the system-assigned identity.");
        }

        if (!string.IsNullOrEmpty(options.ManagedIdentityClientId) && !options.UseManagedIdentity)
        {
            failures.Add($"{Section}:ManagedIdentityClientId is set but UseManagedIdentity is false. Set UseManagedIdentity to true, or remove ManagedIdentityClientId.");
        }

        if (!string.IsNullOrEmpty(options.WorkloadIdentityTokenFilePath) && !options.UseWorkloadIdentity)
        {
            failures.Add($"{Section}:WorkloadIdentityTokenFilePath is set but UseWorkloadIdentity is false. Set UseWorkloadIdentity to true, or remove WorkloadIdentityTokenFilePath.");
        }

        if (hasSecret || hasCertificate)
        {
            var kind = hasSecret ? "a client secret" : "a client certificate";
            if (string.IsNullOrWhiteSpace(options.TenantId))
            {
                failures.Add($"{Section}:TenantId is required with {kind}. Set it to the directory (tenant) id or a verified domain.");
            }

            if (string.IsNullOrWhiteSpace(options.ClientId))
            {
                failures.Add($"{Section}:ClientId is required with {kind}. Set it to the app registration's application (client) id.");
            }
        }
        else if (!string.IsNullOrWhiteSpace(options.ClientId) && options.Credential is null && !options.UseManagedIdentity && !options.UseWorkloadIdentity)
        {
            failures.Add($"{Section}:ClientId is set but no credential is. Set the app registration's client secret: options.ClientSecret in code (if your code reads it from an environment variable of its own, that variable is empty), or {Section}:ClientSecret (environment variable {Section}__ClientSecret) when the options are bound from configuration with AddEntraActions(configuration). Or set CertificatePath/CertificateBase64, UseManagedIdentity or UseWorkloadIdentity; or remove ClientId to use the default Azure credential chain.");
        }

        if (!string.IsNullOrWhiteSpace(options.TenantId) && !IsTenantId(options.TenantId))
        {
            failures.Add($"{Section}:TenantId '{options.TenantId}' is neither a GUID nor a domain name. Set the directory (tenant) id, e.g. 72f988bf-86f1-41af-91ab-2d7cd011db47, or a verified domain such as contoso.onmicrosoft.com.");
        }

        if (!string.IsNullOrWhiteSpace(options.ClientId) && !Guid.TryParse(options.ClientId, out _))
        {
            failures.Add($"{Section}:ClientId '{options.ClientId}' is not a GUID. Set the application (client) id from the app registration.");
        }

        if (!string.IsNullOrWhiteSpace(options.ManagedIdentityClientId) && !Guid.TryParse(options.ManagedIdentityClientId, out _))
        {
            failures.Add($"{Section}:ManagedIdentityClientId '{options.ManagedIdentityClientId}' is not a GUID. Set the user-assigned identity's client id, or remove it for the system-assigned identity.");
        }

        if (hasCertificatePath && !File.Exists(options.CertificatePath))
        {
            failures.Add($"{Section}:CertificatePath '{options.CertificatePath}' does not exist. Set the path of a PFX/PKCS#12 file with the private key.");
        }

        if (hasCertificateBase64 && !IsBase64(options.CertificateBase64!))
        {
            failures.Add($"{Section}:CertificateBase64 is not valid base64. Set the PFX/PKCS#12 bytes encoded as base64.");
        }

        if (options.AuthorityHost is { } authority && (!authority.IsAbsoluteUri || authority.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{Section}:AuthorityHost '{authority}' must be an absolute https URL such as https://login.microsoftonline.us.");
        }
    }

    private static void ValidateResilience(EntraActionsOptions options, List<string> failures)
    {
        if (options.MaxRetryAttempts is < 0 or > MaxRetryAttemptsLimit)
        {
            failures.Add($"{Section}:MaxRetryAttempts is {options.MaxRetryAttempts}. Set a value from 0 to {MaxRetryAttemptsLimit}.");
        }

        if (options.MaxRetryDuration < TimeSpan.Zero || options.MaxRetryDuration > MaxDurationLimit)
        {
            failures.Add($"{Section}:MaxRetryDuration is {options.MaxRetryDuration}. Set a duration from 00:00:00 to {MaxDurationLimit}.");
        }

        if (options.GroupCacheDuration < TimeSpan.Zero || options.GroupCacheDuration > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:GroupCacheDuration is {options.GroupCacheDuration}. Set a duration from 00:00:00 (no cache) to 01:00:00.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > MaxDurationLimit)
        {
            failures.Add($"{Section}:RequestTimeout is {options.RequestTimeout}. Set a duration above zero and at most {MaxDurationLimit}.");
        }
    }

    private static bool IsTenantId(string value) =>
        Guid.TryParse(value, out _) || Uri.CheckHostName(value) == UriHostNameType.Dns && value.Contains('.', StringComparison.Ordinal);

    private static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out _);
    }

    private static void ValidatePolicy(EntraActionsOptions options, List<string> failures)
    {
        if (options.Policy is not { } policy)
        {
            failures.Add($"{Section}:Policy is null. Leave it unset for the defaults, or set its members.");
            return;
        }

        ValidateGroupIds(policy.ProtectedGroupIds, "ProtectedGroupIds", failures);
        ValidateGroupIds(policy.AllowedGroupIds, "AllowedGroupIds", failures);
        if (policy.MaxBulkItems is < 1 or > EntraWritePolicyOptions.MaxBulkItemsLimit)
        {
            failures.Add($"{Section}:Policy:MaxBulkItems is {policy.MaxBulkItems}. Set 1 to {EntraWritePolicyOptions.MaxBulkItemsLimit:N0} (default {EntraWritePolicyOptions.DefaultMaxBulkItems:N0}).");
        }

        if (options.AuditSinkTimeout < TimeSpan.FromMilliseconds(10) || options.AuditSinkTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Section}:AuditSinkTimeout is {options.AuditSinkTimeout}. Set 00:00:00.010 to 00:05:00 (default 00:00:05).");
        }
    }

    private static void ValidateGroupIds(IList<string>? ids, string name, List<string> failures)
    {
        if (ids is null)
        {
            failures.Add($"{Section}:Policy:{name} is null. Leave it unset or list group object ids.");
            return;
        }

        for (var i = 0; i < ids.Count; i++)
        {
            if (!Guid.TryParseExact(ids[i]?.Trim(), "D", out _))
            {
                // A typo here would silently leave a group unprotected (or, for AllowedGroupIds, silently refuse everything).
                var shown = ids[i] is null ? "null" : "'" + (ids[i].Length > 80 ? ids[i][..80] + "..." : ids[i]) + "'";
                failures.Add($"{Section}:Policy:{name}:{i} is {shown}, not a group object id. Set the group's object id, a GUID such as 00000000-0000-0000-0000-000000000000.");
            }
        }
    }
}
