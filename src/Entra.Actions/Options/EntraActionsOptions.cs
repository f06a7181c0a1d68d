using System.Text;
using Azure.Core;
using Entra.Actions.Options.Internal;

namespace Entra.Actions;

/// <summary>
/// Settings for <c>services.AddEntraActions(...)</c>.
/// Validated at start-up: contradictory or malformed settings fail with a message that says what to set.
/// </summary>
/// <remarks>
/// The credential is chosen in this order: <see cref="Credential"/> (used as is); a client secret; a client
/// certificate; managed identity; workload identity; otherwise <c>DefaultAzureCredential</c>.
/// </remarks>
public sealed class EntraActionsOptions
{
    /// <summary>The configuration section bound by default: <c>EntraActions</c>.</summary>
    public const string DefaultSectionName = "EntraActions";

    /// <summary>The default Graph endpoint: <c>https://graph.microsoft.com/v1.0</c>.</summary>
    public static Uri DefaultGraphBaseUrl { get; } = new("https://graph.microsoft.com/v1.0", UriKind.Absolute);

    /// <summary>The directory (tenant) id or a verified domain. Required with a client secret or certificate.</summary>
    public string? TenantId { get; set; }

    /// <summary>The application (client) id. Required with a client secret or certificate; optional for workload identity.</summary>
    public string? ClientId { get; set; }

    /// <summary>A client secret for the app registration. Never logged or shown by <see cref="ToString"/>.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Path to a PFX/PKCS#12 client certificate with its private key.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>A PFX/PKCS#12 client certificate with its private key, base64-encoded (for example from a vault).</summary>
    public string? CertificateBase64 { get; set; }

    /// <summary>The password of the certificate in <see cref="CertificatePath"/> or <see cref="CertificateBase64"/>. Never logged.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Use the host's managed identity. Default <see langword="false"/>.</summary>
    public bool UseManagedIdentity { get; set; }

    /// <summary>The client id of a user-assigned managed identity; leave empty for the system-assigned identity.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Use workload identity federation (for example Kubernetes). Default <see langword="false"/>; unset values come from <c>AZURE_*</c> environment variables.</summary>
    public bool UseWorkloadIdentity { get; set; }

    /// <summary>The federated token file for workload identity (default: <c>AZURE_FEDERATED_TOKEN_FILE</c>).</summary>
    public string? WorkloadIdentityTokenFilePath { get; set; }

    /// <summary>The Microsoft Entra authority for national clouds (for example <c>https://login.microsoftonline.us</c>). Default: the public cloud.</summary>
    public Uri? AuthorityHost { get; set; }

    /// <summary>
    /// The Graph endpoint, ending in <c>/v1.0</c> or <c>/beta</c>. Default <c>https://graph.microsoft.com/v1.0</c>.
    /// Use a national cloud's host, or <c>http://127.0.0.1:port/v1.0</c> for a local emulator (http is accepted on loopback only).
    /// Tokens are sent to this host and no other.
    /// </summary>
    public Uri GraphBaseUrl { get; set; } = DefaultGraphBaseUrl;

    /// <summary>The token scope. Default: <c>https://{GraphBaseUrl host}/.default</c>.</summary>
    public string? Scope { get; set; }

    /// <summary>The scope tokens are requested for: <see cref="Scope"/>, or <c>{GraphBaseUrl's scheme and host}/.default</c>.</summary>
    internal string EffectiveScope => string.IsNullOrWhiteSpace(Scope) ? GraphBaseUrl.GetLeftPart(UriPartial.Authority) + "/.default" : Scope;

    /// <summary>A credential to use as is (for example a per-connection delegated token from the host's vault). When set, no other credential setting may be.</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>How many times a throttled (429) or unavailable (503, 504) request is retried. Default 3, at most 10; 0 disables retries.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>
    /// The most time one request may spend across its attempts and the waits between them before retries stop. Default 60 seconds.
    /// A retry whose wait (from <c>Retry-After</c> or back-off) would end past it is not made, so a call ends within this plus one <see cref="RequestTimeout"/>.
    /// </summary>
    public TimeSpan MaxRetryDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one HTTP attempt may take before it counts as timed out. Default 100 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// How long a group read before a membership change is reused for further changes to the same group (its kind rarely
    /// changes; Graph still refuses a write the cached kind allowed). Default 30 seconds; zero reads the group every time.
    /// </summary>
    public TimeSpan GroupCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Allow membership changes on role-assignable groups. Default <see langword="false"/>. Set it only when the
    /// connection holds <c>RoleManagement.ReadWrite.Directory</c> (and, delegated, the Privileged Role Administrator role).
    /// </summary>
    public bool AllowRoleAssignableGroups { get; set; }

    /// <summary>
    /// The write policy: protected and allowed groups, guests, the bulk size limit (section <c>EntraActions:Policy</c>, or a
    /// connection's <c>Policy</c> section). Refusals are <see cref="EntraErrorKind.PolicyDenied"/> failures, and no write is sent.
    /// </summary>
    public EntraWritePolicyOptions Policy { get; set; } = new();

    /// <summary>
    /// How long an <see cref="IEntraAuditSink"/> may take to record a call's events before it is cancelled and no longer
    /// waited for (the action goes on either way). Default 5 seconds; 10 ms to 5 minutes.
    /// </summary>
    public TimeSpan AuditSinkTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A summary of the settings with secrets masked.</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
    {
        var text = new StringBuilder("EntraActionsOptions { ");
        text.Append("TenantId = ").Append(TenantId ?? "(none)");
        text.Append(", ClientId = ").Append(ClientId ?? "(none)");
        text.Append(", ClientSecret = ").Append(Mask(ClientSecret));
        text.Append(", CertificatePath = ").Append(CertificatePath ?? "(none)");
        text.Append(", CertificateBase64 = ").Append(Mask(CertificateBase64));
        text.Append(", CertificatePassword = ").Append(Mask(CertificatePassword));
        text.Append(", UseManagedIdentity = ").Append(UseManagedIdentity);
        text.Append(", UseWorkloadIdentity = ").Append(UseWorkloadIdentity);
        text.Append(", Credential = ").Append(Credential is null ? "(none)" : Credential.GetType().Name);
        text.Append(", GraphBaseUrl = ").Append(EntraActionsOptionsValidator.Display(GraphBaseUrl));
        text.Append(", MaxRetryAttempts = ").Append(MaxRetryAttempts);
        text.Append(", MaxRetryDuration = ").Append(MaxRetryDuration);
        text.Append(", RequestTimeout = ").Append(RequestTimeout);
        text.Append(", AllowRoleAssignableGroups = ").Append(AllowRoleAssignableGroups);
        text.Append(", Policy = ").Append(Policy);
        text.Append(", AuditSinkTimeout = ").Append(AuditSinkTimeout);
        return text.Append(" }").ToString();
    }

    private static string Mask(string? secret) => string.IsNullOrEmpty(secret) ? "(none)" : "***";
}
