using System.Diagnostics;
using System.Net;
using Entra.Actions.Health.Internal;
using Entra.Actions.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Entra.Actions.Tests.Health;

/// <summary>The health check over the real Graph pipeline (retry handler included) with only the wire stubbed.</summary>
public sealed class HealthCheckPipelineTests
{
    private const string Organization = """{"value":[{"id":"7a1c1d2e-0000-4000-8000-00000000c0de","displayName":"Contoso Flows","verifiedDomains":[]}]}""";
    private static readonly string Token = TestJwt.Application("User.Read.All", "GroupMember.ReadWrite.All");

    private static HealthCheckHost Host(Action<EntraActionsOptions>? configure = null, Action<IHealthChecksBuilder>? checks = null) =>
        new(TestJwt.Credential(Token), configure: configure, checks: checks);

    [Fact]
    public async Task CheckHealth_GraphAnswers_HealthyAfterOneReadWithTheConnectionsToken()
    {
        await using var host = Host();
        host.Handler.Respond(HttpStatusCode.OK, Organization);

        var entry = await host.RunAsync();

        entry.Status.Should().Be(HealthStatus.Healthy);
        entry.Data["tenantDisplayName"].Should().Be("Contoso Flows");
        var request = host.Handler.Requests.Should().ContainSingle().Which;
        request.WirePath.Should().Be("/v1.0/organization");
        request.Authorization.Should().Be("Bearer " + Token);
        entry.ShouldNotReveal(Token);
    }

    [Fact]
    public async Task CheckHealth_Graph429WithALongRetryAfter_DegradedPromptlyWithoutWaitingOutTheRetries()
    {
        await using var host = Host(o => o.MaxRetryAttempts = 3, b => b.AddEntraActions(o => o.Timeout = TimeSpan.FromSeconds(20)));
        host.Handler.Respond(HttpStatusCode.TooManyRequests, GraphPayloads.Error("TooManyRequests", "Please retry again later."), ("Retry-After", "30"));
        var watch = Stopwatch.StartNew();

        var entry = await host.RunAsync();

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "the check reports the throttling instead of waiting 30 s for the retry");
        entry.Status.Should().Be(HealthStatus.Degraded);
        entry.Data["statusCode"].Should().Be(429);
        entry.Data["retryAfterSeconds"].Should().BeOfType<double>().Which.Should().BeInRange(25, 30);
        host.Handler.Requests.Should().ContainSingle("the retry was abandoned with the check");
    }

    [Fact]
    public async Task CheckHealth_NextCheckWhileStillThrottled_SendsNothing()
    {
        await using var host = Host(checks: b => b.AddEntraActions(o => o.Timeout = TimeSpan.FromSeconds(20)));
        host.Handler.Respond(HttpStatusCode.TooManyRequests, GraphPayloads.Error("TooManyRequests", "Please retry again later."), ("Retry-After", "30"));
        await host.RunAsync();

        var second = await host.RunAsync();

        second.Status.Should().Be(HealthStatus.Degraded);
        second.Description.Should().Contain("no request was sent");
        host.Handler.Requests.Should().ContainSingle("a request sent early would prolong Graph's throttling");
    }

    [Fact]
    public async Task CheckHealth_Graph401_UnhealthyWithGraphsRequestId()
    {
        await using var host = Host();
        host.Handler.Respond(HttpStatusCode.Unauthorized, GraphPayloads.Error("InvalidAuthenticationToken", "Access token has expired or is not yet valid."));

        var entry = await host.RunAsync();

        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Data["statusCode"].Should().Be(401);
        entry.Data["requestId"].Should().Be(GraphPayloads.RequestId, "Graph's request-id of the error body, for a support ticket");
        entry.Description.Should().NotContain("Access token has expired", "Graph's message is not republished");
    }

    [Fact]
    public async Task CheckHealth_Graph503AfterTheRetries_Degraded()
    {
        await using var host = Host(o => o.MaxRetryAttempts = 1);
        host.Handler.Respond(HttpStatusCode.ServiceUnavailable, GraphPayloads.Error("serviceNotAvailable", "Busy."), ("Retry-After", "0.05"));
        host.Handler.Respond(HttpStatusCode.ServiceUnavailable, GraphPayloads.Error("serviceNotAvailable", "Busy."), ("Retry-After", "0.05"));

        var entry = await host.RunAsync();

        entry.Status.Should().Be(HealthStatus.Degraded);
        entry.Data["statusCode"].Should().Be(503);
        host.Handler.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task CheckHealth_GraphDoesNotAnswerInTime_Degraded()
    {
        await using var host = Host(checks: b => b.AddEntraActions(o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(300);
            o.DegradedLatencyThreshold = TimeSpan.FromMilliseconds(100);
        }));
        host.Handler.RespondAfter(TimeSpan.FromSeconds(30), HttpStatusCode.OK, Organization);

        var entry = await host.RunAsync();

        entry.Status.Should().Be(HealthStatus.Degraded);
        entry.Duration.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task CheckHealth_GraphUnreachable_Unhealthy()
    {
        await using var host = Host();
        host.Handler.Throw(new HttpRequestException("Connection refused (graph.microsoft.com:443)"));

        var entry = await host.RunAsync();

        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Data["errorKind"].Should().Be("ServiceError");
        entry.ShouldNotReveal("Connection refused");
    }

    [Fact]
    public async Task CheckHealth_TokenRequests_AskTheTransportsScopeWithCaeSoTheCachedTokenIsShared()
    {
        var credential = new RecordingCredential(Token);
        await using var host = new HealthCheckHost(credential, configure: o => o.GraphBaseUrl = new Uri("https://graph.microsoft.us/v1.0"));
        host.Handler.Respond(HttpStatusCode.OK, Organization);

        await host.RunAsync();

        credential.Requests.Should().HaveCount(2, "one for the check's readiness, one by the Graph transport")
            .And.OnlyContain(c => c.IsCaeEnabled && c.Scopes.SequenceEqual(new[] { "https://graph.microsoft.us/.default" }) && c.Claims == null);
    }

    [Fact]
    public async Task CheckHealth_CallerCancels_CancellationEscapesAndAContextWithoutRegistrationIsAccepted()
    {
        await using var host = Host();
        host.Handler.RespondAfter(TimeSpan.FromSeconds(30), HttpStatusCode.OK, Organization);
        var check = new EntraHealthCheck(host.Services, connectionName: null, new EntraHealthCheckOptions { Timeout = TimeSpan.FromSeconds(20) });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var run = () => check.CheckHealthAsync(new HealthCheckContext(), cancel.Token);

        await run.Should().ThrowAsync<OperationCanceledException>();
    }
}
