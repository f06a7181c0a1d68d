using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Entra.Actions.Tests.Telemetry;

/// <summary>
/// An OpenTelemetry tracer provider listening to <c>Entra.Actions</c> with the in-memory exporter, and a root activity of
/// the test's own: <see cref="Activities"/> holds only the finished activities of this test's trace.
/// </summary>
public sealed class TraceCapture : IDisposable
{
    private static readonly ActivitySource TestSource = new("Entra.Actions.Tests.Telemetry");
    private readonly List<Activity> _exported = [];
    private readonly TracerProvider _provider;
    private readonly Activity _root;

    public TraceCapture()
    {
        _provider = Sdk.CreateTracerProviderBuilder()
            .AddSource("Entra.Actions", TestSource.Name)
            .AddInMemoryExporter(_exported)
            .Build();
        _root = TestSource.StartActivity("test root") ?? throw new InvalidOperationException("The test source is not listened to.");
    }

    public Activity Root => _root;

    public IReadOnlyList<Activity> Activities
    {
        get
        {
            // Exported when stopped; the tests read after their activities have ended.
            _provider.ForceFlush();
            return [.. _exported.Where(a => a.TraceId == _root.TraceId && !ReferenceEquals(a, _root))];
        }
    }

    /// <summary>Every finished activity of the listened sources while alive, this test's trace or not.</summary>
    public IReadOnlyList<Activity> All
    {
        get
        {
            _provider.ForceFlush();
            return [.. _exported.Where(a => !ReferenceEquals(a, _root))];
        }
    }

    public void Dispose()
    {
        _root.Dispose();
        _provider.Dispose();
    }
}
