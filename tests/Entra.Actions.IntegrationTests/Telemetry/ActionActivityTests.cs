using System.Diagnostics;
using Entra.Actions.IntegrationTests.Support;
using Entra.Actions.Tests.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.IntegrationTests.Telemetry;

/// <summary>One activity per single action call, named by its catalog id, with its tags, against the emulator.</summary>
public abstract class ActionActivityTests : EmulatorTestBase
{
    private const string UnknownUserId = "0bad0000-0000-4000-8000-00000000f00d";

    [Fact]
    public async Task LookupUser_Found_OneActivitySucceededWithTheGraphRequestId()
    {
        using var trace = new TraceCapture();
        using var metrics = new MetricCapture();

        var result = await Actions.LookupUserAsync(DemoTenant.AdeleVanceId);

        result.Succeeded.Should().BeTrue(result.ToString());
        var activity = trace.Activities.Should().ContainSingle().Subject;
        activity.OperationName.Should().Be("entra.lookup_user");
        activity.Source.Name.Should().Be("Entra.Actions");
        activity.GetTagItem("entra.action").Should().Be("entra.lookup_user");
        activity.GetTagItem("entra.outcome").Should().Be("Succeeded");
        activity.GetTagItem("error.type").Should().BeNull();
        activity.GetTagItem("entra.connection").Should().BeNull("the services of AddEntraActions are no named connection");
        activity.GetTagItem("entra.graph.request_id").Should().Be(Emulator.Journal.For("GET", "/users/").Single().RequestId);
        activity.Status.Should().Be(ActivityStatusCode.Ok);
        metrics.Of("entra.action.duration").Should().ContainSingle().Which.Tags.Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["entra.action"] = "entra.lookup_user",
            ["entra.outcome"] = "Succeeded",
        });
    }

    [Fact]
    public async Task LookupGroup_Found_OneActivityNamedByItsCatalogId()
    {
        using var trace = new TraceCapture();

        var result = await Actions.LookupGroupAsync(DemoTenant.ProjectFalconGroupId);

        result.Succeeded.Should().BeTrue(result.ToString());
        var activity = trace.Activities.Should().ContainSingle().Subject;
        activity.OperationName.Should().Be("entra.lookup_group");
        activity.GetTagItem("entra.action").Should().Be("entra.lookup_group");
        activity.GetTagItem("entra.outcome").Should().Be("Succeeded");
        activity.GetTagItem("entra.graph.request_id").Should().BeOneOf(Emulator.Journal.Entries.Select(e => (object)e.RequestId));
    }

    [Fact]
    public async Task AddThenRemove_Member_ActivitiesCarryTheMembershipOutcomeAndTheWritesRequestId()
    {
        using var trace = new TraceCapture();
        using var metrics = new MetricCapture();

        var added = await Actions.AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.ProjectFalconGroupId);
        var again = await Actions.AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.ProjectFalconGroupId);
        var removed = await Actions.RemoveMemberFromGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.ProjectFalconGroupId);

        added.Value!.Outcome.Should().Be(MembershipOutcome.Added, added.ToString());
        again.Value!.Outcome.Should().Be(MembershipOutcome.AlreadyMember, again.ToString());
        removed.Value!.Outcome.Should().Be(MembershipOutcome.Removed, removed.ToString());
        var activities = trace.Activities;
        activities.Select(a => a.OperationName).Should().Equal("entra.add_user_to_group", "entra.add_user_to_group", "entra.remove_member_from_group");
        activities.Select(a => a.GetTagItem("entra.action")).Should().Equal("entra.add_user_to_group", "entra.add_user_to_group", "entra.remove_member_from_group");
        activities.Select(a => a.GetTagItem("entra.outcome")).Should().Equal("Added", "AlreadyMember", "Removed");
        activities.Should().OnlyContain(a => a.Status == ActivityStatusCode.Ok);
        activities[0].GetTagItem("entra.graph.request_id").Should().Be(
            Emulator.Journal.For("POST", $"/groups/{DemoTenant.ProjectFalconGroupId}/members/$ref")[0].RequestId, "the write is the call's last request");
        activities[2].GetTagItem("entra.graph.request_id").Should().Be(
            Emulator.Journal.For("DELETE", $"/groups/{DemoTenant.ProjectFalconGroupId}/members/").Single().RequestId);
        metrics.Of("entra.action.duration").Select(m => (m.Tags["entra.action"], m.Tags["entra.outcome"])).Should().Equal(
            ("entra.add_user_to_group", "Added"), ("entra.add_user_to_group", "AlreadyMember"), ("entra.remove_member_from_group", "Removed"));
    }

    [Fact]
    public async Task QueryActions_EachCall_OneActivityNamedByItsCatalogIdWithItsOutcome()
    {
        using var trace = new TraceCapture();
        using var metrics = new MetricCapture();

        (await Queries.SearchUsersAsync("Adele")).Succeeded.Should().BeTrue();
        (await Queries.FindGroupAsync("Retail Team")).Succeeded.Should().BeTrue();
        (await Queries.ListGroupMembersAsync(DemoTenant.SalesAndMarketingGroupId, transitive: true)).Succeeded.Should().BeTrue();
        (await Queries.CheckMembershipAsync(DemoTenant.AdeleVanceUpn, DemoTenant.SalesAndMarketingGroupId)).Succeeded.Should().BeTrue();
        (await Queries.ListUserGroupsAsync(DemoTenant.AdeleVanceId)).Succeeded.Should().BeTrue();
        (await Queries.FindGroupAsync("no such group")).Error!.Kind.Should().Be(EntraErrorKind.NotFound);

        string[] ids = ["entra.search_users", "entra.find_group", "entra.list_group_members", "entra.check_membership", "entra.list_user_groups", "entra.find_group"];
        var activities = trace.Activities;
        activities.Select(a => a.OperationName).Should().Equal(ids);
        activities.Select(a => a.GetTagItem("entra.action")).Should().Equal(ids);
        activities.Select(a => a.GetTagItem("entra.outcome")).Should().Equal("Succeeded", "Succeeded", "Succeeded", "Succeeded", "Succeeded", "Failed");
        activities[^1].GetTagItem("error.type").Should().Be("NotFound");
        activities[^1].Status.Should().Be(ActivityStatusCode.Error);
        metrics.Of("entra.action.duration").Select(m => m.Tags["entra.action"]).Should().Equal(ids);
    }

    [Fact]
    public async Task LookupUser_NotFound_FailedWithErrorTypeAndTheFailingAnswersRequestId()
    {
        using var trace = new TraceCapture();
        using var metrics = new MetricCapture();

        var result = await Actions.LookupUserAsync(UnknownUserId);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        var activity = trace.Activities.Should().ContainSingle().Subject;
        activity.GetTagItem("entra.outcome").Should().Be("Failed");
        activity.GetTagItem("error.type").Should().Be("NotFound");
        activity.GetTagItem("entra.graph.request_id").Should().Be(result.Error.RequestId).And.NotBeNull();
        activity.Status.Should().Be(ActivityStatusCode.Error);
        activity.StatusDescription.Should().Be("NotFound");
        metrics.Of("entra.action.duration").Should().ContainSingle().Which.Tags.Should().BeEquivalentTo(new Dictionary<string, object?>
        {
            ["entra.action"] = "entra.lookup_user",
            ["entra.outcome"] = "Failed",
            ["error.type"] = "NotFound",
        });
    }

    [Fact]
    public async Task AddUserToGroup_InvalidGroupId_FailedInvalidInputWithoutARequest()
    {
        using var trace = new TraceCapture();

        var result = await Actions.AddUserToGroupAsync(DemoTenant.AdeleVanceId, "not-a-guid");

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        Emulator.Journal.Count.Should().Be(0);
        var activity = trace.Activities.Should().ContainSingle().Subject;
        activity.OperationName.Should().Be("entra.add_user_to_group");
        activity.GetTagItem("error.type").Should().Be("InvalidInput");
        activity.GetTagItem("entra.outcome").Should().Be("Failed");
        activity.GetTagItem("entra.graph.request_id").Should().BeNull("no request was sent");
    }

    [Fact]
    public async Task AddUserToGroup_DryRun_ActivityTaggedDryRunWithTheWouldBeOutcomeAndNoWrite()
    {
        using var trace = new TraceCapture();

        var result = await Actions.AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.ProjectFalconGroupId, new EntraWriteOptions { DryRun = true });

        result.Value!.Outcome.Should().Be(MembershipOutcome.Added, result.ToString());
        result.Value.IsDryRun.Should().BeTrue();
        Emulator.Journal.Writes().Should().BeEmpty();
        var activity = trace.Activities.Should().ContainSingle().Subject;
        activity.OperationName.Should().Be("entra.add_user_to_group");
        activity.GetTagItem("entra.dry_run").Should().Be(true);
        activity.GetTagItem("entra.outcome").Should().Be("Added");
    }

    [Fact]
    public async Task AddUserToGroup_ProtectedGroup_FailedWithErrorTypePolicyDenied()
    {
        var actions = Harness.CreateActions(Permissions.Connection, o => o.Policy.ProtectedGroupIds.Add(DemoTenant.ProjectFalconGroupId));
        using var trace = new TraceCapture();
        using var metrics = new MetricCapture();

        var result = await actions.AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.ProjectFalconGroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        var activity = trace.Activities.Should().ContainSingle().Subject;
        activity.GetTagItem("entra.outcome").Should().Be("Failed");
        activity.GetTagItem("error.type").Should().Be("PolicyDenied");
        metrics.Of("entra.action.duration").Should().ContainSingle().Which.Tags["error.type"].Should().Be("PolicyDenied");
    }

    [Fact]
    public async Task LookupUser_CancelledWhileGraphIsSlow_ActivityAndDurationTaggedCancelled()
    {
        using var trace = new TraceCapture();
        using var metrics = new MetricCapture();
        Emulator.Faults.AddLatency(TimeSpan.FromSeconds(10), 1, "GET", "/users/*");
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var call = () => Actions.LookupUserAsync(DemoTenant.AdeleVanceId, cancellation.Token);

        await call.Should().ThrowAsync<OperationCanceledException>();
        var activity = trace.Activities.Should().ContainSingle().Subject;
        activity.GetTagItem("error.type").Should().Be("Cancelled");
        activity.Status.Should().Be(ActivityStatusCode.Error);
        metrics.Of("entra.action.duration").Should().ContainSingle().Which.Tags["error.type"].Should().Be("Cancelled");
    }

    [Fact]
    public async Task LookupUser_Two429sThenSuccess_CountersAreTaggedWithTheAction()
    {
        using var trace = new TraceCapture();
        using var metrics = new MetricCapture();
        Emulator.Faults.FailNext(2, 429, "GET", "/users/*", retryAfter: "0.05");

        var result = await Actions.LookupUserAsync(DemoTenant.AdeleVanceId);

        result.Succeeded.Should().BeTrue(result.ToString());
        metrics.Sum("entra.graph.throttled", "entra.action", "entra.lookup_user").Should().Be(2);
        metrics.Sum("entra.graph.retries", "entra.action", "entra.lookup_user").Should().Be(2);
        trace.Activities.Should().ContainSingle().Which.GetTagItem("entra.graph.request_id")
            .Should().Be(Emulator.Journal.For("GET", "/users/")[^1].RequestId, "the answer that counted is the last one");
    }

    [Fact]
    public async Task NamedConnection_Actions_TagTheConnectionName()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEntraConnections(o =>
        {
            if (Harness.Host == EmulatorHost.InProcess)
            {
                o.ConfigureHttpClient = (_, builder) => builder.ConfigurePrimaryHttpMessageHandler(Emulator.CreateHandler);
            }
        });
        await using var provider = services.BuildServiceProvider();
        var connection = provider.GetRequiredService<IEntraConnectionFactory>().GetOrCreateConnection("contoso-hr", o =>
        {
            o.GraphBaseUrl = Harness.BaseUrl;
            o.Credential = EmulatorCredential.ForApplication(Permissions.Connection);
        });
        using var trace = new TraceCapture();

        (await connection.Actions.LookupUserAsync(DemoTenant.AdeleVanceId)).Succeeded.Should().BeTrue();
        (await connection.Actions.AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.ProjectFalconGroupId)).Succeeded.Should().BeTrue();

        trace.Activities.Should().HaveCount(2).And.OnlyContain(a => Equals(a.GetTagItem("entra.connection"), "contoso-hr"));
    }

    [Collection(TelemetryListeners.Name)]
    public sealed class InProcess : ActionActivityTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    [Collection(TelemetryListeners.Name)]
    public sealed class Kestrel : ActionActivityTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }
}
