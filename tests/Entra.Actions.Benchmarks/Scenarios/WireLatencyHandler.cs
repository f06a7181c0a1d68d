namespace Entra.Actions.Benchmarks.Scenarios;

/// <summary>
/// Adds a fixed round-trip latency to every HTTP request before it reaches the in-process emulator: the "network".
/// A <c>$batch</c> pays it once, like one round trip to Graph. (The emulator's own <c>Faults.AddLatency</c> also delays
/// every <c>$batch</c> step, one after the other, which would charge a 20-step batch 20 round trips.)
/// </summary>
internal sealed class WireLatencyHandler(TimeSpan latency, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
