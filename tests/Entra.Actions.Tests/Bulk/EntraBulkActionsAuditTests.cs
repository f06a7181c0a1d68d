using System.Diagnostics;
using System.Diagnostics.Metrics;
using Entra.Actions.Tests.Audit;
using static Entra.Actions.Tests.Bulk.BulkFixture;
using static Entra.Actions.Tests.TestData;

namespace Entra.Actions.Tests.Bulk;

/// <summary>The audit trail and telemetry of bulk calls: one event per distinct item, one activity per call, items counted by outcome.</summary>
public class EntraBulkActionsAuditTests
{
    private readonly BulkFixture _fx = new();
    private readonly CapturingAuditSink _sink = new();

    public EntraBulkActionsAuditTests() => _fx.AuditSinks.Add(_sink);

    [Fact]
    public async Task AddUsersToGroupAsync_MixedItems_OneEventPerDistinctItemWithOneCorrelationId()
    {
        var ids = Ids(3);
        _fx.Members.Add(ids[1]);
        _fx.Missing.Add(Id(50));
        _fx.Upns["grady@contoso.com"] = Id(60);

        await _fx.Create().AddUsersToGroupAsync(GroupId, [ids[0], ids[1], ids[2], Id(50), "..", ids[0].ToUpperInvariant(), "grady@contoso.com", "nobody@contoso.com"]);

        var events = _sink.Events;
        var unresolved = events[^1];
        unresolved.ErrorKind.Should().Be(EntraErrorKind.NotFound);
        unresolved.UserId.Should().BeNull("a userPrincipalName that was never resolved is not an object id");
        unresolved.UserPrincipalName.Should().Be("nobody@contoso.com");
        events = [.. events.Take(6)];
        events.Should().HaveCount(6, "the duplicate has no event of its own");
        events.Select(e => e.CorrelationId).Distinct().Should().ContainSingle();
        events.Should().OnlyContain(e => e.ActionId == EntraBulkActionMetadata.AddUsersToGroupId && e.GroupId == GroupId && e.GroupDisplayName == "Sec" && !e.IsDryRun);
        events.Select(e => e.UserId).Should().Equal(ids[0], ids[1], ids[2], Id(50), null, Id(60));
        events.Select(e => e.Outcome).Should().Equal(MembershipOutcome.Added, MembershipOutcome.AlreadyMember, MembershipOutcome.Added, null, null, MembershipOutcome.Added);
        events[3].ErrorKind.Should().Be(EntraErrorKind.NotFound);
        events[3].GraphRequestIds.Should().Equal(RequestId);
        events[4].ErrorKind.Should().Be(EntraErrorKind.InvalidInput);
        events[5].UserPrincipalName.Should().Be(Upn, "the userPrincipalName comes from the user read");
        events.Select(e => e.Duration).Distinct().Should().ContainSingle("every item reports the call's duration");
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_DryRun_EventsAreMarkedDryRun()
    {
        var ids = Ids(2);
        _fx.Members.Add(ids[0]);

        await _fx.Create().RemoveMembersFromGroupAsync(GroupId, ids, new BulkOptions { DryRun = true });

        _sink.Events.Should().HaveCount(2).And.OnlyContain(e => e.IsDryRun);
        _sink.Events.Select(e => e.Outcome).Should().Equal(MembershipOutcome.Removed, MembershipOutcome.NotAMember);
    }

    [Fact]
    public async Task AddUsersToGroupAsync_Denials_EventsNameTheRule()
    {
        _fx.Options.Policy.RefuseGuests = true;
        var ids = Ids(2);
        _fx.Guests.Add(ids[1]);

        await _fx.Create().AddUsersToGroupAsync(GroupId, ids);

        _sink.Events[0].PolicyRule.Should().BeNull();
        _sink.Events[1].ErrorKind.Should().Be(EntraErrorKind.PolicyDenied);
        _sink.Events[1].PolicyRule.Should().Be("RefuseGuests");
    }

    [Fact]
    public async Task AddUsersToGroupAsync_ProtectedGroup_EveryItemAuditedWithTheGroupRule()
    {
        _fx.Options.Policy.ProtectedGroupIds = [GroupId];

        await _fx.Create().AddUsersToGroupAsync(GroupId, Ids(3));

        _sink.Events.Should().HaveCount(3).And.OnlyContain(e => e.ErrorKind == EntraErrorKind.PolicyDenied && e.PolicyRule == "ProtectedGroupIds" && e.UserId != null);
    }

    [Fact]
    public async Task AddUsersToGroupAsync_OverMaxBulkItems_OneEventWithoutUser()
    {
        _fx.Options.Policy.MaxBulkItems = 2;

        await _fx.Create().AddUsersToGroupAsync(GroupId, Ids(5));

        var only = _sink.Events.Should().ContainSingle().Subject;
        only.UserId.Should().BeNull();
        only.GroupId.Should().Be(GroupId);
        only.PolicyRule.Should().Be("MaxBulkItems");
        only.ErrorKind.Should().Be(EntraErrorKind.PolicyDenied);
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_Cancelled_PublishesWhatWasDoneThenThrows()
    {
        using var cts = new CancellationTokenSource();
        var ids = Ids(60);
        _fx.Members.UnionWith(ids);
        var progress = new RecordingProgress(p =>
        {
            if (p.Completed == 20)
            {
                cts.Cancel();
            }
        });

        var act = () => _fx.Create().RemoveMembersFromGroupAsync(GroupId, ids, new BulkOptions { MaxConcurrency = 1, Progress = progress }, cts.Token);

        var partial = (await act.Should().ThrowAsync<BulkOperationCanceledException<MembershipChange>>()).Which.PartialResult;
        _sink.Events.Should().HaveCount(60);
        _sink.Events.Count(e => e.Outcome == MembershipOutcome.Removed).Should().Be(partial.SucceededCount).And.BeGreaterThanOrEqualTo(20);
        _sink.Events.Where(e => !e.Succeeded).Should().OnlyContain(e => e.ErrorKind == EntraErrorKind.Cancelled);
    }

    [Fact]
    public async Task LookupUsersAsync_IsARead_NoAuditEvent()
    {
        await _fx.Create().LookupUsersAsync(Ids(3));

        _sink.Events.Should().BeEmpty();
    }

    [Fact]
    public async Task AddUsersToGroupAsync_ThrowingAndHangingSinks_NeitherFailsNorBlocksTheCall()
    {
        _fx.Options.AuditSinkTimeout = TimeSpan.FromMilliseconds(100);
        _fx.AuditSinks.Insert(0, new ThrowingSink());
        _fx.AuditSinks.Insert(0, new HangingSink());
        var watch = Stopwatch.StartNew();

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, Ids(3));

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        result.AllSucceeded.Should().BeTrue();
        // On a loaded machine the well-behaved sink may start after the 100 ms the call waits; it still gets every event.
        var deadline = Stopwatch.StartNew();
        while (_sink.Events.Count < 3 && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        _sink.Events.Should().HaveCount(3, "a well-behaved sink still gets every event");
    }

    [Fact]
    public async Task AddUsersToGroupAsync_Traced_OneActivityWithItemCountsAndItemsCountedByOutcome()
    {
        var ids = Ids(4);
        _fx.Members.Add(ids[0]);
        _fx.Missing.Add(ids[3]);
        using var telemetry = new TelemetryCapture();

        await _fx.Create().AddUsersToGroupAsync(GroupId, ids);

        var activity = telemetry.Activities.Should().ContainSingle(a => a.OperationName == EntraBulkActionMetadata.AddUsersToGroupId).Subject;
        activity.GetTagItem("entra.bulk.items").Should().Be(4);
        activity.GetTagItem("entra.bulk.succeeded").Should().Be(3);
        activity.GetTagItem("entra.bulk.failed").Should().Be(1);
        activity.GetTagItem("entra.outcome").Should().Be("Completed");
        activity.GetTagItem("entra.action").Should().Be(EntraBulkActionMetadata.AddUsersToGroupId);
        telemetry.Items.Should().BeEquivalentTo(new Dictionary<string, long>
        {
            ["Added"] = 2,
            ["AlreadyMember"] = 1,
            ["Failed/NotFound"] = 1,
        });
        _sink.Events.Should().OnlyContain(e => e.CorrelationId == activity.TraceId.ToHexString(), "the events of a traced call carry its trace id");
    }

    [Fact]
    public async Task AddUsersToGroupAsync_RefusedWhole_ActivityFailsWithPolicyDenied()
    {
        _fx.Options.Policy.ProtectedGroupIds = [GroupId];
        using var telemetry = new TelemetryCapture();

        await _fx.Create().AddUsersToGroupAsync(GroupId, Ids(2), new BulkOptions { DryRun = true });

        var activity = telemetry.Activities.Should().ContainSingle().Subject;
        activity.Status.Should().Be(ActivityStatusCode.Error);
        activity.GetTagItem("error.type").Should().Be("PolicyDenied");
        activity.GetTagItem("entra.dry_run").Should().Be(true);
        telemetry.Items.Should().BeEquivalentTo(new Dictionary<string, long> { ["Failed/PolicyDenied"] = 2 });
    }

    [Fact]
    public async Task LookupUsersAsync_Traced_OneActivityWithItemCounts()
    {
        _fx.Missing.Add(Id(2));
        using var telemetry = new TelemetryCapture();

        await _fx.Create().LookupUsersAsync([Id(1), Id(2)]);

        var activity = telemetry.Activities.Should().ContainSingle(a => a.OperationName == EntraBulkActionMetadata.LookupUsersId).Subject;
        activity.GetTagItem("entra.bulk.items").Should().Be(2);
        activity.GetTagItem("entra.bulk.failed").Should().Be(1);
        telemetry.Items.Should().BeEquivalentTo(new Dictionary<string, long> { ["Succeeded"] = 1, ["Failed/NotFound"] = 1 });
    }

    private sealed class ThrowingSink : IEntraAuditSink
    {
        public ValueTask WriteAsync(EntraAuditEvent auditEvent, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the audit store is down");
    }

    private sealed class HangingSink : IEntraAuditSink
    {
        public async ValueTask WriteAsync(EntraAuditEvent auditEvent, CancellationToken cancellationToken = default) =>
            await new TaskCompletionSource().Task; // ignores cancellation and never ends
    }

    /// <summary>
    /// The activities and <c>entra.bulk.items</c> measurements of the calls made under one parent activity (tests run in
    /// parallel, so everything is filtered by that trace), items keyed "outcome" or "Failed/error type".
    /// </summary>
    internal sealed class TelemetryCapture : IDisposable
    {
        private readonly Activity _parent = new Activity("test").Start();
        private readonly ActivityListener _activities;
        private readonly MeterListener _meters = new();
        private readonly Lock _gate = new();
        private readonly List<Activity> _stopped = [];
        private readonly Dictionary<string, long> _items = [];

        public TelemetryCapture()
        {
            var trace = _parent.TraceId;
            _activities = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "Entra.Actions",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.TraceId == trace)
                    {
                        lock (_gate)
                        {
                            _stopped.Add(activity);
                        }
                    }
                },
            };
            ActivitySource.AddActivityListener(_activities);
            _meters.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Entra.Actions" && instrument.Name == "entra.bulk.items")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _meters.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                if (Activity.Current?.TraceId != trace)
                {
                    return;
                }

                string? outcome = null, errorType = null;
                foreach (var tag in tags)
                {
                    outcome = tag.Key == "entra.outcome" ? (string?)tag.Value : outcome;
                    errorType = tag.Key == "error.type" ? (string?)tag.Value : errorType;
                }

                var key = errorType is null ? outcome! : $"{outcome}/{errorType}";
                lock (_gate)
                {
                    _items[key] = _items.GetValueOrDefault(key) + value;
                }
            });
            _meters.Start();
        }

        public IReadOnlyList<Activity> Activities
        {
            get
            {
                lock (_gate)
                {
                    return [.. _stopped];
                }
            }
        }

        public IReadOnlyDictionary<string, long> Items
        {
            get
            {
                lock (_gate)
                {
                    return new Dictionary<string, long>(_items);
                }
            }
        }

        public void Dispose()
        {
            _meters.Dispose();
            _activities.Dispose();
            _parent.Dispose();
        }
    }
}
