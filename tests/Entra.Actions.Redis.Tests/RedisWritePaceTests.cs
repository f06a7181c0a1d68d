using System.Globalization;
using Entra.Actions.Redis.Internal;
using Entra.Actions.Redis.Tests.Support;

namespace Entra.Actions.Redis.Tests;

/// <summary>
/// The store's write pace on a real Redis, following the in-process pacer's sequences on the real clock (so bounds are
/// coarse): measured from the first throttle, probed up on success, backed off on a throttle, capped at the caller's
/// budget, forgotten when the key expires a quota window after the last throttle.
/// </summary>
public sealed class RedisWritePaceTests : IClassFixture<RedisServer>, IDisposable
{
    private static readonly EntraThrottleScope Scope = new("tenant-1", "app-1");
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);
    private readonly RedisServer _redis;
    private readonly string _prefix = $"t{Guid.NewGuid():N}:";
    private readonly RedisThrottleStore _store;

    public RedisWritePaceTests(RedisServer redis)
    {
        _redis = redis;
        _store = new RedisThrottleStore(new EntraRedisThrottlingOptions { ConnectionString = redis.ConnectionString, KeyPrefix = _prefix });
    }

    private string WritesKey => $"{_prefix}tenant-1:app-1:writes";

    public void Dispose() => _store.Dispose();

    // The least of the 100 ms start hold that can be left after `elapsed` (measured from before the call that started it),
    // less 5 ms for the two clocks' granularity. Asserting "more than zero" instead fails whenever the machine stalls 100 ms.
    private static TimeSpan StartHoldLeft(TimeSpan elapsed) =>
        TimeSpan.FromMilliseconds(Math.Max(0, 100 - elapsed.TotalMilliseconds - 5));

    [Fact]
    public async Task RecordWritesAsync_BeforeAnyThrottle_DoesNotPace()
    {
        await _store.RecordWritesAsync(Scope, succeeded: 20, throttled: 0);

        (await RedisProbe.KeysAsync(_redis, _prefix + "*")).Should().BeEmpty("nothing is known until Graph throttles");
        (await _store.ReserveWritesAsync(Scope, 20, Budget)).Should().Be(TimeSpan.Zero);
        (await _store.ReserveWritesAsync(Scope, 20, Budget)).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public async Task RecordWritesAsync_AfterAThrottle_MeasuresTheRefillRateAndSpacesReservations()
    {
        var sinceRecord = System.Diagnostics.Stopwatch.StartNew();
        await _store.RecordWritesAsync(Scope, succeeded: 10, throttled: 10);
        var hold = await _store.ReserveWritesAsync(Scope, 10, Budget);
        hold.Should().BeLessThanOrEqualTo(
            TimeSpan.FromMilliseconds(100), "the bucket is known empty and no rate is measured yet: new writes hold for the start hold only");
        hold.Should().BeGreaterThanOrEqualTo(StartHoldLeft(sinceRecord.Elapsed), "the hold runs from the throttle (on a loaded machine it may be over)");

        await Task.Delay(1000);
        await _store.RecordWritesAsync(Scope, succeeded: 20, throttled: 0);

        var rate = await RateAsync();
        rate.Should().BeLessThanOrEqualTo((20 * 1.001) + 0.01, "20 writes succeeded in at least a second after the bucket ran dry, plus the probe");
        rate.Should().BeGreaterThan(20 * 1.001 / 4, "even on a loaded machine the second is not four");
        (await _store.ReserveWritesAsync(Scope, 10, Budget)).Should().Be(TimeSpan.Zero, "the first slot is now");
        var second = await _store.ReserveWritesAsync(Scope, 10, Budget);
        second.Should().BeGreaterThan(TimeSpan.FromSeconds(10 / rate) - TimeSpan.FromSeconds(1)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(10 / rate));
    }

    [Fact]
    public async Task ReserveWritesAsync_BucketFoundEmptyNoRateYet_HoldsNewWritesForTheStartHoldOnly()
    {
        var sinceReport = System.Diagnostics.Stopwatch.StartNew();
        await _store.ReportQuotaUsedUpAsync(Scope);

        var first = await _store.ReserveWritesAsync(Scope, 20, Budget);
        var elapsed = sinceReport.Elapsed;
        var capped = await _store.ReserveWritesAsync(Scope, 20, TimeSpan.FromMilliseconds(1));
        await Task.Delay(150);
        var after = await _store.ReserveWritesAsync(Scope, 20, Budget);

        first.Should().BeLessThanOrEqualTo(TimeSpan.FromMilliseconds(100));
        first.Should().BeGreaterThanOrEqualTo(StartHoldLeft(elapsed), "the hold runs from the report (on a loaded machine it may be over)");
        capped.Should().BeLessThanOrEqualTo(TimeSpan.FromMilliseconds(1), "never longer than the caller's budget");
        after.Should().Be(TimeSpan.Zero, "past the hold, writes go until a rate is measured");
    }

    [Fact]
    public async Task RecordWritesAsync_ThrottledAfterMeasuring_BacksOff()
    {
        await _store.RecordWritesAsync(Scope, succeeded: 0, throttled: 5);
        await Task.Delay(200);
        await _store.RecordWritesAsync(Scope, succeeded: 20, throttled: 0);
        var measured = await RateAsync();

        await _store.RecordWritesAsync(Scope, succeeded: 0, throttled: 5);

        (await RateAsync()).Should().BeLessThanOrEqualTo((measured * 0.9) + 0.001);
    }

    [Fact]
    public async Task RecordWritesAsync_LongIdleWithinTheWindow_KeepsAFloorOfOneWritePerSecond()
    {
        await _store.RecordWritesAsync(Scope, succeeded: 0, throttled: 1);
        await Task.Delay(1100);
        await _store.RecordWritesAsync(Scope, succeeded: 1, throttled: 1);

        (await RateAsync()).Should().Be(1, "under a write per second measured, backed off, floored at one");
    }

    [Fact]
    public async Task ReserveWritesAsync_SlotFurtherThanTheBudget_WaitsAtMostTheBudget()
    {
        await _store.RecordWritesAsync(Scope, succeeded: 0, throttled: 1);
        await Task.Delay(1100);
        await _store.RecordWritesAsync(Scope, succeeded: 1, throttled: 1); // one write per second

        (await _store.ReserveWritesAsync(Scope, 20, TimeSpan.FromSeconds(5))).Should().Be(TimeSpan.Zero);
        var second = await _store.ReserveWritesAsync(Scope, 20, TimeSpan.FromSeconds(5));

        second.Should().BeGreaterThan(TimeSpan.FromSeconds(3)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(5), "the 20-write slot (about 20 s away) is capped at the 5 s budget");
    }

    [Fact]
    public async Task RecordWritesAsync_Throttled_KeepsThePaceForAQuotaWindowFromTheLastThrottleOnly()
    {
        await _store.RecordWritesAsync(Scope, succeeded: 0, throttled: 1);
        var first = await TimeToLiveAsync();
        first.Should().BeGreaterThan(TimeSpan.FromSeconds(140)).And.BeLessThanOrEqualTo(RedisThrottleScripts.QuietReset);

        await Task.Delay(1100);
        await _store.RecordWritesAsync(Scope, succeeded: 5, throttled: 0);
        await _store.ReserveWritesAsync(Scope, 5, Budget);
        var afterSuccess = await TimeToLiveAsync();
        afterSuccess.Should().BeLessThan(first - TimeSpan.FromSeconds(0.5), "successes and reservations do not keep a pace alive");

        await _store.RecordWritesAsync(Scope, succeeded: 0, throttled: 1);
        (await TimeToLiveAsync()).Should().BeGreaterThan(afterSuccess + TimeSpan.FromSeconds(0.5), "a throttled write does");
    }

    [Fact]
    public async Task ReportQuotaUsedUpAsync_TwiceThenSuccesses_MeasuresFromTheFirstReport()
    {
        await _store.ReportQuotaUsedUpAsync(Scope);
        var first = await TimeToLiveAsync();
        first.Should().BeGreaterThan(TimeSpan.FromSeconds(140));
        await Task.Delay(500);
        await _store.ReportQuotaUsedUpAsync(Scope);
        (await TimeToLiveAsync()).Should().BeLessThan(first - TimeSpan.FromSeconds(0.3), "like the in-process pacer, a report while measuring changes nothing");

        await _store.RecordWritesAsync(Scope, succeeded: 10, throttled: 0);

        var rate = await RateAsync();
        rate.Should().BeLessThanOrEqualTo((10 / 0.5 * 1.001) + 0.01, "the measurement started at the first report, at least half a second ago");
    }

    [Fact]
    public async Task ReserveWritesAsync_ConcurrentlyFromTwoNodes_OneScheduleAtTheSharedRate()
    {
        using var other = new RedisThrottleStore(new EntraRedisThrottlingOptions { ConnectionString = _redis.ConnectionString, KeyPrefix = _prefix });
        await _store.GetPauseAsync(Scope); // both connected, so the reservations go out together
        await other.GetPauseAsync(Scope);
        await SetRateAsync(10);

        var waits = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? _store : other).ReserveWritesAsync(Scope, 1, Budget).AsTask()));

        // Twenty one-write slots at 10 writes/s span about 1.9 s whichever node asked; calls a few ms apart shave a little off.
        waits.Max().Should().BeGreaterThan(TimeSpan.FromSeconds(1.4)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(1.9));
        waits.Distinct().Should().HaveCount(20, "no two reservations share a slot");
    }

    /// <summary>Puts a measured rate in place directly (what a node's throttled writes would have left).</summary>
    private async Task SetRateAsync(double rate)
    {
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var database = connection.GetDatabase();
        await database.HashSetAsync(WritesKey, [new("since", 0), new("succ", 0), new("rate", rate)]);
        await database.KeyExpireAsync(WritesKey, TimeSpan.FromSeconds(150));
    }

    private async Task<double> RateAsync()
    {
        var hash = await RedisProbe.HashAsync(_redis, WritesKey);
        hash.Should().ContainKey("rate");
        return double.Parse(hash["rate"], CultureInfo.InvariantCulture);
    }

    private async Task<TimeSpan> TimeToLiveAsync() =>
        await RedisProbe.TimeToLiveAsync(_redis, WritesKey) ?? throw new InvalidOperationException($"{WritesKey} has no time to live.");
}
