using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Entra.Actions.Benchmarks.Scale;

/// <summary>
/// What a removed connection leaves behind: <see cref="Connections"/> connections are created through
/// <see cref="IEntraConnectionFactory"/>, each makes one call, all are removed, the HTTP handler lifetime passes
/// (<see cref="HandlerLifetime"/>, set through the factory's <c>ConfigureHttpClient</c> hook) with the factory's cleanup
/// (every 10 s), then full collections run. Reported: live heap retained per connection, and the per-connection objects still
/// alive: <see cref="ActivitySource"/>s and <see cref="Meter"/>s created during the run (seen by listeners) and the connections
/// and their public services (weak references).
/// </summary>
internal sealed class ConnectionLeak(ScaleHost host, TextWriter output)
{
    public const int Connections = 1000;
    public static readonly TimeSpan HandlerLifetime = TimeSpan.FromSeconds(1);

    // IHttpClientFactory checks expired handlers every 10 s and frees one once no client holds it.
    private static readonly TimeSpan Settle = HandlerLifetime + TimeSpan.FromSeconds(11.5);
    private const int WarmUpConnections = 16;

    /// <summary>Run first, in a fresh process: later phases leave pools and caches that shrink over time and would blur the baseline.</summary>
    public async Task<LeakFigures> RunAsync()
    {
        // First-use costs (JIT, static caches, the factory's own state) are paid by a few connections whose handlers then expire.
        var factory = host.BuildConnectionFactory(HandlerLifetime);
        var warmUp = Enumerable.Range(0, WarmUpConnections).Select(i => $"warm-up-{i}").ToList();
        await CreateUseRemoveAsync(factory, warmUp, new WeakReference[warmUp.Count * 4]);
        await SettleAsync(Stopwatch.StartNew());

        // Everything the measurement itself keeps is allocated before the baseline: names, weak references, listener pools.
        var names = Enumerable.Range(0, Connections).Select(i => $"tenant-{i:D4}").ToList();
        var services = Enumerable.Range(0, Connections * 4).Select(_ => new WeakReference(null)).ToArray();
        var sources = new Tracker(Connections * 8);
        var meters = new Tracker(Connections * 8);
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source =>
            {
                sources.Track(source);
                return false;
            },
        };
        ActivitySource.AddActivityListener(activityListener);
        using var meterListener = new MeterListener { InstrumentPublished = (instrument, _) => meters.Track(instrument.Meter) };
        meterListener.Start();

        var baseline = ScaleHost.LiveHeap();
        sources.Recording = meters.Recording = true;
        var clock = Stopwatch.StartNew();
        var correct = await CreateUseRemoveAsync(factory, names, services);
        var created = clock.Elapsed;
        var afterRemove = ScaleHost.LiveHeap();
        sources.Recording = meters.Recording = false;
        sources.Forget();
        meters.Forget();
        await SettleAsync(clock);

        var after = ScaleHost.LiveHeap();
        var figures = new LeakFigures(
            Connections,
            correct,
            (after - baseline) / (double)Connections,
            (afterRemove - baseline) / (double)Connections,
            services.Count(w => w.IsAlive),
            sources.Created,
            sources.AliveByName(s => ((ActivitySource)s).Name),
            meters.Created,
            meters.AliveByName(m => ((Meter)m).Name),
            created,
            clock.Elapsed - created);
        GC.KeepAlive(activityListener);
        GC.KeepAlive(meterListener);
        GC.KeepAlive(names);
        output.WriteLine($"  {Connections:N0} connections created, called ({correct:N0} correct) and removed in {created.TotalSeconds:0.0} s; waited {figures.Waited.TotalSeconds:0.0} s " +
            $"(handler lifetime {HandlerLifetime.TotalSeconds:0} s + the factory's 10 s cleanup)");
        output.WriteLine($"  live heap: baseline {Mb(baseline)}, right after removal {Mb(afterRemove)} ({figures.BytesPerConnectionBeforeLifetime:N0} B/connection), " +
            $"after the lifetime {Mb(after)} ({figures.BytesPerConnection:N0} B/connection)");
        output.WriteLine($"  alive after: {figures.ServicesAlive:N0} of {services.Length:N0} connection objects (connection, Actions, Bulk, Invoker); " +
            $"ActivitySources {Describe(figures.SourcesCreated, figures.SourcesAlive)}; Meters {Describe(figures.MetersCreated, figures.MetersAlive)}");
        return figures;
    }

    /// <summary>Waits out the handler lifetime and the factory's cleanup from <paramref name="since"/>, with full collections every half second.</summary>
    private static async Task SettleAsync(Stopwatch since)
    {
        var start = since.Elapsed;
        while (since.Elapsed - start < Settle)
        {
            await Task.Delay(500);
            ScaleHost.LiveHeap();
        }
    }

    private async Task<int> CreateUseRemoveAsync(IEntraConnectionFactory factory, List<string> names, WeakReference[] services)
    {
        var connections = new EntraConnection[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            connections[i] = factory.GetOrCreateConnection(names[i], o =>
            {
                o.GraphBaseUrl = new Uri(ScaleHost.GraphBaseUrl);
                o.Credential = host.Credential;
            });
            services[i * 4] = Track(services[i * 4], connections[i]);
            services[(i * 4) + 1] = Track(services[(i * 4) + 1], connections[i].Actions);
            services[(i * 4) + 2] = Track(services[(i * 4) + 2], connections[i].Bulk);
            services[(i * 4) + 3] = Track(services[(i * 4) + 3], connections[i].Invoker);
        }

        var correct = 0;
        foreach (var connection in connections)
        {
            var result = await connection.Actions.LookupUserAsync(ScaleHost.UserId);
            correct += result.Value?.Id == ScaleHost.UserId ? 1 : 0;
        }

        foreach (var name in names)
        {
            await factory.RemoveConnectionAsync(name);
        }

        return correct;
    }

    private static WeakReference Track(WeakReference? slot, object target)
    {
        slot ??= new WeakReference(null);
        slot.Target = target;
        return slot;
    }

    private static string Describe(int created, IReadOnlyDictionary<string, int> alive) =>
        $"created {created:N0}, alive {alive.Values.Sum():N0}" + (alive.Count == 0 ? string.Empty : " (" + string.Join(", ", alive.Select(p => $"{p.Key} x{p.Value:N0}")) + ")");

    private static string Mb(long bytes) => $"{bytes / 1048576.0:0.00} MB";

    /// <summary>Weak references to objects seen while recording, from a pool allocated up front.</summary>
    private sealed class Tracker(int capacity)
    {
        private readonly WeakReference[] _pool = [.. Enumerable.Range(0, capacity).Select(_ => new WeakReference(null))];
        private readonly HashSet<object> _seen = new(capacity, ReferenceEqualityComparer.Instance);
        private int _count;

        public bool Recording { get; set; }

        public int Created => _count;

        public void Track(object target)
        {
            lock (_pool)
            {
                // The set holds strong references only while recording; it is cleared before the objects are checked.
                if (Recording && _count < _pool.Length && _seen.Add(target))
                {
                    _pool[_count++].Target = target;
                }
            }
        }

        public SortedDictionary<string, int> AliveByName(Func<object, string> name)
        {
            var alive = new SortedDictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < _count; i++)
            {
                if (_pool[i].Target is { } target)
                {
                    alive[name(target)] = alive.GetValueOrDefault(name(target)) + 1;
                }
            }

            return alive;
        }

        public void Forget()
        {
            lock (_pool)
            {
                _seen.Clear();
            }
        }
    }
}

/// <summary>Leftovers of removed connections: heap per connection (after the handler lifetime, and right after removal), objects still alive.</summary>
internal sealed record LeakFigures(
    int Connections,
    int Correct,
    double BytesPerConnection,
    double BytesPerConnectionBeforeLifetime,
    int ServicesAlive,
    int SourcesCreated,
    IReadOnlyDictionary<string, int> SourcesAlive,
    int MetersCreated,
    IReadOnlyDictionary<string, int> MetersAlive,
    TimeSpan CreateUseRemove,
    TimeSpan Waited)
{
    public int ObjectsAlive => ServicesAlive + SourcesAlive.Values.Sum() + MetersAlive.Values.Sum();

    public bool Verified => Correct == Connections;
}
