using Entra.Actions.IntegrationTests.Support;

namespace Entra.Actions.IntegrationTests.Membership;

public abstract class MembershipTests : EmulatorTestBase
{
    private const string Group = DemoTenant.ProjectFalconGroupId;
    private const string User = DemoTenant.AdeleVanceId;

    [Fact]
    public async Task AddThenRemove_TwiceEach_IdempotentOutcomesMatchDirectory()
    {
        IsMember(Group, User).Should().BeFalse("the demo Project Falcon group starts empty");

        var added = await Actions.AddUserToGroupAsync(User, Group);
        added.Succeeded.Should().BeTrue(added.ToString());
        added.Value!.Outcome.Should().Be(MembershipOutcome.Added);
        added.Value.MemberId.Should().Be(User);
        added.Value.GroupId.Should().Be(Group);
        IsMember(Group, User).Should().BeTrue();

        var again = await Actions.AddUserToGroupAsync(User, Group);
        again.Succeeded.Should().BeTrue(again.ToString());
        again.Value!.Outcome.Should().Be(MembershipOutcome.AlreadyMember);
        IsMember(Group, User).Should().BeTrue();
        Emulator.Directory.GetMemberIds(Guid.Parse(Group)).Should().ContainSingle();

        var removed = await Actions.RemoveMemberFromGroupAsync(User, Group);
        removed.Succeeded.Should().BeTrue(removed.ToString());
        removed.Value!.Outcome.Should().Be(MembershipOutcome.Removed);
        IsMember(Group, User).Should().BeFalse();

        var removedAgain = await Actions.RemoveMemberFromGroupAsync(User, Group);
        removedAgain.Succeeded.Should().BeTrue(removedAgain.ToString());
        removedAgain.Value!.Outcome.Should().Be(MembershipOutcome.NotAMember);
        IsMember(Group, User).Should().BeFalse();

        // The user object survived: removal only touched the reference.
        Emulator.Directory.FindUser(User).Should().NotBeNull();
        Emulator.Journal.For("POST", $"/groups/{Group}/members/$ref").Should().HaveCount(2);
        Emulator.Journal.For("DELETE", $"/groups/{Group}/members/{User}/$ref").Should().HaveCount(2);
    }

    [Fact]
    public async Task AddUserToGroup_ByUpn_AddsResolvedObjectId()
    {
        var result = await Actions.AddUserToGroupAsync(DemoTenant.AdeleVanceUpn, Group);

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Value!.Outcome.Should().Be(MembershipOutcome.Added);
        result.Value.MemberId.Should().Be(User);
        IsMember(Group, User).Should().BeTrue();
    }

    [Fact]
    public async Task AddUserToGroup_GuestByExtUpn_Added()
    {
        var result = await Actions.AddUserToGroupAsync(DemoTenant.GuestUserUpn, Group);

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Value!.MemberId.Should().Be(DemoTenant.GuestUserId);
        IsMember(Group, DemoTenant.GuestUserId).Should().BeTrue();
    }

    [Fact]
    public async Task RemoveMemberFromGroup_ByUpn_RemovesResolvedObjectId()
    {
        IsMember(DemoTenant.RetailTeamGroupId, User).Should().BeTrue();

        var result = await Actions.RemoveMemberFromGroupAsync(DemoTenant.AdeleVanceUpn, DemoTenant.RetailTeamGroupId);

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Value!.Outcome.Should().Be(MembershipOutcome.Removed);
        result.Value.MemberId.Should().Be(User);
        IsMember(DemoTenant.RetailTeamGroupId, User).Should().BeFalse();
        IsMember(DemoTenant.RetailTeamGroupId, DemoTenant.DiegoSicilianiId).Should().BeTrue("the other member is untouched");
    }

    [Fact]
    public async Task RemoveMemberFromGroup_NestedGroupMember_Removed()
    {
        IsMember(DemoTenant.SalesAndMarketingGroupId, DemoTenant.RetailTeamGroupId).Should().BeTrue();

        var result = await Actions.RemoveMemberFromGroupAsync(DemoTenant.RetailTeamGroupId, DemoTenant.SalesAndMarketingGroupId);

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Value!.Outcome.Should().Be(MembershipOutcome.Removed);
        IsMember(DemoTenant.SalesAndMarketingGroupId, DemoTenant.RetailTeamGroupId).Should().BeFalse();
        Emulator.Directory.FindGroup(Guid.Parse(DemoTenant.RetailTeamGroupId)).Should().NotBeNull("the nested group object must not be deleted");
    }

    [Fact]
    public async Task AddUserToGroup_GroupGuidAsUserId_NotFoundAndNotNested()
    {
        var result = await Actions.AddUserToGroupAsync(DemoTenant.RetailTeamGroupId, Group);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Contain(DemoTenant.RetailTeamGroupId);
        IsMember(Group, DemoTenant.RetailTeamGroupId).Should().BeFalse();
        Emulator.Directory.GetMemberIds(Guid.Parse(Group)).Should().BeEmpty();
        Emulator.Journal.Writes().Should().BeEmpty();
    }

    [Fact]
    public async Task AddUserToGroup_UnknownUser_NotFoundNoWrite()
    {
        var missing = Guid.NewGuid().ToString();

        var result = await Actions.AddUserToGroupAsync(missing, Group);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Contain(missing);
        Emulator.Journal.Writes().Should().BeEmpty();
    }

    [Fact]
    public async Task AddUserToGroup_UnknownGroup_NotFoundNoWrite()
    {
        var missing = Guid.NewGuid().ToString();

        var result = await Actions.AddUserToGroupAsync(User, missing);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Contain(missing);
        Emulator.Journal.Writes().Should().BeEmpty();
    }

    [Fact]
    public async Task RemoveMemberFromGroup_UnknownGroup_NotFoundNoWrite()
    {
        var missing = Guid.NewGuid().ToString();

        var result = await Actions.RemoveMemberFromGroupAsync(User, missing);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        Emulator.Journal.Writes().Should().BeEmpty();
    }

    [Fact]
    public async Task AddUserToGroup_Microsoft365Group_Added()
    {
        var result = await Actions.AddUserToGroupAsync(User, DemoTenant.HrTaskforceGroupId);

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Value!.Outcome.Should().Be(MembershipOutcome.Added);
        IsMember(DemoTenant.HrTaskforceGroupId, User).Should().BeTrue();
    }

    public sealed class InProcess : MembershipTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    public sealed class Kestrel : MembershipTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }
}
