using System.Net;
using Entra.Actions.Http.Internal;
using Entra.Actions.Telemetry.Internal;
using Entra.Actions.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Entra.Actions.Tests.Telemetry;

/// <summary><c>entra.graph.throttled</c> and <c>entra.graph.retries</c> as the retry handler, the one retry owner, counts them.</summary>
[Collection(TelemetryListeners.Name)]
public sealed class GraphCountersTests
{
    private const string Throttled = "entra.graph.throttled";
    private const string Retries = "entra.graph.retries";

    [Fact]
    public async Task SendAsync_Two429sThenSuccess_CountsTwoThrottledAndTwoRetriesTaggedWithTheAction()
    {
        using var metrics = new MetricCapture();
        var stub = new StubGraphHandler()
            .Respond(HttpStatusCode.TooManyRequests, GraphPayloads.Throttled, ("Retry-After", "0"))
            .Respond(HttpStatusCode.TooManyRequests, GraphPayloads.Throttled, ("Retry-After", "0"))
            .Respond(HttpStatusCode.OK, GraphPayloads.Adele);
        var action = UniqueActionId();

        using (ActionCall.Start(action, "contoso"))
        {
            using var response = await SendAsync(stub);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        stub.Requests.Should().HaveCount(3);
        metrics.Sum(Throttled, "entra.action", action).Should().Be(2);
        metrics.Sum(Retries, "entra.action", action).Should().Be(2);
        metrics.Of(Throttled).Concat(metrics.Of(Retries)).Where(m => Equals(m.Tags["entra.action"], action)).Should().AllSatisfy(m =>
            m.Tags.Should().BeEquivalentTo(new Dictionary<string, object?> { ["entra.action"] = action, ["http.response.status_code"] = 429 }));
    }

    [Fact]
    public async Task SendAsync_Persistent429_CountsEveryAnswerAndOnlyTheRetriesSent()
    {
        using var metrics = new MetricCapture();
        var stub = new StubGraphHandler { Fallback = _ => StubGraphHandler.Create(HttpStatusCode.TooManyRequests, GraphPayloads.Throttled, ("Retry-After", "0")) };
        var action = UniqueActionId();

        using (ActionCall.Start(action, null))
        {
            using var response = await SendAsync(stub, o => o.MaxRetryAttempts = 2);
            response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        }

        stub.Requests.Should().HaveCount(3);
        metrics.Sum(Throttled, "entra.action", action).Should().Be(3, "the last 429 is counted though it is not retried");
        metrics.Sum(Retries, "entra.action", action).Should().Be(2);
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfterBeyondBudget_CountsThrottledButNoRetry()
    {
        using var metrics = new MetricCapture();
        var stub = new StubGraphHandler().Respond(HttpStatusCode.TooManyRequests, GraphPayloads.Throttled, ("Retry-After", "120"));
        var action = UniqueActionId();

        using (ActionCall.Start(action, null))
        {
            using var response = await SendAsync(stub, o => o.MaxRetryDuration = TimeSpan.FromSeconds(5));
        }

        metrics.Sum(Throttled, "entra.action", action).Should().Be(1);
        metrics.Of(Retries).Should().NotContain(m => Equals(m.Tags["entra.action"], action));
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task SendAsync_TransientStatusThenSuccess_CountsOneRetryTaggedWithThatStatusAndNoThrottle(HttpStatusCode status)
    {
        using var metrics = new MetricCapture();
        var stub = new StubGraphHandler()
            .Respond(status, GraphPayloads.Error("ServiceUnavailable", "Service unavailable"), ("Retry-After", "0"))
            .Respond(HttpStatusCode.OK, GraphPayloads.Adele);
        var action = UniqueActionId();

        using (ActionCall.Start(action, null))
        {
            using var response = await SendAsync(stub);
        }

        metrics.Of(Throttled).Should().NotContain(m => Equals(m.Tags["entra.action"], action));
        metrics.Of(Retries).Should().ContainSingle(m => Equals(m.Tags["entra.action"], action))
            .Which.Tags["http.response.status_code"].Should().Be((int)status);
    }

    [Fact]
    public async Task SendAsync_NoActionRunning_CountsWithTheStatusTagOnly()
    {
        using var metrics = new MetricCapture();
        var stub = new StubGraphHandler()
            .Respond(HttpStatusCode.TooManyRequests, GraphPayloads.Throttled, ("Retry-After", "0"))
            .Respond(HttpStatusCode.OK, GraphPayloads.Adele);
        ActionCall.Current.Should().BeNull();

        using (var response = await SendAsync(stub))
        {
        }

        // This collection runs alone, so these are this test's measurements.
        metrics.Of(Throttled).Should().ContainSingle().Which.Tags.Should().BeEquivalentTo(new Dictionary<string, object?> { ["http.response.status_code"] = 429 });
        metrics.Of(Retries).Should().ContainSingle().Which.Tags.Should().BeEquivalentTo(new Dictionary<string, object?> { ["http.response.status_code"] = 429 });
    }

    [Fact]
    public void Throttled_BatchStepCount_AddsThatMany()
    {
        using var metrics = new MetricCapture();
        var action = UniqueActionId();

        using (ActionCall.Start(action, null))
        {
            GraphCounters.Throttled(7);
            GraphCounters.Retried(429, 5);
            GraphCounters.Retried(424, 1);
            GraphCounters.Throttled(0);
        }

        metrics.Sum(Throttled, "entra.action", action).Should().Be(7);
        metrics.Sum(Retries, "entra.action", action).Should().Be(6);
        metrics.Of(Retries).Where(m => Equals(m.Tags["entra.action"], action)).Select(m => m.Tags["http.response.status_code"]).Should().BeEquivalentTo(new object[] { 429, 424 });
    }

    private static async Task<HttpResponseMessage> SendAsync(StubGraphHandler stub, Action<EntraActionsOptions>? configure = null)
    {
        var options = new EntraActionsOptions { MaxRetryDuration = TimeSpan.FromSeconds(30) };
        configure?.Invoke(options);
        using var invoker = new HttpMessageInvoker(new GraphRetryHandler(options, TimeProvider.System, NullLogger.Instance) { InnerHandler = stub }, disposeHandler: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://graph.microsoft.com/v1.0/users/" + GraphPayloads.AdeleId);
        return await invoker.SendAsync(request, CancellationToken.None);
    }

    private static string UniqueActionId() => "test." + Guid.NewGuid().ToString("N");
}
