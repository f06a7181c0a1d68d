using System.Diagnostics;
using System.Net;
using Entra.Actions.Telemetry.Internal;

namespace Entra.Actions.Tests.Telemetry;

[Collection(TelemetryListeners.Name)]
public sealed class ActionCallTests
{
    [Fact]
    public void CorrelationId_ReadFromConcurrentStepsOfAnUntracedCall_IsOneId()
    {
        for (var round = 0; round < 200; round++)
        {
            using var call = ActionCall.Start("entra.bulk_remove_members_from_group", connectionName: null);
            using var start = new Barrier(4);
            var ids = new string[4];
            var readers = Enumerable.Range(0, 4).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                ids[i] = call.CorrelationId;
            })).ToList();
            readers.ForEach(reader => reader.Start());
            readers.ForEach(reader => reader.Join());

            ids.Distinct().Should().ContainSingle("every item of one call carries the same correlation id (round {0})", round);
            call.CorrelationId.Should().Be(ids[0]);
        }
    }

    [Fact]
    public void Start_Traced_OneActivityNamedByCatalogIdWithActionAndConnectionTags()
    {
        using var trace = new TraceCapture();

        using (var call = ActionCall.Start("entra.add_user_to_group", "contoso"))
        {
            call.Activity.Should().NotBeNull();
            call.CorrelationId.Should().Be(trace.Root.TraceId.ToHexString());
        }

        var activity = trace.Activities.Should().ContainSingle().Subject;
        activity.OperationName.Should().Be("entra.add_user_to_group");
        activity.DisplayName.Should().Be("entra.add_user_to_group");
        activity.Source.Name.Should().Be("Entra.Actions");
        activity.Kind.Should().Be(ActivityKind.Internal);
        activity.ParentSpanId.Should().Be(trace.Root.SpanId, "the action's activity is a child of the host's current one");
        activity.GetTagItem("entra.action").Should().Be("entra.add_user_to_group");
        activity.GetTagItem("entra.connection").Should().Be("contoso");
        activity.GetTagItem("entra.dry_run").Should().BeNull();
    }

    [Fact]
    public void Start_NoConnectionNameAndDryRun_NoConnectionTagAndDryRunTag()
    {
        using var trace = new TraceCapture();

        using (ActionCall.Start("entra.remove_member_from_group", connectionName: null, isDryRun: true))
        {
        }

        var activity = trace.Activities.Should().ContainSingle().Subject;
        activity.TagObjects.Select(t => t.Key).Should().NotContain("entra.connection");
        activity.GetTagItem("entra.dry_run").Should().Be(true);
    }

    [Fact]
    public void Start_Always_IsCurrentWithA32HexCorrelationId()
    {
        using var call = ActionCall.Start(UniqueActionId(), "contoso");

        ActionCall.Current.Should().BeSameAs(call);
        call.CorrelationId.Should().MatchRegex("^[0-9a-f]{32}$", "a trace id when traced, a new id otherwise");
    }

    [Fact]
    public void Succeeded_Outcome_TagsOutcomeOkStatusAndRecordsDurationByActionAndOutcome()
    {
        using var trace = new TraceCapture();
        using var metrics = new MetricCapture();
        var action = UniqueActionId();

        using (var call = ActionCall.Start(action, "contoso"))
        {
            call.Succeeded(nameof(MembershipOutcome.AlreadyMember));
        }

        var activity = trace.Activities.Should().ContainSingle().Subject;
        activity.GetTagItem("entra.outcome").Should().Be("AlreadyMember");
        activity.GetTagItem("error.type").Should().BeNull();
        activity.Status.Should().Be(ActivityStatusCode.Ok);

        var duration = metrics.Of("entra.action.duration").Should().ContainSingle(m => Equals(m.Tags["entra.action"], action)).Subject;
        duration.Value.Should().BeGreaterThanOrEqualTo(0).And.BeLessThan(10, "seconds, not milliseconds or ticks");
        duration.Tags.Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["entra.action"] = action,
            ["entra.outcome"] = "AlreadyMember",
        });
    }

    [Fact]
    public void Failed_GraphError_TagsFailedErrorTypeGraphRequestIdAndErrorStatus()
    {
        using var trace = new TraceCapture();
        using var metrics = new MetricCapture();
        var action = UniqueActionId();
        var error = new EntraActionError(EntraErrorKind.NotFound, "No such user.") { StatusCode = 404, RequestId = "a1b2c3d4-0000-4000-8000-000000000404" };

        using (var call = ActionCall.Start(action, "contoso"))
        {
            ActionCall.RecordRequestId(Answer("a1b2c3d4-0000-4000-8000-000000000001"));
            call.Failed(error);
        }

        var activity = trace.Activities.Should().ContainSingle().Subject;
        activity.GetTagItem("entra.outcome").Should().Be("Failed");
        activity.GetTagItem("error.type").Should().Be("NotFound");
        activity.GetTagItem("entra.graph.request_id").Should().Be(error.RequestId, "the failing answer's id is the one support needs");
        activity.Status.Should().Be(ActivityStatusCode.Error);
        activity.StatusDescription.Should().Be("NotFound", "the kind, not the message (which can name the input)");

        metrics.Of("entra.action.duration").Should().ContainSingle(m => Equals(m.Tags["entra.action"], action))
            .Which.Tags.Should().BeEquivalentTo(new Dictionary<string, object?>
            {
                ["entra.action"] = action,
                ["entra.outcome"] = "Failed",
                ["error.type"] = "NotFound",
            });
    }

    [Fact]
    public void Failed_ErrorWithoutRequestId_TagsTheLastRequestIdRecorded()
    {
        using var trace = new TraceCapture();

        using (var call = ActionCall.Start(UniqueActionId(), "contoso"))
        {
            ActionCall.RecordRequestId(Answer("first"));
            ActionCall.RecordRequestId(Answer("second"));
            call.Failed(new EntraActionError(EntraErrorKind.InvalidInput, "Not an id."));
        }

        trace.Activities.Should().ContainSingle().Which.GetTagItem("entra.graph.request_id").Should().Be("second");
    }

    [Fact]
    public void Succeeded_AfterRequests_TagsTheLastRequestId()
    {
        using var trace = new TraceCapture();

        using (var call = ActionCall.Start(UniqueActionId(), null))
        {
            ActionCall.RecordRequestId(Answer("read"));
            ActionCall.RecordRequestId(Answer("write"));
            call.Succeeded(nameof(MembershipOutcome.Added));
            call.RequestIds.Should().Equal("read", "write");
        }

        trace.Activities.Should().ContainSingle().Which.GetTagItem("entra.graph.request_id").Should().Be("write");
    }

    [Fact]
    public void Cancelled_TagsErrorTypeCancelled()
    {
        using var trace = new TraceCapture();

        using (var call = ActionCall.Start(UniqueActionId(), null))
        {
            call.Cancelled();
        }

        var activity = trace.Activities.Should().ContainSingle().Subject;
        activity.GetTagItem("error.type").Should().Be("Cancelled");
        activity.GetTagItem("entra.outcome").Should().Be("Failed");
    }

    [Fact]
    public void RecordRequestId_ManyRequests_KeepsTheFirst31AndTheLatest()
    {
        using var call = ActionCall.Start(UniqueActionId(), null);

        for (var i = 0; i < 40; i++)
        {
            ActionCall.RecordRequestId(Answer($"id-{i}"));
        }

        call.RequestIds.Should().HaveCount(32);
        call.RequestIds.Take(31).Should().Equal(Enumerable.Range(0, 31).Select(i => $"id-{i}"));
        call.RequestIds[^1].Should().Be("id-39");
    }

    [Fact]
    public void RecordRequestId_RepeatedEmptyOrOverlongIds_KeepsEachValidIdOnce()
    {
        using var call = ActionCall.Start(UniqueActionId(), null);

        ActionCall.RecordRequestId(Answer("same"));
        ActionCall.RecordRequestId(Answer("same"));
        ActionCall.RecordRequestId(Answer(new string('x', 65)));
        ActionCall.RecordRequestId(new HttpResponseMessage(HttpStatusCode.OK));
        ActionCall.RecordRequestId(Answer(new string('y', 64)));

        call.RequestIds.Should().Equal("same", new string('y', 64));
    }

    [Fact]
    public void RecordRequestId_NoCallInProgress_IsIgnored()
    {
        ActionCall.Current.Should().BeNull();

        var record = () => ActionCall.RecordRequestId(Answer("orphan"));

        record.Should().NotThrow();
    }

    [Fact]
    public async Task RecordRequestId_ConcurrentStepsUnderOneCall_AllRecordedIntoThatCall()
    {
        using var call = ActionCall.Start(UniqueActionId(), null);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => ActionCall.RecordRequestId(Answer($"step-{i}")))));

        call.RequestIds.Should().BeEquivalentTo(Enumerable.Range(0, 20).Select(i => $"step-{i}"));
    }

    [Fact]
    public void Start_Nested_InnerIsCurrentAndChildActivityThenOuterIsRestored()
    {
        using var trace = new TraceCapture();
        var before = ActionCall.Current;

        using (var outer = ActionCall.Start("entra.bulk_add_users_to_group", "contoso"))
        {
            ActionCall.Current.Should().BeSameAs(outer);
            using (var inner = ActionCall.Start("entra.add_user_to_group", "contoso"))
            {
                ActionCall.Current.Should().BeSameAs(inner);
                inner.Activity!.ParentSpanId.Should().Be(outer.Activity!.SpanId);
                ActionCall.RecordRequestId(Answer("inner-request"));
            }

            ActionCall.Current.Should().BeSameAs(outer);
            outer.RequestIds.Should().BeEmpty("the inner call's requests are its own");
        }

        ActionCall.Current.Should().BeSameAs(before);
        trace.Activities.Select(a => a.OperationName).Should().Equal("entra.add_user_to_group", "entra.bulk_add_users_to_group");
    }

    [Fact]
    public void Dispose_Twice_RestoresTheOuterCallOnlyOnce()
    {
        using var outer = ActionCall.Start(UniqueActionId(), null);
        var inner = ActionCall.Start(UniqueActionId(), null);
        inner.Dispose();
        using var next = ActionCall.Start(UniqueActionId(), null);

        inner.Dispose();

        ActionCall.Current.Should().BeSameAs(next, "a second dispose of an ended call must not undo a later call");
    }

    [Fact]
    public async Task Start_InsideAnAwaitedMethod_DoesNotLeakIntoTheCaller()
    {
        using var outer = ActionCall.Start(UniqueActionId(), null);

        var seenInside = await Task.Run(() =>
        {
            var leaked = ActionCall.Start(UniqueActionId(), null); // never disposed on purpose
            return leaked;
        });

        ActionCall.Current.Should().BeSameAs(outer);
        seenInside.Should().NotBeSameAs(outer);
        await Task.Run(() => ActionCall.Current.Should().BeSameAs(outer, "the current call flows into work started under it"));
    }

    private static string UniqueActionId() => "test." + Guid.NewGuid().ToString("N");

    private static HttpResponseMessage Answer(string requestId)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("request-id", requestId);
        return response;
    }
}
