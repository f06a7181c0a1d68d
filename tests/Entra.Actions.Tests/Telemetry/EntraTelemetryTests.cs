using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Entra.Actions.Telemetry.Internal;
using Entra.Actions.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Entra.Actions.Tests.Telemetry;

[Collection(TelemetryListeners.Name)]
public sealed class EntraTelemetryTests
{
    [Fact]
    public void SourceAndMeter_Names_AreExactlyEntraActions()
    {
        EntraTelemetry.Source.Name.Should().Be("Entra.Actions");
        EntraTelemetry.Meter.Name.Should().Be("Entra.Actions");
        EntraTelemetry.Source.Version.Should().Be(EntraTelemetry.Meter.Version).And.NotBeNullOrEmpty().And.NotContain("+");
    }

    [Fact]
    public void Library_References_NoOpenTelemetryPackage()
    {
        // Hosts choose their SDK and exporters; the library speaks System.Diagnostics only.
        typeof(IEntraActions).Assembly.GetReferencedAssemblies().Select(a => a.Name)
            .Should().NotContain(name => name!.StartsWith("OpenTelemetry", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Meter_Instruments_AreTheFiveWithTheirKindsAndUnits()
    {
        _ = EntraTelemetry.Meter;
        using var metrics = new MetricCapture();

        metrics.Instruments.Select(i => (i.Name, i.GetType().Name, i.Unit)).Should().BeEquivalentTo(new[]
        {
            ("entra.action.duration", typeof(Histogram<double>).Name, "s"),
            ("entra.graph.throttled", typeof(Counter<long>).Name, "{response}"),
            ("entra.graph.retries", typeof(Counter<long>).Name, "{retry}"),
            ("entra.bulk.items", typeof(Counter<long>).Name, "{item}"),
            ("entra.throttle.store.fallbacks", typeof(Counter<long>).Name, "{call}"),
        });
    }

    [Fact]
    public async Task AddOpenTelemetry_SourceAndMeterAdded_HostExportsActivitiesAndMetrics()
    {
        var activities = new List<Activity>();
        var exportedMetrics = new List<Metric>();
        using var stub = new StubGraphHandler()
            .Respond(HttpStatusCode.TooManyRequests, GraphPayloads.Throttled, ("Retry-After", "0"))
            .Respond(HttpStatusCode.OK, GraphPayloads.Adele);

        // The README's example, with the in-memory exporters in place of a real one.
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddEntraActions(o => o.Credential = new FakeTokenCredential()).ConfigurePrimaryHttpMessageHandler(() => stub);
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource("Entra.Actions").AddInMemoryExporter(activities))
            .WithMetrics(metrics => metrics.AddMeter("Entra.Actions").AddInMemoryExporter(exportedMetrics));
        using var host = builder.Build();
        await host.StartAsync();

        var result = await host.Services.GetRequiredService<IEntraActions>().LookupUserAsync(GraphPayloads.AdeleId);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        host.Services.GetRequiredService<TracerProvider>().ForceFlush().Should().BeTrue();
        host.Services.GetRequiredService<MeterProvider>().ForceFlush().Should().BeTrue();
        await host.StopAsync();

        const string action = "entra.lookup_user";
        activities.Should().ContainSingle(a => a.OperationName == action && a.Source.Name == "Entra.Actions");
        SumOf(exportedMetrics, "entra.graph.throttled", action).Should().Be(1);
        SumOf(exportedMetrics, "entra.graph.retries", action).Should().Be(1);
        exportedMetrics.Should().Contain(m => m.Name == "entra.action.duration" && m.MeterName == "Entra.Actions");
    }

    private static long SumOf(IEnumerable<Metric> metrics, string name, string action)
    {
        long sum = 0;
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    if (tag.Key == "entra.action" && Equals(tag.Value, action))
                    {
                        sum += point.GetSumLong();
                    }
                }
            }
        }

        return sum;
    }
}
