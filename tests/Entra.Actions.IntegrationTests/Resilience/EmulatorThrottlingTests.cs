using Entra.Actions.IntegrationTests.Support;

namespace Entra.Actions.IntegrationTests.Resilience;

/// <summary>Against the emulator's own token buckets rather than injected faults.</summary>
public abstract class EmulatorThrottlingTests : EmulatorTestBase
{
    [Fact]
    public async Task LookupUser_BurstOverResourceUnitQuota_AllSucceedAfterRetries()
    {
        var throttling = Emulator.Options.Throttling;
        throttling.Enabled = true;
        throttling.ResourceUnitQuota = 4;
        throttling.TimeScale = 50; // the 10 s window lasts 0.2 s
        throttling.RetryAfterFormat = RetryAfterFormat.FractionalSeconds;
        var actions = Harness.CreateActions(Permissions.Connection, o => o.MaxRetryAttempts = 10);

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => actions.LookupUserAsync(DemoTenant.AdeleVanceId)));

        results.Should().OnlyContain(r => r.Succeeded);
        Emulator.Journal.Entries.Should().Contain(e => e.StatusCode == 429, "the burst exceeds the quota");
        Emulator.Journal.Entries.Count(e => e.StatusCode == 200).Should().Be(12);
    }

    [Fact]
    public async Task LookupUser_RetryAfterBeyondMaxRetryDuration_ThrottledWithoutWaiting()
    {
        var throttling = Emulator.Options.Throttling;
        throttling.Enabled = true;
        throttling.ResourceUnitQuota = 1; // refills over 10 s: Retry-After is several seconds
        var actions = Harness.CreateActions(Permissions.Connection, o => o.MaxRetryDuration = TimeSpan.FromSeconds(1));

        var first = await actions.LookupUserAsync(DemoTenant.AdeleVanceId);
        var second = await actions.LookupUserAsync(DemoTenant.AdeleVanceId);

        first.Succeeded.Should().BeTrue(first.ToString());
        second.Succeeded.Should().BeFalse();
        second.Error!.Kind.Should().Be(EntraErrorKind.Throttled);
        second.Error.StatusCode.Should().Be(429);
        second.Error.GraphErrorCode.Should().Be("TooManyRequests");
        second.Error.RetryAfter.Should().BeGreaterThan(TimeSpan.FromSeconds(1));
        Emulator.Journal.Entries.Select(e => e.StatusCode).Should().Equal(200, 429);
    }

    protected override GraphEmulator CreateEmulator() => new();

    public sealed class InProcess : EmulatorThrottlingTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    public sealed class Kestrel : EmulatorThrottlingTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }
}
