using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;

namespace Entra.Actions.Credentials.Internal;

/// <summary>
/// Builds the credential from <see cref="EntraActionsOptions"/> in the documented order: an explicit
/// credential, a client secret, a client certificate, managed identity, workload identity, and
/// otherwise <see cref="DefaultAzureCredential"/>. The options validator has already refused contradictions.
/// </summary>
internal sealed class OptionsCredentialProvider : IEntraCredentialProvider
{
    private readonly EntraActionsOptions _options;
    private readonly Lock _gate = new();
    private TokenCredential? _credential;

    public OptionsCredentialProvider(IOptions<EntraActionsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    public TokenCredential GetCredential()
    {
        // Not Lazy<T>: a failed build (an unreadable certificate file) must be retried on the next call, not cached.
        lock (_gate)
        {
            return _credential ??= Create(_options);
        }
    }

    internal static TokenCredential Create(EntraActionsOptions options)
    {
        if (options.Credential is { } given)
        {
            return given;
        }

        if (!string.IsNullOrEmpty(options.ClientSecret))
        {
            return new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret, Configure(new ClientSecretCredentialOptions(), options));
        }

        if (!string.IsNullOrEmpty(options.CertificatePath) || !string.IsNullOrEmpty(options.CertificateBase64))
        {
            return new ClientCertificateCredential(options.TenantId, options.ClientId, LoadCertificate(options), Configure(new ClientCertificateCredentialOptions(), options));
        }

        if (options.UseManagedIdentity)
        {
            var id = string.IsNullOrEmpty(options.ManagedIdentityClientId)
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId);
            return new ManagedIdentityCredential(Configure(new ManagedIdentityCredentialOptions(id), options));
        }

        if (options.UseWorkloadIdentity)
        {
            var workload = Configure(new WorkloadIdentityCredentialOptions(), options);
            if (!string.IsNullOrEmpty(options.TenantId))
            {
                workload.TenantId = options.TenantId;
            }

            if (!string.IsNullOrEmpty(options.ClientId))
            {
                workload.ClientId = options.ClientId;
            }

            if (!string.IsNullOrEmpty(options.WorkloadIdentityTokenFilePath))
            {
                workload.TokenFilePath = options.WorkloadIdentityTokenFilePath;
            }

            return new WorkloadIdentityCredential(workload);
        }

        var defaults = Configure(new DefaultAzureCredentialOptions(), options);
        if (!string.IsNullOrEmpty(options.TenantId))
        {
            defaults.TenantId = options.TenantId;
        }

        return new DefaultAzureCredential(defaults);
    }

    private static X509Certificate2 LoadCertificate(EntraActionsOptions options) =>
        !string.IsNullOrEmpty(options.CertificatePath)
            ? X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword)
            : X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(options.CertificateBase64!), options.CertificatePassword);

    private static T Configure<T>(T credentialOptions, EntraActionsOptions options)
        where T : TokenCredentialOptions
    {
        if (options.AuthorityHost is { } authority)
        {
            credentialOptions.AuthorityHost = authority;
        }

        return credentialOptions;
    }
}
