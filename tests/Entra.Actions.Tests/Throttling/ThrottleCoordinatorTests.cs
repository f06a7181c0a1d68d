using Entra.Actions.Tests.TestSupport;
using Entra.Actions.Throttling.Internal;
using Microsoft.Extensions.Time.Testing;

namespace Entra.Actions.Tests.Throttling;

public sealed class ThrottleCoordinatorTests
{
    private const string Tenant = "7a1c1d2e-0000-4000-8000-00000000c0de";
    private const string App = "11111111-2222-4333-8444-555555555555";
    private static readonly EntraThrottleScope AppScope = new(Tenant, App);
    private static readonly EntraThrottleScope UserScope = new(Tenant, App, ThrottleScopes.UserKey(Tenant, "99999999-8888-4777-8666-555555555555"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task WaitAsync_AnotherNodeWasTold_WaitsForTheSharedPause()
    {
        var store = new MemoryThrottleStore(_time);
        var nodeA = Node(store, AppScope);
        var nodeB = Node(store, AppScope);

        await nodeA.PauseAsync(TimeSpan.FromSeconds(2));
        var waiting = nodeB.WaitAsync(CancellationToken.None).AsTask();
        await Task.Delay(50);

        waiting.IsCompleted.Should().BeFalse("node B never saw a 429, but the budget is shared");
        _time.Advance(TimeSpan.FromSeconds(1.9));
        await Task.Delay(50);
        waiting.IsCompleted.Should().BeFalse();
        _time.Advance(TimeSpan.FromSeconds(0.2));
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        nodeB.Gate.ResumeAt.Should().Be(_time.GetUtcNow() - TimeSpan.FromSeconds(0.1), "node B's own gate held the pause it learned");
    }

    [Fact]
    public async Task WaitAsync_NoTokenSeenYet_DoesNotAskTheStore()
    {
        var store = new MemoryThrottleStore(_time);
        var node = Node(store, scope: null);

        await node.WaitAsync(CancellationToken.None);
        await node.PauseAsync(TimeSpan.FromSeconds(1));

        store.Calls.Should().BeEmpty();
        node.Gate.ResumeAt.Should().Be(_time.GetUtcNow() + TimeSpan.FromSeconds(1), "the connection still pauses itself");
    }

    [Fact]
    public async Task PauseAsync_DelegatedToken_PausesTheUsersBudgetOnly()
    {
        var store = new MemoryThrottleStore(_time);
        var user = Node(store, UserScope);
        var otherUser = Node(store, new EntraThrottleScope(Tenant, App, ThrottleScopes.UserKey(Tenant, "00000000-1111-4222-8333-444444444444")));

        await user.PauseAsync(TimeSpan.FromSeconds(3));

        store.Calls.Should().Equal($"pause {UserScope} 3");
        await otherUser.WaitAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task PaceAsync_StoreAnswers_WaitsTheSharedSlotForTheApplicationBudget()
    {
        var store = new MemoryThrottleStore(_time) { ReservationWait = TimeSpan.FromMilliseconds(300) };
        var node = Node(store, UserScope);

        var pacing = node.PaceAsync(20, TimeSpan.FromSeconds(10), CancellationToken.None).AsTask();
        await Task.Delay(50);

        pacing.IsCompleted.Should().BeFalse("the local pacer has never been throttled, but the cluster's pace applies");
        store.Calls.Should().Equal($"reserve {AppScope} 20");
        _time.Advance(TimeSpan.FromMilliseconds(300));
        await pacing.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task PaceAsync_StoreFails_PacesWithWhatTheConnectionLearned()
    {
        var store = new MemoryThrottleStore(_time) { Fail = new TimeoutException("redis") };
        var node = Node(store, AppScope);
        await node.RecordAsync(0, 5); // the bucket is empty from here
        _time.Advance(TimeSpan.FromSeconds(1));
        await node.RecordAsync(10, 0); // 10 writes refilled in a second

        await node.PaceAsync(10, TimeSpan.FromSeconds(10), CancellationToken.None); // the first slot is now
        var second = node.PaceAsync(10, TimeSpan.FromSeconds(10), CancellationToken.None).AsTask();
        await Task.Delay(50);

        node.Pacer.RatePerSecond.Should().BeApproximately(10.01, 0.01);
        second.IsCompleted.Should().BeFalse("the local pace holds while the store is down");
        _time.Advance(TimeSpan.FromSeconds(1));
        await second.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task RecordAsync_FeedsTheConnectionAndTheStore()
    {
        var store = new MemoryThrottleStore(_time);
        var node = Node(store, UserScope);

        await node.RecordAsync(18, 2);
        await node.RecordAsync(0, 0);

        store.Calls.Should().Equal($"record {AppScope} 18/2");
        node.Pacer.RatePerSecond.Should().BeNull("the first throttled round only starts the measurement");
    }

    [Fact]
    public async Task ObserveUsage_AtTheLimit_TellsTheStoreAtMostOnceASecondAndBelowItNever()
    {
        var store = new MemoryThrottleStore(_time);
        var node = Node(store, AppScope);

        node.ObserveUsage(0.95);
        node.ObserveUsage(1.2);
        node.ObserveUsage(1.0);
        await Eventually.UntilAsync(() => store.Calls.Count >= 1);
        await Task.Delay(50);

        store.Calls.Should().Equal([$"usedup {AppScope}"], "one report a second is enough to start the shared measurement");
        _time.Advance(TimeSpan.FromSeconds(1));
        node.ObserveUsage(1.1);
        await Eventually.UntilAsync(() => store.Calls.Count >= 2);
        store.Calls.Should().Equal($"usedup {AppScope}", $"usedup {AppScope}");
    }

    [Fact]
    public async Task PauseAsync_CallerGoneAndStoreSlow_PausesTheConnectionAtOnce()
    {
        var store = new MemoryThrottleStore(TimeProvider.System) { Hang = true };
        var node = new ThrottleCoordinator(new ThrottleGate(_time), new WritePacer(_time), _time,
            new SharedThrottle(store, new EntraThrottleStoreOptions { OperationTimeout = TimeSpan.FromMilliseconds(50) }, TimeProvider.System, null), new FixedScope(AppScope));

        var pausing = node.PauseAsync(TimeSpan.FromSeconds(2)).AsTask();

        node.Gate.ResumeAt.Should().Be(_time.GetUtcNow() + TimeSpan.FromSeconds(2), "the connection holds before the store is even asked");
        await pausing.WaitAsync(TimeSpan.FromSeconds(5)); // the store's answer is bounded, and nothing to cancel
        store.Calls.Should().Equal($"pause {AppScope} 2");
    }

    [Fact]
    public async Task WaitAsync_StoreAnswersAnAbsurdPause_HoldsAtMostTheLongestRetryDuration()
    {
        var store = new AbsurdPauseStore();
        var node = new ThrottleCoordinator(new ThrottleGate(_time), new WritePacer(_time), _time,
            new SharedThrottle(store, new EntraThrottleStoreOptions(), _time, null), new FixedScope(AppScope));

        var waiting = node.WaitAsync(CancellationToken.None).AsTask();
        await Task.Delay(50);

        waiting.IsCompleted.Should().BeFalse();
        node.Gate.ResumeAt.Should().Be(_time.GetUtcNow() + SharedThrottle.MaxPause, "a store's pause is capped, never an overflow");
        store.Pause = TimeSpan.Zero;
        _time.Advance(SharedThrottle.MaxPause);
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task NoStoreRegistered_BehavesAsTheConnectionAlone()
    {
        var node = new ThrottleCoordinator(new ThrottleGate(_time), new WritePacer(_time), _time, shared: null, new FixedScope(AppScope));

        await node.PauseAsync(TimeSpan.FromSeconds(1));
        await node.PaceAsync(20, TimeSpan.FromSeconds(1), CancellationToken.None);

        node.Gate.ResumeAt.Should().Be(_time.GetUtcNow() + TimeSpan.FromSeconds(1));
    }

    private ThrottleCoordinator Node(IEntraThrottleStore store, EntraThrottleScope? scope) => new(
        new ThrottleGate(_time), new WritePacer(_time), _time, new SharedThrottle(store, new EntraThrottleStoreOptions(), _time, null), new FixedScope(scope));

    private sealed class FixedScope(EntraThrottleScope? scope) : IThrottleScopeSource
    {
        public EntraThrottleScope? ThrottleScope => scope;
    }

    private sealed class AbsurdPauseStore : IEntraThrottleStore
    {
        public TimeSpan Pause { get; set; } = TimeSpan.MaxValue;

        public ValueTask PauseAsync(EntraThrottleScope scope, TimeSpan delay, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask<TimeSpan> GetPauseAsync(EntraThrottleScope scope, CancellationToken cancellationToken = default) => ValueTask.FromResult(Pause);

        public ValueTask<TimeSpan> ReserveWritesAsync(EntraThrottleScope scope, int writes, TimeSpan maxWait, CancellationToken cancellationToken = default) => ValueTask.FromResult(TimeSpan.Zero);

        public ValueTask RecordWritesAsync(EntraThrottleScope scope, int succeeded, int throttled, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask ReportQuotaUsedUpAsync(EntraThrottleScope scope, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}
