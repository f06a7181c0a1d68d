using System.Diagnostics;
using Entra.Actions.Audit.Internal;
using Entra.Actions.Tests.Actions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Moq;
using static Entra.Actions.Tests.TestData;

namespace Entra.Actions.Tests.Audit;

public sealed class AuditTrailTests : IDisposable
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(5);

    private readonly ManualResetEventSlim _release = new();
    private readonly FakeLogger<AuditTrail> _logger = new();

    public void Dispose()
    {
        _release.Set();
        _release.Dispose();
    }

    /// <summary>Add and Remove with the capturing sink and <paramref name="sink"/>; a hanging sink gets the short timeout (the capturing sink then has it too, so its events are not asserted).</summary>
    private GuardrailHarness Harness(IEntraAuditSink sink, bool hangs = false)
    {
        var h = new GuardrailHarness(extraSinks: [sink], auditSinkTimeout: hangs ? ShortTimeout : Generous, auditLogger: _logger);
        h.Directory.SetupGroup(SecurityGroup());
        h.Directory.SetupUser();
        h.Directory.Setup(d => d.AddGroupMemberAsync(GroupId, UserId, It.IsAny<CancellationToken>())).ReturnsAsync(EntraActionResult.Success(MembershipOutcome.Added));
        return h;
    }

    [Fact]
    public async Task Publish_SinkThrows_ActionSucceedsOtherSinksGetTheEventAndFailureIsLogged()
    {
        var h = Harness(new ThrowingSink());

        var result = await h.Add.ExecuteAsync(UserId, GroupId);

        result.Value!.Outcome.Should().Be(MembershipOutcome.Added);
        h.SingleEvent().Outcome.Should().Be(MembershipOutcome.Added);
        var record = _logger.Collector.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 7001).Subject;
        record.Level.Should().Be(LogLevel.Warning);
        record.Message.Should().Contain(nameof(ThrowingSink)).And.Contain(nameof(InvalidOperationException)).And.NotContain("sink exploded");
    }

    [Fact]
    public async Task Publish_SinkThrowsSynchronously_ActionSucceeds()
    {
        var h = Harness(new SyncThrowingSink());

        var result = await h.Add.ExecuteAsync(UserId, GroupId);

        result.Succeeded.Should().BeTrue();
        _logger.Collector.GetSnapshot().Should().Contain(r => r.Id.Id == 7001);
    }

    [Fact]
    public async Task Publish_SinkBlocksSynchronouslyIgnoringCancellation_ActionReturnsAndTimeoutIsLogged()
    {
        var h = Harness(new BlockingSink(_release), hangs: true);
        var watch = Stopwatch.StartNew();

        var result = await h.Add.ExecuteAsync(UserId, GroupId);

        watch.Elapsed.Should().BeLessThan(Generous);
        result.Value!.Outcome.Should().Be(MembershipOutcome.Added);
        var record = _logger.Collector.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 7002 && r.Message.Contains(nameof(BlockingSink))).Subject;
        record.Level.Should().Be(LogLevel.Warning);
        record.Message.Should().Contain(nameof(BlockingSink)).And.Contain("100 ms");
    }

    [Fact]
    public async Task Publish_SinkHangsAsynchronouslyIgnoringCancellation_ActionReturnsAndIsCancelled()
    {
        var sink = new HangingSink();
        var h = Harness(sink, hangs: true);
        var watch = Stopwatch.StartNew();

        var result = await h.Add.ExecuteAsync(UserId, GroupId);

        watch.Elapsed.Should().BeLessThan(Generous);
        result.Succeeded.Should().BeTrue();
        _logger.Collector.GetSnapshot().Should().Contain(r => r.Id.Id == 7002 && r.Message.Contains(nameof(HangingSink)));
        (await sink.TokenSeen.Task.WaitAsync(Generous)).IsCancellationRequested.Should().BeTrue();
    }

    [Fact]
    public async Task Publish_SinkHangsOnEveryCall_EachCallStillReturnsAndOnlyOneThreadIsHeld()
    {
        var h = Harness(new BlockingSink(_release), hangs: true);
        h.SetupIsMember(true);
        var watch = Stopwatch.StartNew();

        (await h.Add.ExecuteAsync(UserId, GroupId)).Succeeded.Should().BeTrue();
        (await h.Add.ExecuteAsync(UserId, GroupId, GuardrailHarness.DryRun)).Succeeded.Should().BeTrue();
        (await h.Remove.ExecuteAsync("..", GroupId)).Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);

        watch.Elapsed.Should().BeLessThan(Generous);
        var records = _logger.Collector.GetSnapshot();
        records.Count(r => r.Id.Id == 7002 && r.Message.Contains(nameof(BlockingSink))).Should().Be(1, "the first call waits out the deadline");
        records.Count(r => r.Id.Id == 7005 && r.Message.Contains(nameof(BlockingSink))).Should().Be(2, "while that run still hangs, the sink is skipped instead of blocking another thread");
    }

    [Fact]
    public async Task LogAuditSink_WritesEventId7000InTheAuditCategoryWithStructuredValues()
    {
        using var provider = new FakeLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(provider).SetMinimumLevel(LogLevel.Trace));
        var sink = new LogAuditSink(factory);
        var auditEvent = new EntraAuditEvent
        {
            Timestamp = DateTimeOffset.UtcNow,
            ConnectionName = "contoso",
            TenantId = "tenant-1",
            ActingIdentity = "app-1",
            ActionId = "entra.add_user_to_group",
            UserId = UserId,
            UserPrincipalName = Upn,
            GroupId = GroupId,
            GroupDisplayName = "Finance",
            ErrorKind = EntraErrorKind.PolicyDenied,
            ErrorMessage = "refused",
            PolicyRule = "ProtectedGroupIds",
            GraphRequestIds = ["r-1", "r-2"],
            Duration = TimeSpan.FromMilliseconds(42),
            IsDryRun = true,
            CorrelationId = "corr-1",
        };

        await sink.WriteAsync(auditEvent);

        var record = provider.Collector.GetSnapshot().Should().ContainSingle().Subject;
        record.Id.Id.Should().Be(7000);
        record.Category.Should().Be("Entra.Actions.Audit");
        record.Level.Should().Be(LogLevel.Information);
        record.StructuredState.Should().Contain(
        [
            new("ActionId", "entra.add_user_to_group"),
            new("Result", "PolicyDenied"),
            new("DryRun", " (dry run)"),
            new("UserId", UserId),
            new("UserPrincipalName", Upn),
            new("GroupId", GroupId),
            new("GroupDisplayName", "Finance"),
            new("ActingIdentity", "app-1"),
            new("TenantId", "tenant-1"),
            new("ConnectionName", "contoso"),
            new("PolicyRule", "ProtectedGroupIds"),
            new("GraphRequestIds", "r-1 r-2"),
            new("DurationMs", "42"),
            new("CorrelationId", "corr-1"),
        ]);
    }

    [Fact]
    public async Task LogAuditSink_Success_WritesTheOutcome()
    {
        using var provider = new FakeLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(provider));

        await new LogAuditSink(factory).WriteAsync(new EntraAuditEvent
        {
            Timestamp = DateTimeOffset.UtcNow,
            ActionId = "entra.remove_member_from_group",
            Outcome = MembershipOutcome.NotAMember,
            CorrelationId = "c",
        });

        var record = provider.Collector.GetSnapshot().Should().ContainSingle().Subject;
        record.StructuredState.Should().Contain(new KeyValuePair<string, string?>("Result", "NotAMember"));
        record.StructuredState.Should().Contain(new KeyValuePair<string, string?>("DryRun", string.Empty));
    }

    private sealed class ThrowingSink : IEntraAuditSink
    {
        public async ValueTask WriteAsync(EntraAuditEvent auditEvent, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            throw new InvalidOperationException("sink exploded");
        }
    }

    private sealed class SyncThrowingSink : IEntraAuditSink
    {
        public ValueTask WriteAsync(EntraAuditEvent auditEvent, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("sink exploded");
    }

    /// <summary>Blocks its thread (as Thread.Sleep would) and ignores the cancellation, until the test ends.</summary>
    private sealed class BlockingSink(ManualResetEventSlim release) : IEntraAuditSink
    {
        public ValueTask WriteAsync(EntraAuditEvent auditEvent, CancellationToken cancellationToken = default)
        {
            release.Wait(TimeSpan.FromSeconds(30), CancellationToken.None);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class HangingSink : IEntraAuditSink
    {
        public TaskCompletionSource<CancellationToken> TokenSeen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask WriteAsync(EntraAuditEvent auditEvent, CancellationToken cancellationToken = default)
        {
            var never = new TaskCompletionSource();
            using (cancellationToken.Register(() => TokenSeen.TrySetResult(cancellationToken)))
            {
                await never.Task;
            }
        }
    }
}
