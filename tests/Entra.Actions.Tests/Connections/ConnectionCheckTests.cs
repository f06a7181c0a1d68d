using System.Net;
using System.Text.Json;
using Azure.Core;
using Azure.Identity;
using Entra.Actions.Tests.Catalog;
using Entra.Actions.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Entra.Actions.Tests.Connections;

/// <summary>The connection check over the real pipeline with the wire stubbed; the emulator versions are in the integration tests.</summary>
public sealed class ConnectionCheckTests : IAsyncDisposable
{
    private const string Organization = """
        {"value":[{"id":"7a1c1d2e-0000-4000-8000-00000000c0de","displayName":"Contoso Flows",
          "verifiedDomains":[{"name":"contosoflows.onmicrosoft.com","isDefault":false,"isInitial":true},{"name":"contoso.example","isDefault":true,"isInitial":false}]}]}
        """;

    private const string Denied = """{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}""";

    private readonly StubGraphHandler _handler = new();
    private readonly ServiceProvider _root;

    public ConnectionCheckTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEntraConnections(options => options.ConfigureHttpClient = (_, builder) => builder.ConfigurePrimaryHttpMessageHandler(() => _handler));
        _root = services.BuildServiceProvider();
    }

    private EntraConnection Connect(TokenCredential credential) =>
        _root.GetRequiredService<IEntraConnectionFactory>().GetOrCreateConnection("tenant-a", o =>
        {
            o.Credential = credential;
            o.MaxRetryAttempts = 0;
        });

    [Fact]
    public async Task CheckAsync_ApplicationTokenAndReadableOrganization_ReportsTenantDomainsAndReadiness()
    {
        var token = TestJwt.Application("Directory.Read.All", "GroupMember.ReadWrite.All");
        _handler.Respond(HttpStatusCode.OK, Organization);

        var report = await Connect(TestJwt.Credential(token)).CheckAsync();

        report.Works.Should().BeTrue();
        report.Error.Should().BeNull();
        report.ConnectionName.Should().Be("tenant-a");
        report.TenantId.Should().Be(TestJwt.TenantId);
        report.OrganizationDisplayName.Should().Be("Contoso Flows");
        report.VerifiedDomains.Should().Equal("contoso.example", "contosoflows.onmicrosoft.com");
        report.PermissionModel.Should().Be(EntraPermissionModel.Application);
        report.ApplicationId.Should().Be(TestJwt.AppId);
        report.UserPrincipalName.Should().BeNull();
        report.GrantedPermissions.Should().Equal("Directory.Read.All", "GroupMember.ReadWrite.All");
        report.Actions.Select(a => a.ActionId).Should().Equal(CatalogSamples.AllIds, "every action, as the catalog lists them");
        report.Actions.Should().OnlyContain(a => a.CanRun);
        report.ExcessPermissions.Should().Equal("Directory.Read.All");
        var request = _handler.Requests.Should().ContainSingle().Which;
        request.Method.Should().Be("GET");
        request.WirePath.Should().Be("/v1.0/organization");
        Uri.UnescapeDataString(request.Query).Should().Contain("$select=id,displayName,verifiedDomains");
        request.Authorization.Should().Be("Bearer " + token, "the check calls Graph with the connection's own token");
    }

    [Fact]
    public async Task CheckAsync_HostCatalog_AssessesTheActionsThatCatalogOffers()
    {
        var lookup = new EntraActionCatalog().Find("entra.lookup_user")!;
        var hostCatalog = new Catalog.HostCatalogTests.HostCatalog(lookup, Catalog.HostCatalogTests.PingDescriptor());
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEntraConnections(options =>
        {
            options.ConfigureHttpClient = (_, builder) => builder.ConfigurePrimaryHttpMessageHandler(() => _handler);
            options.ConfigureServices = (_, connectionServices) => connectionServices.Replace(ServiceDescriptor.Singleton<IEntraActionCatalog>(hostCatalog));
        });
        await using var root = services.BuildServiceProvider();
        _handler.Respond(HttpStatusCode.OK, Organization);
        var connection = root.GetRequiredService<IEntraConnectionFactory>().GetOrCreateConnection("host", o =>
        {
            o.Credential = TestJwt.Credential(TestJwt.Application("User.Read.All", "GroupMember.ReadWrite.All"));
            o.MaxRetryAttempts = 0;
        });

        var report = await connection.CheckAsync();

        report.Actions.Select(a => a.ActionId).Should().Equal("entra.lookup_user", "contoso.ping");
        report.Actions.Should().OnlyContain(a => a.CanRun);
        report.ExcessPermissions.Should().ContainSingle().Which.Should().Be("GroupMember.ReadWrite.All", "no action of this catalog needs it");
    }

    [Fact]
    public async Task CheckAsync_OrganizationForbidden_StillWorksAndSaysTheOrganizationIsNotReadable()
    {
        _handler.Respond(HttpStatusCode.Forbidden, Denied);

        var report = await Connect(TestJwt.Credential(TestJwt.Application("User.Read.All", "GroupMember.ReadWrite.All"))).CheckAsync();

        report.Works.Should().BeTrue("a 403 means Graph accepted the token");
        report.OrganizationDisplayName.Should().BeNull();
        report.VerifiedDomains.Should().BeEmpty();
        report.TenantId.Should().Be(TestJwt.TenantId);
        report.Warnings.Should().ContainSingle(w => w.Kind == EntraConnectionWarningKind.OrganizationNotReadable)
            .Which.Message.Should().Contain("Organization.Read.All");
    }

    [Fact]
    public async Task CheckAsync_TokenRejected_DoesNotWorkWithUnauthorizedAndTheRequestId()
    {
        _handler.Respond(
            HttpStatusCode.Unauthorized,
            """{"error":{"code":"InvalidAuthenticationToken","message":"Access token validation failure.","innerError":{"request-id":"94fb3b52-452a-4535-a601-69e0a90e3aa2"}}}""");

        var report = await Connect(TestJwt.Credential(TestJwt.Delegated("User.Read.All"))).CheckAsync();

        report.Works.Should().BeFalse();
        report.Error!.Kind.Should().Be(EntraErrorKind.Unauthorized);
        report.Error.RequestId.Should().Be(GraphPayloads.RequestId);
        report.PermissionModel.Should().Be(EntraPermissionModel.Delegated, "what the token says is still reported");
        report.UserPrincipalName.Should().Be(TestJwt.Upn);
        report.UserObjectId.Should().Be(TestJwt.UserId);
    }

    [Fact]
    public async Task CheckAsync_CredentialFails_ReportsUnauthorizedWithoutCallingGraph()
    {
        var credential = new FailingCredential(new AuthenticationFailedException("AADSTS7000215: Invalid client secret provided."));

        var report = await Connect(credential).CheckAsync();

        report.Works.Should().BeFalse();
        report.Error!.Kind.Should().Be(EntraErrorKind.Unauthorized);
        report.Error.Message.Should().Contain("AuthenticationFailedException").And.Contain("AADSTS7000215");
        report.PermissionModel.Should().Be(EntraPermissionModel.Unknown);
        report.Actions.Should().BeEmpty();
        _handler.Requests.Should().BeEmpty();
    }

    [Theory]
    [InlineData("opaque-access-token-value")]
    [InlineData("eyJhbGciOiJub25lIn0.bm90IGpzb24.sig")]
    public async Task CheckAsync_MalformedToken_ReportsAClearFailureWithoutTheTokenAndWithoutCallingGraph(string token)
    {
        var report = await Connect(TestJwt.Credential(token)).CheckAsync();

        report.Works.Should().BeFalse();
        report.Error!.Kind.Should().Be(EntraErrorKind.Unauthorized);
        report.Error.Message.Should().StartWith("The connection's access token cannot be used:").And.NotContain(token);
        _handler.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task CheckAsync_Report_NeverContainsTheToken()
    {
        var token = TestJwt.Delegated("User.Read.All GroupMember.ReadWrite.All");
        _handler.Respond(HttpStatusCode.OK, Organization);

        var report = await Connect(TestJwt.Credential(token)).CheckAsync();

        JsonSerializer.Serialize(report).Should().NotContain(token).And.NotContain(token.Split('.')[1]);
        report.ToString().Should().NotContain(token.Split('.')[1]);
    }

    [Fact]
    public async Task CheckAsync_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var act = () => Connect(TestJwt.Credential(TestJwt.Application("User.Read.All"))).CheckAsync(cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    public async ValueTask DisposeAsync() => await _root.DisposeAsync();

    private sealed class FailingCredential(Exception exception) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw exception;

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw exception;
    }
}
