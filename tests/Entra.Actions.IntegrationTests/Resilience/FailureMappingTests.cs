using Entra.Actions.IntegrationTests.Support;

namespace Entra.Actions.IntegrationTests.Resilience;

public abstract class FailureMappingTests : EmulatorTestBase
{
    [Fact]
    public async Task LookupUser_DroppedConnection_ServiceError()
    {
        // More drops than one: a pooled connection may be retried once by the socket handler itself.
        Emulator.Faults.DropConnection(10, "GET", "/users/*");

        var result = await Actions.LookupUserAsync(DemoTenant.AdeleVanceId);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        Emulator.Journal.For("GET", "/users/").Should().NotBeEmpty();
    }

    [Fact]
    public async Task AddUserToGroup_DroppedConnectionOnWrite_ServiceErrorNoChange()
    {
        Emulator.Faults.DropConnection(10, "POST", "/groups/*/members/$ref");

        var result = await Actions.AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.ProjectFalconGroupId);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        IsMember(DemoTenant.ProjectFalconGroupId, DemoTenant.AdeleVanceId).Should().BeFalse();
    }

    [Fact]
    public async Task LookupUser_MalformedBody_ServiceError()
    {
        Emulator.Faults.MalformedBody(1, "GET", "/users/*");

        var result = await Actions.LookupUserAsync(DemoTenant.AdeleVanceId);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        Emulator.Journal.Count.Should().Be(1);
    }

    [Fact]
    public async Task LookupGroup_MalformedBody_ServiceError()
    {
        Emulator.Faults.MalformedBody(1, "GET", "/groups/*");

        var result = await Actions.LookupGroupAsync(DemoTenant.RetailTeamGroupId);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
    }

    [Fact]
    public async Task AddUserToGroup_MalformedGroupBody_ServiceErrorNoWrite()
    {
        Emulator.Faults.MalformedBody(1, "GET", "/groups/*");

        var result = await Actions.AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.ProjectFalconGroupId);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        Emulator.Journal.Writes().Should().BeEmpty();
    }

    [Fact]
    public async Task LookupUser_SlowerThanRequestTimeout_ServiceError()
    {
        var actions = Harness.CreateActions(Permissions.Connection, o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(200);
            o.MaxRetryAttempts = 0;
        });
        Emulator.Faults.AddLatency(TimeSpan.FromSeconds(2), "GET", "/users/*", times: 1);

        var result = await actions.LookupUserAsync(DemoTenant.AdeleVanceId);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Error.Message.Should().Contain("in time");
    }

    public sealed class InProcess : FailureMappingTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    public sealed class Kestrel : FailureMappingTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }
}
