using Entra.Actions.IntegrationTests.Support;
using Entra.Actions.Tests.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.IntegrationTests.Telemetry;

/// <summary>One activity per bulk call, with its item counts, and <c>entra.bulk.items</c> by outcome, against the emulator.</summary>
public abstract class BulkActivityTests : EmulatorTestBase
{
    private const string UnknownUserId = "0bad0000-0000-4000-8000-00000000f00d";

    [Fact]
    public async Task AddUsersToGroup_TwoKnownOneUnknown_OneActivityWithItemCountsAndItemsCountedByOutcome()
    {
        var bulk = Harness.BuildProvider(Permissions.Connection).GetRequiredService<IEntraBulkActions>();
        using var trace = new TraceCapture();
        using var metrics = new MetricCapture();

        var result = await bulk.AddUsersToGroupAsync(DemoTenant.ProjectFalconGroupId, [DemoTenant.AdeleVanceId, DemoTenant.LeeGuId, UnknownUserId]);

        result.SucceededCount.Should().Be(2, result.ToString());
        var activity = trace.Activities.Should().ContainSingle().Subject;
        activity.OperationName.Should().Be("entra.bulk_add_users_to_group");
        activity.GetTagItem("entra.action").Should().Be("entra.bulk_add_users_to_group");
        activity.GetTagItem("entra.bulk.items").Should().Be(3);
        activity.GetTagItem("entra.bulk.succeeded").Should().Be(2);
        activity.GetTagItem("entra.bulk.failed").Should().Be(1);
        metrics.Sum("entra.bulk.items", "entra.outcome", "Added").Should().Be(2);
        metrics.Sum("entra.bulk.items", "error.type", "NotFound").Should().Be(1);
        metrics.Of("entra.bulk.items").Should().OnlyContain(m => Equals(m.Tags["entra.action"], "entra.bulk_add_users_to_group"));
    }

    [Collection(TelemetryListeners.Name)]
    public sealed class InProcess : BulkActivityTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }
}
