using System.Text.Json.Nodes;
using Azure.Identity;
using Entra.Actions.Directory.Internal;
using Entra.Actions.Tests.Catalog;
using Entra.Actions.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Moq;

namespace Entra.Actions.Tests.Health;

/// <summary>The health check's verdicts, with the organization read mocked (the pipeline versions are in <see cref="HealthCheckPipelineTests"/>).</summary>
public sealed class EntraHealthCheckTests
{
    private const string SecretMarker = "S3cret-MARKER-do-not-show";
    private const string SignatureMarker = "TOKENSIGNATUREMARKER";
    private static readonly string[] LeastPrivilege = ["User.Read.All", "GroupMember.ReadWrite.All"];

    private readonly Mock<IOrganizationReader> _reader = new();

    private static string Token(params string[] roles)
    {
        var unsigned = TestJwt.Application(roles);
        return unsigned[..unsigned.LastIndexOf('.')] + "." + SignatureMarker;
    }

    private static EntraActionResult<EntraOrganization> Organization() =>
        EntraActionResult.Success(new EntraOrganization(TestJwt.TenantId, "Contoso Flows", ["contoso.example"]));

    private static EntraActionResult<EntraOrganization> Failure(EntraErrorKind kind, int? status, string? code = null, TimeSpan? retryAfter = null) =>
        EntraActionResult.Failure<EntraOrganization>(new EntraActionError(kind, $"Graph answered {status}: message with {SecretMarker}")
        {
            StatusCode = status,
            GraphErrorCode = code,
            RequestId = "7d4b2a1e-0000-4000-8000-00000000beef",
            RetryAfter = retryAfter,
        });

    private HealthCheckHost Host(string token, Action<IHealthChecksBuilder>? checks = null) =>
        new(TestJwt.Credential(token), _reader.Object, checks: checks);

    private void ReadReturns(EntraActionResult<EntraOrganization> result) =>
        _reader.Setup(r => r.GetOrganizationAsync(It.IsAny<CancellationToken>())).ReturnsAsync(result);

    [Fact]
    public async Task CheckHealth_OrganizationRead_HealthyWithTenantNameLatencyAndReadiness()
    {
        ReadReturns(Organization());
        await using var host = Host(Token("Directory.Read.All", "GroupMember.ReadWrite.All"));

        var entry = await host.RunAsync();

        entry.Status.Should().Be(HealthStatus.Healthy);
        entry.Data["tenantId"].Should().Be(TestJwt.TenantId);
        entry.Data["tenantDisplayName"].Should().Be("Contoso Flows");
        entry.Data["latencyMs"].Should().BeOfType<long>().Which.Should().BeGreaterThanOrEqualTo(0);
        entry.Data["readyActions"].Should().Be(CatalogSamples.AllIds.Length);
        entry.Data["actions"].Should().Be(CatalogSamples.AllIds.Length);
        entry.Data.Should().NotContainKey("connection").And.NotContainKey("errorKind");
        entry.Description.Should().Contain(TestJwt.TenantId).And.StartWith("Entra.Actions:");
        entry.ShouldNotReveal(SignatureMarker, Token("Directory.Read.All", "GroupMember.ReadWrite.All"));
    }

    [Fact]
    public async Task CheckHealth_SlowerThanTheThreshold_Degraded()
    {
        _reader.Setup(r => r.GetOrganizationAsync(It.IsAny<CancellationToken>())).Returns(async (CancellationToken token) =>
        {
            await Task.Delay(150, token);
            return Organization();
        });
        await using var host = Host(Token(LeastPrivilege), b => b.AddEntraActions(o => o.DegradedLatencyThreshold = TimeSpan.FromMilliseconds(50)));

        var entry = await host.RunAsync();

        entry.Status.Should().Be(HealthStatus.Degraded);
        entry.Data["latencyMs"].Should().BeOfType<long>().Which.Should().BeGreaterThanOrEqualTo(150);
        entry.Description.Should().Contain("slower than the 50 ms threshold");
    }

    [Fact]
    public async Task CheckHealth_ThrottledThroughTheRetries_DegradedWithRetryAfter()
    {
        ReadReturns(Failure(EntraErrorKind.Throttled, 429, "TooManyRequests", TimeSpan.FromSeconds(2.5)));
        await using var host = Host(Token(LeastPrivilege));

        var entry = await host.RunAsync();

        entry.Status.Should().Be(HealthStatus.Degraded);
        entry.Data["statusCode"].Should().Be(429);
        entry.Data["errorKind"].Should().Be("Throttled");
        entry.Data["retryAfterSeconds"].Should().Be(2.5);
        entry.Data["requestId"].Should().Be("7d4b2a1e-0000-4000-8000-00000000beef");
        entry.ShouldNotReveal(SecretMarker);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(504)]
    public async Task CheckHealth_UnavailableThroughTheRetries_Degraded(int status)
    {
        ReadReturns(Failure(EntraErrorKind.ServiceError, status));
        await using var host = Host(Token(LeastPrivilege));

        var entry = await host.RunAsync();

        entry.Status.Should().Be(HealthStatus.Degraded);
        entry.Data["statusCode"].Should().Be(status);
    }

    [Fact]
    public async Task CheckHealth_Graph401_UnhealthyWithoutGraphsMessage()
    {
        ReadReturns(Failure(EntraErrorKind.Unauthorized, 401, "InvalidAuthenticationToken"));
        await using var host = Host(Token(LeastPrivilege));

        var entry = await host.RunAsync();

        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Description.Should().Contain("401 InvalidAuthenticationToken");
        entry.Data["errorKind"].Should().Be("Unauthorized");
        entry.Data["graphErrorCode"].Should().Be("InvalidAuthenticationToken");
        entry.Data["tenantId"].Should().Be(TestJwt.TenantId, "the token still says which tenant it is for");
        entry.ShouldNotReveal(SecretMarker, SignatureMarker);
    }

    [Fact]
    public async Task CheckHealth_FailureStatusDegraded_ReportsItInsteadOfUnhealthy()
    {
        ReadReturns(Failure(EntraErrorKind.Unauthorized, 401, "InvalidAuthenticationToken"));
        await using var host = Host(Token(LeastPrivilege), b => b.AddEntraActions(failureStatus: HealthStatus.Degraded));

        var entry = await host.RunAsync();

        entry.Status.Should().Be(HealthStatus.Degraded);
    }

    [Fact]
    public async Task CheckHealth_Graph403AndATokenWithoutPermissions_Unhealthy()
    {
        ReadReturns(Failure(EntraErrorKind.Forbidden, 403, "Authorization_RequestDenied"));
        await using var host = Host(Token());

        var entry = await host.RunAsync();

        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Description.Should().Contain($"allow none of the {CatalogSamples.AllIds.Length} actions");
        entry.Data["readyActions"].Should().Be(0);
        entry.Data["statusCode"].Should().Be(403);
    }

    [Fact]
    public async Task CheckHealth_Graph403WithLeastPrivilege_HealthyAndSaysTheOrganizationIsNotReadable()
    {
        ReadReturns(Failure(EntraErrorKind.Forbidden, 403, "Authorization_RequestDenied"));
        await using var host = Host(Token(LeastPrivilege));

        var entry = await host.RunAsync();

        entry.Status.Should().Be(HealthStatus.Healthy, "Graph accepted the token and the actions' permissions are granted; only the organization read needs more");
        entry.Data["organizationReadable"].Should().Be(false);
        entry.Data["tenantId"].Should().Be(TestJwt.TenantId);
        entry.Data["readyActions"].Should().Be(CatalogSamples.AllIds.Length);
        entry.Data.Should().NotContainKey("errorKind");
    }

    [Fact]
    public async Task CheckHealth_Graph403AndAnUnreadableToken_Unhealthy()
    {
        ReadReturns(Failure(EntraErrorKind.Forbidden, 403, "Authorization_RequestDenied"));
        await using var host = Host("opaque-token-" + SecretMarker);

        var entry = await host.RunAsync();

        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Data.Should().NotContainKey("readyActions");
        entry.ShouldNotReveal(SecretMarker);
    }

    [Fact]
    public async Task CheckHealth_OrganizationReadableButNoActionPermitted_Unhealthy()
    {
        ReadReturns(Organization());
        await using var host = Host(Token("Organization.Read.All"));

        var entry = await host.RunAsync();

        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Data["tenantDisplayName"].Should().Be("Contoso Flows");
        entry.Data["readyActions"].Should().Be(0);
    }

    [Fact]
    public async Task CheckHealth_NetworkFailure_Unhealthy()
    {
        ReadReturns(EntraActionResult.Failure<EntraOrganization>(new EntraActionError(EntraErrorKind.ServiceError, $"Graph could not be reached: {SecretMarker}")));
        await using var host = Host(Token(LeastPrivilege));

        var entry = await host.RunAsync();

        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Data["errorKind"].Should().Be("ServiceError");
        entry.Data.Should().NotContainKey("statusCode");
        entry.ShouldNotReveal(SecretMarker);
    }

    [Fact]
    public async Task CheckHealth_CredentialFails_UnhealthyNamesTheExceptionTypeOnlyAndSendsNothing()
    {
        var leak = new AuthenticationFailedException($"ClientSecretCredential failed: client_secret={SecretMarker} Bearer {SignatureMarker}");
        await using var host = new HealthCheckHost(new LeakyFailingCredential(leak), _reader.Object);

        var entry = await host.RunAsync();

        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Description.Should().Contain("AuthenticationFailedException");
        entry.Data["errorKind"].Should().Be("Unauthorized");
        entry.ShouldNotReveal(SecretMarker, SignatureMarker, "client_secret", "Bearer");
        _reader.Verify(r => r.GetOrganizationAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task CheckHealth_ReadThrows_UnhealthyWithoutTheExceptionText()
    {
        _reader.Setup(r => r.GetOrganizationAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException(SecretMarker));
        await using var host = Host(Token(LeastPrivilege));

        var entry = await host.RunAsync();

        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Description.Should().Contain("InvalidOperationException");
        entry.ShouldNotReveal(SecretMarker);
    }

    [Fact]
    public async Task CheckHealth_NoAnswerWithinTheTimeout_DegradedPromptlyAndTheReadIsCancelled()
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _reader.Setup(r => r.GetOrganizationAsync(It.IsAny<CancellationToken>())).Returns(async (CancellationToken token) =>
        {
            using var registration = token.Register(() => cancelled.TrySetResult());
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return Organization();
        });
        await using var host = Host(Token(LeastPrivilege), b => b.AddEntraActions(o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(300);
            o.DegradedLatencyThreshold = TimeSpan.FromMilliseconds(100);
        }));

        var entry = await host.RunAsync();

        entry.Status.Should().Be(HealthStatus.Degraded);
        entry.Description.Should().Contain("timeout of 0.3 s");
        entry.Duration.Should().BeLessThan(TimeSpan.FromSeconds(5));
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task CheckHealth_ThrottleGateClosed_DegradedWithoutSendingARequest()
    {
        ReadReturns(Organization());
        await using var host = Host(Token(LeastPrivilege));
        host.Gate.Pause(TimeSpan.FromSeconds(30));

        var entry = await host.RunAsync();

        entry.Status.Should().Be(HealthStatus.Degraded);
        entry.Data["retryAfterSeconds"].Should().BeOfType<double>().Which.Should().BeInRange(25, 30);
        entry.Description.Should().Contain("no request was sent");
        _reader.Verify(r => r.GetOrganizationAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task CheckHealth_GateClosesWhileTheReadWaits_DegradedPromptlyAndTheReadIsCancelled()
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        HealthCheckHost? host = null;
        _reader.Setup(r => r.GetOrganizationAsync(It.IsAny<CancellationToken>())).Returns(async (CancellationToken token) =>
        {
            // As the retry handler does on a 429 with Retry-After: close the gate, then wait it out.
            host!.Gate.Pause(TimeSpan.FromSeconds(30));
            using var registration = token.Register(() => cancelled.TrySetResult());
            await Task.Delay(TimeSpan.FromSeconds(30), token);
            return Organization();
        });
        await using (host = Host(Token(LeastPrivilege), b => b.AddEntraActions(o => o.Timeout = TimeSpan.FromSeconds(20))))
        {
            var entry = await host.RunAsync();

            entry.Status.Should().Be(HealthStatus.Degraded);
            entry.Duration.Should().BeLessThan(TimeSpan.FromSeconds(5), "the check does not wait out Retry-After or its own timeout");
            entry.Data["statusCode"].Should().Be(429);
            entry.Description.Should().Contain("Graph is throttling the connection (429); the check stopped waiting");
            await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public async Task CheckHealth_TokenSignatureAndClaimsMarker_AppearNowhereInAnyResult()
    {
        var token = TestJwt.Encode(new JsonObject { ["tid"] = TestJwt.TenantId, ["roles"] = new JsonArray("User.Read.All"), ["xms_marker"] = SecretMarker });
        foreach (var result in new[] { Organization(), Failure(EntraErrorKind.Unauthorized, 401), Failure(EntraErrorKind.Forbidden, 403), Failure(EntraErrorKind.ServiceError, null) })
        {
            ReadReturns(result);
            await using var host = Host(token);

            var entry = await host.RunAsync();

            entry.ShouldNotReveal(token, token.Split('.')[1], SecretMarker);
        }
    }
}
