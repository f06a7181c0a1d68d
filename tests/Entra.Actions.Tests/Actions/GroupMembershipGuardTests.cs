using Entra.Actions.Actions.Internal;

using static Entra.Actions.Tests.TestData;

namespace Entra.Actions.Tests.Actions;

public class GroupMembershipGuardTests
{
    [Theory]
    [InlineData("security")]
    [InlineData("m365")]
    [InlineData("m365security")]
    public void Check_ChangeableKind_ReturnsNull(string kind)
    {
        GroupMembershipGuard.Check(Group(kind), new EntraActionsOptions()).Should().BeNull();
    }

    [Theory]
    [InlineData("dynamic", "has dynamic membership: membership comes from the rule 'user.department -eq \"Sales\"'")]
    [InlineData("mailsecurity", "is a mail-enabled security group: it is managed in Exchange Online; Graph treats them as read-only")]
    [InlineData("distribution", "is a distribution list: it is managed in Exchange Online; Graph treats them as read-only")]
    [InlineData("synced", "is synchronized from on-premises Active Directory: its membership is mastered in on-premises Active Directory; change it there")]
    [InlineData("roleassignable", "is role-assignable: changing its members needs RoleManagement.ReadWrite.Directory; set EntraActions:AllowRoleAssignableGroups=true if the connection holds it")]
    [InlineData("unknown", "matches no documented group kind")]
    public void Check_UnchangeableKind_ReturnsUnsupportedGroupSayingWhichAndWhy(string kind, string reason)
    {
        var error = GroupMembershipGuard.Check(Group(kind), new EntraActionsOptions());

        error!.Kind.Should().Be(EntraErrorKind.UnsupportedGroup);
        error.Message.Should().StartWith($"Group '{GroupId}'").And.Contain(reason);
    }

    [Fact]
    public void Check_RoleAssignableAllowed_ReturnsNull()
    {
        GroupMembershipGuard.Check(Group("roleassignable"), new EntraActionsOptions { AllowRoleAssignableGroups = true }).Should().BeNull();
    }

    [Fact]
    public void Check_RoleAssignableAllowedButDynamic_StillRefuses()
    {
        var group = new EntraGroup { Id = GroupId, SecurityEnabled = true, IsAssignableToRole = true, GroupTypes = ["DynamicMembership"] };

        var error = GroupMembershipGuard.Check(group, new EntraActionsOptions { AllowRoleAssignableGroups = true });

        error!.Message.Should().Contain("dynamic membership").And.Contain("(no rule returned)");
    }

    [Fact]
    public void Check_SyncedDistributionList_GivesTheOnPremisesReason()
    {
        var group = new EntraGroup { Id = GroupId, MailEnabled = true, OnPremisesSyncEnabled = true };

        var error = GroupMembershipGuard.Check(group, new EntraActionsOptions());

        error!.Message.Should().Contain("on-premises");
    }

    [Fact]
    public void Check_SyncDisabledSecurityGroup_ReturnsNull()
    {
        var group = new EntraGroup { Id = GroupId, SecurityEnabled = true, OnPremisesSyncEnabled = false };

        GroupMembershipGuard.Check(group, new EntraActionsOptions()).Should().BeNull();
    }

    [Fact]
    public void Check_DynamicRuleWithControlCharacters_IsQuotedSafely()
    {
        var group = new EntraGroup { Id = GroupId, SecurityEnabled = true, GroupTypes = ["DynamicMembership"], MembershipRule = "a\r\nb" };

        var error = GroupMembershipGuard.Check(group, new EntraActionsOptions());

        error!.Message.Should().Contain("'a\\u000D\\u000Ab'").And.NotContain("\n");
    }
}
