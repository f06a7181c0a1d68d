using System.Diagnostics;
using Entra.Actions.Tests.Telemetry;
using Entra.Actions.Throttling.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Entra.Actions.Tests.Throttling;

// One class: the fallback counter is process-wide, and these are the only tests that make a store fail.
public sealed class SharedThrottleTests
{
    private const string Fallbacks = "entra.throttle.store.fallbacks";
    private static readonly EntraThrottleScope Scope = new("7a1c1d2e-0000-4000-8000-00000000c0de", "11111111-2222-4333-8444-555555555555");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly FakeLogger _logger = new();

    [Fact]
    public async Task NoStore_AnswersUnknownWithoutCounting()
    {
        using var metrics = new MetricCapture();

        SharedThrottle.None.Enabled.Should().BeFalse();
        (await SharedThrottle.None.ReserveWritesAsync(Scope, 20, TimeSpan.FromSeconds(1), CancellationToken.None)).Should().BeNull();
        (await SharedThrottle.None.GetPauseAsync(Scope, CancellationToken.None)).Should().Be(TimeSpan.Zero);
        metrics.Sum(Fallbacks).Should().Be(0);
    }

    [Fact]
    public async Task StoreAnswers_PassesItsAnswersOn()
    {
        var store = new MemoryThrottleStore(_time) { ReservationWait = TimeSpan.FromMilliseconds(300) };
        var shared = Create(store);

        await shared.PauseAsync(Scope, TimeSpan.FromSeconds(5), CancellationToken.None);

        (await shared.GetPauseAsync(Scope, CancellationToken.None)).Should().Be(TimeSpan.FromSeconds(5));
        (await shared.ReserveWritesAsync(Scope, 20, TimeSpan.FromSeconds(1), CancellationToken.None)).Should().Be(TimeSpan.FromMilliseconds(300));
        (await shared.ReserveWritesAsync(Scope, 20, TimeSpan.FromMilliseconds(100), CancellationToken.None)).Should().Be(TimeSpan.FromMilliseconds(100), "a wait is never longer than asked");
        _logger.Collector.Count.Should().Be(0);
    }

    [Fact]
    public async Task StoreThrows_FallsBackWarnsOnceCountsAndSkipsTheStoreUntilTheRetryInterval()
    {
        using var metrics = new MetricCapture();
        var store = new MemoryThrottleStore(_time) { Fail = new InvalidOperationException("connect failed to redis password=hunter2") };
        var shared = Create(store);

        (await shared.ReserveWritesAsync(Scope, 20, TimeSpan.FromSeconds(1), CancellationToken.None)).Should().BeNull();
        (await shared.GetPauseAsync(Scope, CancellationToken.None)).Should().Be(TimeSpan.Zero);
        await shared.PauseAsync(Scope, TimeSpan.FromSeconds(3), CancellationToken.None);

        store.Calls.Should().HaveCount(1, "after a failure the store is not asked again within the retry interval");
        metrics.Sum(Fallbacks, ThrottleCounters.ReasonTag, ThrottleCounters.ErrorReason).Should().Be(1);
        metrics.Sum(Fallbacks, ThrottleCounters.ReasonTag, ThrottleCounters.SkippedReason).Should().Be(2);
        var warning = _logger.Collector.GetSnapshot().Should().ContainSingle().Subject;
        warning.Level.Should().Be(LogLevel.Warning);
        warning.Id.Id.Should().Be(8000);
        warning.Message.Should().Contain(nameof(MemoryThrottleStore)).And.Contain(nameof(InvalidOperationException)).And.NotContain("hunter2");

        _time.Advance(TimeSpan.FromSeconds(5));
        await shared.GetPauseAsync(Scope, CancellationToken.None);
        store.Calls.Should().HaveCount(2, "the retry interval has passed");
        _logger.Collector.GetSnapshot().Should().HaveCount(1, "one warning per outage");

        store.Fail = null;
        _time.Advance(TimeSpan.FromSeconds(5));
        (await shared.ReserveWritesAsync(Scope, 20, TimeSpan.FromSeconds(1), CancellationToken.None)).Should().Be(TimeSpan.Zero);
        var restored = _logger.Collector.LatestRecord;
        restored.Id.Id.Should().Be(8001);
        restored.Level.Should().Be(LogLevel.Information);
    }

    [Fact]
    public async Task StoreHangsIgnoringItsToken_ReturnsWithinTheOperationTimeout()
    {
        using var metrics = new MetricCapture();
        var store = new MemoryThrottleStore(TimeProvider.System) { Hang = true };
        var shared = new SharedThrottle(store, new EntraThrottleStoreOptions { OperationTimeout = TimeSpan.FromMilliseconds(100) }, TimeProvider.System, _logger);

        var watch = Stopwatch.StartNew();
        var answer = await shared.ReserveWritesAsync(Scope, 20, TimeSpan.FromSeconds(1), CancellationToken.None);

        answer.Should().BeNull();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        metrics.Sum(Fallbacks, ThrottleCounters.ReasonTag, ThrottleCounters.TimeoutReason).Should().Be(1);
    }

    [Fact]
    public async Task StoreTimesOut_OnceIsNotAnOutageButThreeInARowAre()
    {
        using var metrics = new MetricCapture();
        var store = new MemoryThrottleStore(TimeProvider.System) { Hang = true };
        var shared = new SharedThrottle(store, new EntraThrottleStoreOptions { OperationTimeout = TimeSpan.FromMilliseconds(20) }, TimeProvider.System, _logger);

        await shared.GetPauseAsync(Scope, CancellationToken.None);
        store.Hang = false;
        await shared.GetPauseAsync(Scope, CancellationToken.None);
        store.Hang = true;
        await shared.GetPauseAsync(Scope, CancellationToken.None);
        await shared.GetPauseAsync(Scope, CancellationToken.None);

        store.Calls.Should().HaveCount(4, "a slow answer between good ones does not stop the store being asked");
        _logger.Collector.Count.Should().Be(0);

        await shared.GetPauseAsync(Scope, CancellationToken.None); // the third timeout in a row
        await shared.GetPauseAsync(Scope, CancellationToken.None);

        store.Calls.Should().HaveCount(5, "after three timeouts in a row the store is left alone for the retry interval");
        _logger.Collector.LatestRecord.Id.Id.Should().Be(8000);
        _logger.Collector.LatestRecord.Message.Should().Contain("timeout");
        metrics.Sum(Fallbacks, ThrottleCounters.ReasonTag, ThrottleCounters.TimeoutReason).Should().Be(4);
        metrics.Sum(Fallbacks, ThrottleCounters.ReasonTag, ThrottleCounters.SkippedReason).Should().Be(1);
    }

    [Fact]
    public async Task CallerCancels_CancellationEscapesAndIsNoFallback()
    {
        using var metrics = new MetricCapture();
        var store = new MemoryThrottleStore(TimeProvider.System) { Hang = true };
        var shared = new SharedThrottle(store, new EntraThrottleStoreOptions { OperationTimeout = TimeSpan.FromSeconds(10) }, TimeProvider.System, _logger);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var call = async () => await shared.GetPauseAsync(Scope, cancellation.Token);

        await call.Should().ThrowAsync<OperationCanceledException>();
        metrics.Sum(Fallbacks).Should().Be(0);
        _logger.Collector.Count.Should().Be(0);
    }

    private SharedThrottle Create(IEntraThrottleStore store) => new(store, new EntraThrottleStoreOptions(), _time, _logger);
}
