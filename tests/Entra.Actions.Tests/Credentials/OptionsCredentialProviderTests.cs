using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Identity;
using Entra.Actions.Credentials.Internal;
using Entra.Actions.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.Tests.Credentials;

public sealed class OptionsCredentialProviderTests
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string Client = "11111111-2222-3333-4444-555555555555";

    [Fact]
    public void GetCredential_ExplicitCredential_ReturnsItAsIs()
    {
        var given = new FakeTokenCredential();

        var credential = Provider(new EntraActionsOptions { Credential = given }).GetCredential();

        credential.Should().BeSameAs(given);
    }

    [Fact]
    public void GetCredential_ClientSecret_BuildsClientSecretCredential() =>
        Provider(new EntraActionsOptions { TenantId = Tenant, ClientId = Client, ClientSecret = "s3cr3t" }).GetCredential()
            .Should().BeOfType<ClientSecretCredential>();

    [Fact]
    public void GetCredential_CertificateBase64WithPassword_BuildsClientCertificateCredential()
    {
        var (base64, _) = CreatePfx("pfx-password");

        var credential = Provider(new EntraActionsOptions { TenantId = Tenant, ClientId = Client, CertificateBase64 = base64, CertificatePassword = "pfx-password" }).GetCredential();

        credential.Should().BeOfType<ClientCertificateCredential>();
    }

    [Fact]
    public void GetCredential_CertificateFile_BuildsClientCertificateCredential()
    {
        var (_, bytes) = CreatePfx("pw");
        var path = Path.Combine(Path.GetTempPath(), $"entra-actions-test-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, bytes);
        try
        {
            Provider(new EntraActionsOptions { TenantId = Tenant, ClientId = Client, CertificatePath = path, CertificatePassword = "pw" }).GetCredential()
                .Should().BeOfType<ClientCertificateCredential>();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void GetCredential_WrongCertificatePassword_ThrowsAndIsNotCached()
    {
        var (base64, _) = CreatePfx("right");
        var provider = Provider(new EntraActionsOptions { TenantId = Tenant, ClientId = Client, CertificateBase64 = base64, CertificatePassword = "wrong" });

        provider.Invoking(p => p.GetCredential()).Should().Throw<CryptographicException>();
        provider.Invoking(p => p.GetCredential()).Should().Throw<CryptographicException>("a failed build is retried, not cached");
    }

    [Fact]
    public void GetCredential_SystemManagedIdentity_BuildsManagedIdentityCredential() =>
        Provider(new EntraActionsOptions { UseManagedIdentity = true }).GetCredential().Should().BeOfType<ManagedIdentityCredential>();

    [Fact]
    public void GetCredential_UserAssignedManagedIdentity_BuildsManagedIdentityCredential() =>
        Provider(new EntraActionsOptions { UseManagedIdentity = true, ManagedIdentityClientId = Client }).GetCredential().Should().BeOfType<ManagedIdentityCredential>();

    [Fact]
    public void GetCredential_WorkloadIdentity_BuildsWorkloadIdentityCredential() =>
        Provider(new EntraActionsOptions { UseWorkloadIdentity = true, TenantId = Tenant, ClientId = Client, WorkloadIdentityTokenFilePath = "/var/run/secrets/token" })
            .GetCredential().Should().BeOfType<WorkloadIdentityCredential>();

    [Fact]
    public void GetCredential_NothingConfigured_UsesDefaultAzureCredential() =>
        Provider(new EntraActionsOptions()).GetCredential().Should().BeOfType<DefaultAzureCredential>();

    [Fact]
    public void GetCredential_CalledTwice_ReturnsTheSameInstance()
    {
        var provider = Provider(new EntraActionsOptions { TenantId = Tenant, ClientId = Client, ClientSecret = "s3cr3t" });

        provider.GetCredential().Should().BeSameAs(provider.GetCredential());
    }

    private static OptionsCredentialProvider Provider(EntraActionsOptions options) => new(Microsoft.Extensions.Options.Options.Create(options));

    private static (string Base64, byte[] Bytes) CreatePfx(string password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Entra.Actions test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var bytes = certificate.Export(X509ContentType.Pfx, password);
        return (Convert.ToBase64String(bytes), bytes);
    }
}

public sealed class CredentialProviderRegistrationTests
{
    [Fact]
    public async Task AddEntraActions_HostRegisteredProvider_IsUsedForTokens()
    {
        var credential = new FakeTokenCredential();
        var stub = new StubGraphHandler().Respond(System.Net.HttpStatusCode.OK, GraphPayloads.Adele);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IEntraCredentialProvider>(new FixedProvider(credential));
        services.AddEntraActions(_ => { }).ConfigurePrimaryHttpMessageHandler(() => stub);
        await using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<IEntraActions>().LookupUserAsync(GraphPayloads.AdeleId);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        credential.Calls.Should().BeGreaterThan(0);
        stub.Requests.Single().Authorization.Should().Be($"Bearer {FakeTokenCredential.Token}");
    }

    private sealed class FixedProvider(Azure.Core.TokenCredential credential) : IEntraCredentialProvider
    {
        public Azure.Core.TokenCredential GetCredential() => credential;
    }
}
