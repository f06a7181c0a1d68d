using Entra.Actions.IntegrationTests.Support;

namespace Entra.Actions.IntegrationTests.Validation;

public abstract class InvalidIdTests : EmulatorTestBase
{
    public static TheoryData<string> InvalidIds => new()
    {
        "..",
        ".",
        "a/b",
        " ",
        "",
        "\t",
        "../groups/x",
        "../groups/" + DemoTenant.ProjectFalconGroupId,
        "user\u0000@contoso.com",
        "not-a-guid",
    };

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public async Task LookupUser_InvalidId_InvalidInputNoRequest(string id)
    {
        var result = await Actions.LookupUserAsync(id);

        AssertRejected(result.Succeeded, result.Error);
    }

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public async Task LookupGroup_InvalidId_InvalidInputNoRequest(string id)
    {
        var result = await Actions.LookupGroupAsync(id);

        AssertRejected(result.Succeeded, result.Error);
    }

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public async Task AddUserToGroup_InvalidUserId_InvalidInputNoRequest(string id)
    {
        var result = await Actions.AddUserToGroupAsync(id, DemoTenant.ProjectFalconGroupId);

        AssertRejected(result.Succeeded, result.Error);
    }

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public async Task AddUserToGroup_InvalidGroupId_InvalidInputNoRequest(string id)
    {
        var result = await Actions.AddUserToGroupAsync(DemoTenant.AdeleVanceId, id);

        AssertRejected(result.Succeeded, result.Error);
    }

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public async Task RemoveMemberFromGroup_InvalidMemberId_InvalidInputNoRequest(string id)
    {
        var result = await Actions.RemoveMemberFromGroupAsync(id, DemoTenant.RetailTeamGroupId);

        AssertRejected(result.Succeeded, result.Error);
        Emulator.Directory.GetMemberIds(Guid.Parse(DemoTenant.RetailTeamGroupId)).Should().HaveCount(2);
    }

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public async Task RemoveMemberFromGroup_InvalidGroupId_InvalidInputNoRequest(string id)
    {
        var result = await Actions.RemoveMemberFromGroupAsync(DemoTenant.AdeleVanceId, id);

        AssertRejected(result.Succeeded, result.Error);
        Emulator.Directory.FindUser(DemoTenant.AdeleVanceId).Should().NotBeNull();
    }

    private void AssertRejected(bool succeeded, EntraActionError? error)
    {
        succeeded.Should().BeFalse();
        error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        error.StatusCode.Should().BeNull("nothing was sent");
        Emulator.Journal.Count.Should().Be(0, "ids are validated before any request is built");
    }

    public sealed class InProcess : InvalidIdTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    public sealed class Kestrel : InvalidIdTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }
}
