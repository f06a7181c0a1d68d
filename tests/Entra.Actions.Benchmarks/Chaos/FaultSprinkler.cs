using System.Globalization;
using Entra.Actions.Emulator;

namespace Entra.Actions.Benchmarks.Chaos;

/// <summary>
/// While the mixed actions run, keeps adding small fault rules to the emulator (thread-safe FaultInjector): 429/503/504 with a
/// fractional Retry-After, dropped connections, truncated bodies, failed <c>$batch</c> envelopes, and writes that are applied and
/// then answered with an error: one rule (firing once or twice) per <paramref name="requestsPerFault"/> requests the emulator has
/// journaled. Deterministic choice of faults for a seed; where they land depends on timing.
/// </summary>
internal sealed class FaultSprinkler(FaultInjector faults, Func<int> requests, int requestsPerFault, int seed) : IAsyncDisposable
{
    private static readonly string?[] Writes = ["POST", "PATCH", "DELETE"];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(string Kind, FaultRule Rule)> _added = [];
    private Task? _loop;

    public void Start() => _loop = Task.Run(LoopAsync);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _stop.Dispose();
    }

    /// <summary>How many times each kind of fault fired.</summary>
    public IReadOnlyDictionary<string, int> Fired()
    {
        lock (_added)
        {
            return _added.GroupBy(a => a.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(a => a.Rule.Hits), StringComparer.Ordinal);
        }
    }

    private async Task LoopAsync()
    {
        var random = new Random(seed);
        var start = requests();
        var added = 0;
        while (!_stop.IsCancellationRequested)
        {
            while ((added + 1) * requestsPerFault <= requests() - start + requestsPerFault)
            {
                Add(random);
                added++;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(2), _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Add(Random random)
    {
        var retryAfter = (0.01 + (random.NextDouble() * 0.09)).ToString("0.###", CultureInfo.InvariantCulture);
        var status = new[] { 429, 503, 504 }[random.Next(3)];
        var (kind, rule) = random.Next(10) switch
        {
            0 or 1 or 2 => ($"{status} + Retry-After", faults.FailNext(random.Next(1, 3), status, retryAfter: retryAfter)),
            3 => ("connection reset", faults.DropConnection(1)),
            4 => ("malformed body", faults.MalformedBody(1)),
            5 => ("$batch envelope 503/504", faults.FailNext(1, random.Next(2) == 0 ? 503 : 504, "POST", "/$batch", retryAfter)),
            6 => ("$batch envelope malformed", faults.MalformedBody(1, "POST", "/$batch")),
            _ => ("applied, then " + status, faults.FailNext(1, status, Writes[random.Next(Writes.Length)], retryAfter: retryAfter, applyRequest: true)),
        };
        lock (_added)
        {
            _added.Add((kind, rule));
        }
    }
}
