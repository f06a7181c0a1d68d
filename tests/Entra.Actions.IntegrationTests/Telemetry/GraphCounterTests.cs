using System.Diagnostics;
using Entra.Actions.IntegrationTests.Support;
using Entra.Actions.Tests.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Entra.Actions.IntegrationTests.Telemetry;

/// <summary><c>entra.graph.throttled</c> and <c>entra.graph.retries</c> against the emulator's injected 429s, 503s and 504s.</summary>
public abstract class GraphCounterTests : EmulatorTestBase
{
    private const string Throttled = "entra.graph.throttled";
    private const string Retries = "entra.graph.retries";
    private static readonly string[] CounterTags = ["http.response.status_code", "entra.action"];

    [Fact]
    public async Task LookupUser_Two429sThenSuccess_CountsTwoThrottledAndTwoRetries()
    {
        using var metrics = new MetricCapture();
        Emulator.Faults.FailNext(2, 429, "GET", "/users/*", retryAfter: "0.05");

        var result = await Actions.LookupUserAsync(DemoTenant.AdeleVanceId);

        result.Succeeded.Should().BeTrue(result.ToString());
        Emulator.Journal.For("GET", "/users/").Select(e => e.StatusCode).Should().Equal(429, 429, 200);
        metrics.Sum(Throttled).Should().Be(2);
        metrics.Sum(Retries).Should().Be(2);
        metrics.Of(Throttled).Concat(metrics.Of(Retries)).Should().AllSatisfy(m =>
        {
            m.Tags["http.response.status_code"].Should().Be(429);
            m.Tags.Keys.Should().BeSubsetOf(CounterTags);
        });
    }

    [Fact]
    public async Task AddUserToGroup_503Then429ThenAdded_CountsOneThrottledAndARetryPerCause()
    {
        using var metrics = new MetricCapture();
        Emulator.Faults.FailNext(1, 503, "POST", "/groups/*/members/$ref", retryAfter: "0.05");
        Emulator.Faults.FailNext(1, 429, "POST", "/groups/*/members/$ref", retryAfter: "0.05");

        var result = await Actions.AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.ProjectFalconGroupId);

        result.Value!.Outcome.Should().Be(MembershipOutcome.Added, result.ToString());
        Emulator.Journal.For("POST", $"/groups/{DemoTenant.ProjectFalconGroupId}/members/$ref").Select(e => e.StatusCode).Should().Equal(503, 429, 204);
        metrics.Sum(Throttled).Should().Be(1);
        metrics.Sum(Retries, "http.response.status_code", 503).Should().Be(1);
        metrics.Sum(Retries, "http.response.status_code", 429).Should().Be(1);
        metrics.Sum(Retries).Should().Be(2);
    }

    [Fact]
    public async Task LookupGroup_PersistentThrottling_CountsEveryAnswerAndEveryRetrySent()
    {
        var actions = Harness.CreateActions(Permissions.Connection, o => o.MaxRetryAttempts = 2);
        using var metrics = new MetricCapture();
        Emulator.Faults.FailNext(1000, 429, "GET", "/groups/*", retryAfter: "0.05");

        var result = await actions.LookupGroupAsync(DemoTenant.ProjectFalconGroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.Throttled);
        Emulator.Journal.For("GET", "/groups/").Should().HaveCount(3);
        metrics.Sum(Throttled).Should().Be(3, "the last 429 is counted though it is not sent again");
        metrics.Sum(Retries).Should().Be(2);
    }

    [Fact]
    public async Task AddOpenTelemetry_HostListensToEntraActions_ExportsTheThrottleCounters()
    {
        var exportedMetrics = new List<Metric>();
        var exportedActivities = new List<Activity>();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        var entra = builder.Services.AddEntraActions(o =>
        {
            o.GraphBaseUrl = Harness.BaseUrl;
            o.Credential = EmulatorCredential.ForApplication(Permissions.Connection);
        });
        if (Harness.Host == EmulatorHost.InProcess)
        {
            entra.ConfigurePrimaryHttpMessageHandler(Emulator.CreateHandler);
        }

        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource("Entra.Actions").AddInMemoryExporter(exportedActivities))
            .WithMetrics(metrics => metrics.AddMeter("Entra.Actions").AddInMemoryExporter(exportedMetrics));
        using var host = builder.Build();
        await host.StartAsync();
        Emulator.Faults.FailNext(2, 429, "GET", "/users/*", retryAfter: "0.05");

        var result = await host.Services.GetRequiredService<IEntraActions>().LookupUserAsync(DemoTenant.AdeleVanceId);

        result.Succeeded.Should().BeTrue(result.ToString());
        host.Services.GetRequiredService<MeterProvider>().ForceFlush().Should().BeTrue();
        await host.StopAsync();
        SumOf(exportedMetrics, Throttled).Should().Be(2);
        SumOf(exportedMetrics, Retries).Should().Be(2);
    }

    private static long SumOf(IEnumerable<Metric> metrics, string name)
    {
        long sum = 0;
        foreach (var metric in metrics.Where(m => m.Name == name && m.MeterName == "Entra.Actions"))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                sum += point.GetSumLong();
            }
        }

        return sum;
    }

    [Collection(TelemetryListeners.Name)]
    public sealed class InProcess : GraphCounterTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    [Collection(TelemetryListeners.Name)]
    public sealed class Kestrel : GraphCounterTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }
}
