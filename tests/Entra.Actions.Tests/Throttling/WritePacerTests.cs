using Entra.Actions.Throttling.Internal;
using Microsoft.Extensions.Time.Testing;

namespace Entra.Actions.Tests.Throttling;

public sealed class WritePacerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Record_BeforeAnyThrottle_DoesNotPace()
    {
        var pacer = new WritePacer(_time);

        pacer.Record(succeeded: 20, throttled: 0);

        pacer.RatePerSecond.Should().BeNull();
    }

    [Fact]
    public void Record_AfterAThrottle_MeasuresTheRefillRate()
    {
        var pacer = new WritePacer(_time);
        pacer.Record(succeeded: 10, throttled: 10);

        _time.Advance(TimeSpan.FromSeconds(1));
        pacer.Record(succeeded: 20, throttled: 0);

        pacer.RatePerSecond.Should().BeApproximately(20 * 1.001, 0.01, "20 writes succeeded in the second after the bucket ran dry, plus the probe");
    }

    [Fact]
    public void Record_QuietForAWholeQuotaWindow_ForgetsTheMeasurement()
    {
        var pacer = new WritePacer(_time);
        pacer.Record(succeeded: 0, throttled: 5);
        _time.Advance(TimeSpan.FromSeconds(1));
        pacer.Record(succeeded: 20, throttled: 0);
        pacer.RatePerSecond.Should().NotBeNull();

        _time.Advance(WritePacer.QuietReset + TimeSpan.FromSeconds(1));
        pacer.Record(succeeded: 0, throttled: 1);

        pacer.RatePerSecond.Should().BeNull("a day-old measurement must not throttle today's first 429 to nothing; measuring starts again");
    }

    [Fact]
    public void Record_EvenAfterLongIdleWithinTheWindow_KeepsAFloor()
    {
        var pacer = new WritePacer(_time);
        pacer.Record(succeeded: 0, throttled: 1);
        _time.Advance(TimeSpan.FromSeconds(120));
        pacer.Record(succeeded: 1, throttled: 1);

        pacer.RatePerSecond.Should().BeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task PaceAsync_BucketFoundEmptyNoRateYet_HoldsNewWritesForTheStartHoldOnly()
    {
        var pacer = new WritePacer(_time);
        await pacer.PaceAsync(20, TimeSpan.FromSeconds(5), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)); // nothing known: no wait
        pacer.ObserveUsage(1.0);
        _time.Advance(TimeSpan.FromMilliseconds(40));

        var held = pacer.PaceAsync(20, TimeSpan.FromSeconds(5), CancellationToken.None);
        await Task.Delay(50);
        held.IsCompleted.Should().BeFalse("the bucket is empty and no rate is measured: new writes hold");
        _time.Advance(TimeSpan.FromMilliseconds(60));
        await held.WaitAsync(TimeSpan.FromSeconds(5));

        await pacer.PaceAsync(20, TimeSpan.FromSeconds(5), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)); // past the hold
        pacer.RatePerSecond.Should().BeNull();
    }

    [Fact]
    public async Task PaceAsync_SlotFurtherThanTheBudget_WaitsAtMostTheBudget()
    {
        var pacer = new WritePacer(_time);
        pacer.Record(succeeded: 0, throttled: 1);
        _time.Advance(TimeSpan.FromSeconds(120));
        pacer.Record(succeeded: 1, throttled: 1); // about 1 write/s

        await pacer.PaceAsync(20, TimeSpan.FromSeconds(5), CancellationToken.None);
        var second = pacer.PaceAsync(20, TimeSpan.FromSeconds(5), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(5));
        await second.WaitAsync(TimeSpan.FromSeconds(10));

        second.IsCompletedSuccessfully.Should().BeTrue("the 20-write slot (about 20 s away) is capped at the 5 s budget");
    }
}
