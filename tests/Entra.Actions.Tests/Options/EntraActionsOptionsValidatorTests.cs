using Entra.Actions.Options.Internal;
using Entra.Actions.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Entra.Actions.Tests.Options;

public sealed class EntraActionsOptionsValidatorTests
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string Client = "11111111-2222-3333-4444-555555555555";

    [Fact]
    public void Validate_NoSettings_AcceptsDefaultCredentialChain() =>
        Validate(new EntraActionsOptions()).Succeeded.Should().BeTrue();

    [Fact]
    public void Validate_ClientSecretWithTenantAndClient_Succeeds() =>
        Validate(new EntraActionsOptions { TenantId = Tenant, ClientId = Client, ClientSecret = "s3cr3t" }).Succeeded.Should().BeTrue();

    [Theory]
    [InlineData(null, Client, "TenantId is required with a client secret")]
    [InlineData(Tenant, null, "ClientId is required with a client secret")]
    public void Validate_SecretWithoutTenantOrClient_NamesTheMissingSetting(string? tenant, string? client, string expected) =>
        Validate(new EntraActionsOptions { TenantId = tenant, ClientId = client, ClientSecret = "s3cr3t" }).FailureMessage.Should().Contain(expected);

    [Fact]
    public void Validate_SecretAndCertificate_Fails() =>
        Validate(new EntraActionsOptions { TenantId = Tenant, ClientId = Client, ClientSecret = "s3cr3t", CertificateBase64 = "AAAA" })
            .FailureMessage.Should().Contain("more than one credential").And.Contain("ClientSecret").And.Contain("CertificateBase64");

    [Fact]
    public void Validate_CredentialAndSecret_Fails() =>
        Validate(new EntraActionsOptions { TenantId = Tenant, ClientId = Client, ClientSecret = "s3cr3t", Credential = new FakeTokenCredential() })
            .FailureMessage.Should().Contain("more than one credential");

    [Fact]
    public void Validate_BothCertificateForms_Fails() =>
        Validate(new EntraActionsOptions { TenantId = Tenant, ClientId = Client, CertificatePath = "/nonexistent.pfx", CertificateBase64 = "AAAA" })
            .FailureMessage.Should().Contain("both CertificatePath and CertificateBase64");

    [Fact]
    public void Validate_MissingCertificateFile_NamesThePath() =>
        Validate(new EntraActionsOptions { TenantId = Tenant, ClientId = Client, CertificatePath = "/nonexistent/cert.pfx" })
            .FailureMessage.Should().Contain("CertificatePath '/nonexistent/cert.pfx' does not exist");

    [Fact]
    public void Validate_CertificateNotBase64_Fails() =>
        Validate(new EntraActionsOptions { TenantId = Tenant, ClientId = Client, CertificateBase64 = "not base64!" })
            .FailureMessage.Should().Contain("CertificateBase64 is not valid base64");

    [Fact]
    public void Validate_PasswordWithoutCertificate_Fails() =>
        Validate(new EntraActionsOptions { CertificatePassword = "pw" }).FailureMessage.Should().Contain("CertificatePassword is set but no certificate");

    [Fact]
    public void Validate_ClientIdWithoutAnyCredential_Fails() =>
        Validate(new EntraActionsOptions { TenantId = Tenant, ClientId = Client }).FailureMessage.Should().Contain("ClientId is set but no credential");

    [Fact]
    public void Validate_ClientIdWithoutAnyCredential_NamesTheSettingAndItsEnvironmentVariable() =>
        Validate(new EntraActionsOptions { TenantId = Tenant, ClientId = Client }).FailureMessage.Should()
            .Contain("EntraActions:ClientSecret").And.Contain("options.ClientSecret").And.Contain("EntraActions__ClientSecret");

    [Fact]
    public void Validate_ManagedIdentityClientIdWithoutManagedIdentity_Fails() =>
        Validate(new EntraActionsOptions { ManagedIdentityClientId = Client }).FailureMessage.Should().Contain("UseManagedIdentity is false");

    [Fact]
    public void Validate_UserAssignedManagedIdentity_Succeeds() =>
        Validate(new EntraActionsOptions { UseManagedIdentity = true, ManagedIdentityClientId = Client }).Succeeded.Should().BeTrue();

    [Fact]
    public void Validate_ManagedIdentityWithClientId_PointsToManagedIdentityClientId() =>
        Validate(new EntraActionsOptions { UseManagedIdentity = true, ClientId = Client }).FailureMessage.Should().Contain("goes in ManagedIdentityClientId");

    [Fact]
    public void Validate_GraphBaseUrlWithPassword_DoesNotEchoIt()
    {
        var result = Validate(new EntraActionsOptions { GraphBaseUrl = new Uri("http://admin:hunter2@graph.contoso.com/v1.0") });

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().NotContain("hunter2");
        new EntraActionsOptions { GraphBaseUrl = new Uri("https://admin:hunter2@graph.microsoft.com/v1.0") }.ToString().Should().NotContain("hunter2");
    }

    [Fact]
    public void Validate_ManagedAndWorkloadIdentity_Fails() =>
        Validate(new EntraActionsOptions { UseManagedIdentity = true, UseWorkloadIdentity = true }).FailureMessage.Should().Contain("more than one credential");

    [Theory]
    [InlineData("not a tenant", "TenantId 'not a tenant' is neither a GUID nor a domain name")]
    public void Validate_MalformedTenant_Fails(string tenant, string expected) =>
        Validate(new EntraActionsOptions { TenantId = tenant }).FailureMessage.Should().Contain(expected);

    [Fact]
    public void Validate_TenantDomain_Succeeds() =>
        Validate(new EntraActionsOptions { TenantId = "contoso.onmicrosoft.com", ClientId = Client, ClientSecret = "x" }).Succeeded.Should().BeTrue();

    [Fact]
    public void Validate_ClientIdNotGuid_Fails() =>
        Validate(new EntraActionsOptions { TenantId = Tenant, ClientId = "my-app", ClientSecret = "x" }).FailureMessage.Should().Contain("ClientId 'my-app' is not a GUID");

    [Theory]
    [InlineData("https://graph.microsoft.com/v1.0")]
    [InlineData("https://graph.microsoft.com/beta")]
    [InlineData("https://graph.microsoft.us/v1.0/")]
    [InlineData("http://127.0.0.1:5195/v1.0")]
    [InlineData("http://localhost:5195/v1.0")]
    [InlineData("http://[::1]:5195/v1.0")]
    public void Validate_GoodGraphBaseUrl_Succeeds(string url) =>
        Validate(new EntraActionsOptions { GraphBaseUrl = new Uri(url) }).Succeeded.Should().BeTrue();

    [Theory]
    [InlineData("http://graph.microsoft.com/v1.0", "must use https")]
    [InlineData("http://10.0.0.5:5195/v1.0", "must use https")]
    [InlineData("http://127.0.0.2:5195/v1.0", "must use https")]
    [InlineData("https://graph.microsoft.com/", "must have the path /v1.0 or /beta")]
    [InlineData("https://proxy.contoso.com/graph/v1.0", "must have the path /v1.0 or /beta")]
    [InlineData("https://graph.microsoft.com/v1.0?x=1", "must not contain user info, a query or a fragment")]
    [InlineData("https://user:pw@graph.microsoft.com/v1.0", "must not contain user info")]
    [InlineData("ftp://graph.microsoft.com/v1.0", "must use https")]
    public void Validate_BadGraphBaseUrl_SaysWhatToSet(string url, string expected) =>
        Validate(new EntraActionsOptions { GraphBaseUrl = new Uri(url) }).FailureMessage.Should().Contain("GraphBaseUrl").And.Contain(expected);

    [Fact]
    public void Validate_RelativeGraphBaseUrl_Fails() =>
        Validate(new EntraActionsOptions { GraphBaseUrl = new Uri("/v1.0", UriKind.Relative) }).FailureMessage.Should().Contain("is relative");

    [Fact]
    public void Validate_NullGraphBaseUrl_Fails() =>
        Validate(new EntraActionsOptions { GraphBaseUrl = null! }).FailureMessage.Should().Contain("GraphBaseUrl is not set");

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void Validate_RetryAttemptsOutOfRange_Fails(int attempts) =>
        Validate(new EntraActionsOptions { MaxRetryAttempts = attempts }).FailureMessage.Should().Contain("MaxRetryAttempts");

    [Fact]
    public void Validate_ZeroRequestTimeout_Fails() =>
        Validate(new EntraActionsOptions { RequestTimeout = TimeSpan.Zero }).FailureMessage.Should().Contain("RequestTimeout");

    [Fact]
    public void Validate_HttpAuthority_Fails() =>
        Validate(new EntraActionsOptions { AuthorityHost = new Uri("http://login.example") }).FailureMessage.Should().Contain("AuthorityHost");

    [Fact]
    public void Validate_SeveralProblems_ReportsAllAtOnce()
    {
        var result = Validate(new EntraActionsOptions { ClientSecret = "x", GraphBaseUrl = new Uri("http://graph.microsoft.com/v1.0"), MaxRetryAttempts = 50 });

        result.Failures.Should().HaveCountGreaterThanOrEqualTo(4);
    }

    [Fact]
    public void ToString_WithSecrets_MasksThem()
    {
        var options = new EntraActionsOptions
        {
            TenantId = Tenant,
            ClientId = Client,
            ClientSecret = "super-secret-value",
            CertificateBase64 = "QUJDREVG",
            CertificatePassword = "cert-password",
        };

        var text = options.ToString();

        text.Should().NotContain("super-secret-value").And.NotContain("QUJDREVG").And.NotContain("cert-password");
        text.Should().Contain(Tenant).And.Contain("ClientSecret = ***");
    }

    [Fact]
    public void AddEntraActions_InvalidOptions_FailsWhenActionsAreResolvedWithAMessageNamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEntraActions(o => { o.ClientSecret = "x"; o.ClientId = Client; });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IEntraActions>();

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("TenantId is required with a client secret");
    }

    [Fact]
    public void AddEntraActions_ConfigurationSection_BindsTheDefaultSection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EntraActions:TenantId"] = Tenant,
            ["EntraActions:ClientId"] = Client,
            ["EntraActions:ClientSecret"] = "from-config",
            ["EntraActions:GraphBaseUrl"] = "https://graph.microsoft.us/v1.0",
            ["EntraActions:MaxRetryAttempts"] = "5",
            ["EntraActions:AllowRoleAssignableGroups"] = "true",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEntraActions(configuration);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<EntraActionsOptions>>().Value;

        options.TenantId.Should().Be(Tenant);
        options.ClientSecret.Should().Be("from-config");
        options.GraphBaseUrl.Should().Be(new Uri("https://graph.microsoft.us/v1.0"));
        options.MaxRetryAttempts.Should().Be(5);
        options.AllowRoleAssignableGroups.Should().BeTrue();
        provider.GetRequiredService<IEntraActions>().Should().NotBeNull();
    }

    [Fact]
    public void AddEntraActions_MisspeltConfigurationKey_FailsAtStartupNamingTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Workflows:Entra:TenantId"] = Tenant,
            ["Workflows:Entra:ClientId"] = Client,
            ["Workflows:Entra:ClientSecert"] = "typo",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEntraActions(configuration, "Workflows:Entra");
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IEntraActions>();

        act.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("ClientSecert");
    }

    [Fact]
    public void AddEntraActions_ConfigurationWithConnectFlowSection_BindsBothAndStillRefusesUnknownKeys()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EntraActions:TenantId"] = Tenant,
            ["EntraActions:ClientId"] = Client,
            ["EntraActions:ClientSecret"] = "from-config",
            ["EntraActions:Connect:ClientId"] = Client,
            ["EntraActions:Connect:RedirectUri"] = "https://app.contoso.com/entra/callback",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEntraActions(configuration);
        services.AddEntraConnectFlow(configuration);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IOptions<EntraActionsOptions>>().Value.ClientSecret.Should().Be("from-config");
        provider.GetRequiredService<IOptions<EntraConnectOptions>>().Value.RedirectUri.Should().Be(new Uri("https://app.contoso.com/entra/callback"));
        provider.GetRequiredService<IEntraConnectFlow>().Should().NotBeNull();
    }

    [Fact]
    public void AddEntraActions_MisspeltConnectSectionNameInConfiguration_StillFailsNamingTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EntraActions:TenantId"] = Tenant,
            ["EntraActions:ClientId"] = Client,
            ["EntraActions:ClientSecret"] = "from-config",
            ["EntraActions:Conect:ClientId"] = Client,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEntraActions(configuration);
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IEntraActions>();

        act.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("Conect");
    }

    [Fact]
    public async Task AddEntraActions_InHost_ValidatesOnStart()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new());
        builder.Services.AddEntraActions(o => o.GraphBaseUrl = new Uri("http://graph.microsoft.com/v1.0"));
        using var host = builder.Build();

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("must use https");
    }

    [Fact]
    public void AddEntraActions_DefaultPrimaryHandler_DoesNotFollowRedirects()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEntraActions(o => o.Credential = new FakeTokenCredential());
        using var provider = services.BuildServiceProvider();

        HttpMessageHandler handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler("Entra.Actions.Graph");
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler!;
        }

        handler.Should().BeOfType<SocketsHttpHandler>().Which.AllowAutoRedirect.Should().BeFalse();
    }

    [Fact]
    public async Task AddEntraActions_HostWideDefaultHandlers_AreNotInheritedByTheGraphClient()
    {
        var stub = new StubGraphHandler().Respond(System.Net.HttpStatusCode.OK, GraphPayloads.Adele);
        var marker = new MarkerHandler();
        var services = new ServiceCollection();
        services.AddLogging();
        services.ConfigureHttpClientDefaults(b => b.AddHttpMessageHandler(() => marker));
        services.AddEntraActions(o => o.Credential = new FakeTokenCredential()).ConfigurePrimaryHttpMessageHandler(() => stub);
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<IEntraActions>().LookupUserAsync(GraphPayloads.AdeleId);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        marker.Calls.Should().Be(0, "a host-wide resilience handler would be a second retry owner");
    }

    private sealed class MarkerHandler : DelegatingHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task AddEntraActions_CalledTwice_KeepsOneRetryOwner()
    {
        var stub = new StubGraphHandler { Fallback = _ => StubGraphHandler.Create(System.Net.HttpStatusCode.TooManyRequests, GraphPayloads.Throttled, ("Retry-After", "0")) };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEntraActions(o => o.Credential = new FakeTokenCredential()).ConfigurePrimaryHttpMessageHandler(() => stub);
        services.AddEntraActions(o => o.MaxRetryAttempts = 1);
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<IEntraActions>().LookupUserAsync(GraphPayloads.AdeleId);

        result.Error!.Kind.Should().Be(EntraErrorKind.Throttled);
        stub.Requests.Should().HaveCount(2, "one attempt plus one retry; a doubled retry handler would send more");
        services.Count(d => d.ServiceType == typeof(IEntraActions)).Should().Be(1);
    }

    private static ValidateOptionsResult Validate(EntraActionsOptions options) =>
        new EntraActionsOptionsValidator().Validate(null, options);
}
