using Entra.Actions.IntegrationTests.Support;

namespace Entra.Actions.IntegrationTests.Membership;

public abstract class GroupKindRefusalTests : EmulatorTestBase
{
    // A user who is not in the group (for adds) and a member who is (for removes), per refused group.
    public static TheoryData<string, string, string, string> RefusedGroups => new()
    {
        { DemoTenant.DynamicGroupId, DemoTenant.MeganBowenId, DemoTenant.AdeleVanceId, "dynamic" },
        { DemoTenant.MailEnabledSecurityGroupId, DemoTenant.AdeleVanceId, "a11ce010-7d2e-4f1a-9b3c-0c0de0000010", "mail-enabled security" },
        { DemoTenant.DistributionListGroupId, DemoTenant.AdeleVanceId, DemoTenant.MeganBowenId, "distribution list" },
        { DemoTenant.OnPremisesSyncedGroupId, DemoTenant.AdeleVanceId, "a11ce007-7d2e-4f1a-9b3c-0c0de0000007", "on-premises" },
        { DemoTenant.RoleAssignableGroupId, DemoTenant.AdeleVanceId, "a11ce025-7d2e-4f1a-9b3c-0c0de0000025", "role-assignable" },
    };

    [Theory]
    [MemberData(nameof(RefusedGroups))]
    public async Task AddUserToGroup_UnchangeableKind_UnsupportedGroupWithoutWrite(string groupId, string nonMember, string member, string reason)
    {
        IsMember(groupId, member).Should().BeTrue("the demo tenant seeds this member");
        var before = Emulator.Directory.GetMemberIds(Guid.Parse(groupId));

        var result = await Actions.AddUserToGroupAsync(nonMember, groupId);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.UnsupportedGroup);
        result.Error.Message.Should().Contain(groupId).And.Contain(reason);
        Emulator.Journal.Writes().Should().BeEmpty("the group kind is checked before any write");
        Emulator.Directory.GetMemberIds(Guid.Parse(groupId)).Should().BeEquivalentTo(before);
    }

    [Theory]
    [MemberData(nameof(RefusedGroups))]
    public async Task RemoveMemberFromGroup_UnchangeableKind_UnsupportedGroupWithoutWrite(string groupId, string nonMember, string member, string reason)
    {
        _ = nonMember;

        var result = await Actions.RemoveMemberFromGroupAsync(member, groupId);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.UnsupportedGroup);
        result.Error.Message.Should().Contain(groupId).And.Contain(reason);
        Emulator.Journal.Writes().Should().BeEmpty("the group kind is checked before any write");
        IsMember(groupId, member).Should().BeTrue();
    }

    [Fact]
    public async Task AddThenRemove_RoleAssignableAllowedWithRoleManagement_Changes()
    {
        var actions = Harness.CreateActions(Permissions.WithRoleManagement, o => o.AllowRoleAssignableGroups = true);

        var added = await actions.AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.RoleAssignableGroupId);
        added.Succeeded.Should().BeTrue(added.ToString());
        added.Value!.Outcome.Should().Be(MembershipOutcome.Added);
        IsMember(DemoTenant.RoleAssignableGroupId, DemoTenant.AdeleVanceId).Should().BeTrue();

        var removed = await actions.RemoveMemberFromGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.RoleAssignableGroupId);
        removed.Succeeded.Should().BeTrue(removed.ToString());
        removed.Value!.Outcome.Should().Be(MembershipOutcome.Removed);
        IsMember(DemoTenant.RoleAssignableGroupId, DemoTenant.AdeleVanceId).Should().BeFalse();
    }

    [Fact]
    public async Task AddUserToGroup_RoleAssignableAllowedWithoutRoleManagement_ForbiddenByGraph()
    {
        var actions = Harness.CreateActions(Permissions.Connection, o => o.AllowRoleAssignableGroups = true);

        var result = await actions.AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.RoleAssignableGroupId);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        result.Error.StatusCode.Should().Be(403);
        IsMember(DemoTenant.RoleAssignableGroupId, DemoTenant.AdeleVanceId).Should().BeFalse();
    }

    [Fact]
    public async Task AddUserToGroup_RoleAssignableNotAllowedEvenWithRoleManagement_UnsupportedGroup()
    {
        var actions = Harness.CreateActions(Permissions.WithRoleManagement);

        var result = await actions.AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.RoleAssignableGroupId);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.UnsupportedGroup);
        result.Error.Message.Should().Contain("AllowRoleAssignableGroups");
        Emulator.Journal.Writes().Should().BeEmpty();
    }

    public sealed class InProcess : GroupKindRefusalTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    public sealed class Kestrel : GroupKindRefusalTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }
}
