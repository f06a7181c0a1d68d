using Moq;
using static Entra.Actions.Tests.TestData;

namespace Entra.Actions.Tests.Actions;

public sealed class RemoveMemberFromGroupGuardrailTests
{
    [Theory]
    [InlineData(true, MembershipOutcome.Removed)]
    [InlineData(false, MembershipOutcome.NotAMember)]
    public async Task ExecuteAsync_DryRun_ReportsTheWouldBeOutcomeWithoutWrite(bool isMember, MembershipOutcome expected)
    {
        var h = new GuardrailHarness();
        h.Directory.SetupGroup(SecurityGroup());
        h.SetupIsMember(isMember);

        var result = await h.Remove.ExecuteAsync(UserIdUpper, GroupId, GuardrailHarness.DryRun);

        result.Value!.Outcome.Should().Be(expected);
        result.Value.IsDryRun.Should().BeTrue();
        result.Value.Changed.Should().BeFalse();
        result.Value.MemberId.Should().Be(UserId);
        h.VerifyNoWrite();
        var audit = h.SingleEvent();
        audit.ActionId.Should().Be("entra.remove_member_from_group");
        audit.Outcome.Should().Be(expected);
        audit.IsDryRun.Should().BeTrue();
    }

    [Fact]
    public async Task ExecuteAsync_DryRunByUpn_ResolvesTheUserAndProbesItsId()
    {
        var h = new GuardrailHarness();
        h.Directory.SetupGroup(SecurityGroup());
        h.Directory.SetupUpn(Upn);
        h.SetupIsMember(true);

        var result = await h.Remove.ExecuteAsync(Upn, GroupId, GuardrailHarness.DryRun);

        result.Value!.Outcome.Should().Be(MembershipOutcome.Removed);
        h.VerifyNoWrite();
        var audit = h.SingleEvent();
        audit.UserId.Should().Be(UserId);
        audit.UserPrincipalName.Should().Be(Upn);
    }

    [Fact]
    public async Task ExecuteAsync_DryRunDynamicGroup_IsUnsupportedWithoutWrite()
    {
        var h = new GuardrailHarness();
        h.Directory.SetupGroup(Group("dynamic"));

        var result = await h.Remove.ExecuteAsync(UserId, GroupId, GuardrailHarness.DryRun);

        result.Error!.Kind.Should().Be(EntraErrorKind.UnsupportedGroup);
        h.VerifyNoWrite();
        h.VerifyNoProbe();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ExecuteAsync_ProtectedGroup_IsDeniedWithoutWrite(bool dryRun)
    {
        var h = new GuardrailHarness(p => p.ProtectedGroupIds = [GroupId]);
        h.Directory.SetupGroup(SecurityGroup());

        var result = await h.Remove.ExecuteAsync(UserId, GroupId, new EntraWriteOptions { DryRun = dryRun });

        result.Error!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        result.Error.Message.Should().Contain($"removing member '{UserId}'").And.Contain("rule ProtectedGroupIds").And.Contain("No write was sent");
        h.VerifyNoWrite();
        h.VerifyNoProbe();
        var audit = h.SingleEvent();
        audit.PolicyRule.Should().Be("ProtectedGroupIds");
        audit.IsDryRun.Should().Be(dryRun);
    }

    [Fact]
    public async Task ExecuteAsync_GuestWithRefuseGuests_IsStillRemoved()
    {
        var h = new GuardrailHarness(p => p.RefuseGuests = true);
        h.Directory.SetupGroup(SecurityGroup());
        h.Directory.Setup(d => d.GetUserAsync(GuestUpn, It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(new EntraUser { Id = UserId, UserPrincipalName = GuestUpn }));
        h.Directory.Setup(d => d.RemoveGroupMemberAsync(GroupId, UserId, It.IsAny<CancellationToken>())).ReturnsAsync(EntraActionResult.Success(MembershipOutcome.Removed));

        var result = await h.Remove.ExecuteAsync(GuestUpn, GroupId);

        result.Value!.Outcome.Should().Be(MembershipOutcome.Removed);
        result.Value.Changed.Should().BeTrue();
        h.SingleEvent().Outcome.Should().Be(MembershipOutcome.Removed);
    }

    [Fact]
    public async Task ExecuteAsync_HostPolicySeesAnUnreadMember_AndItsDenialStopsTheWrite()
    {
        var policy = new Mock<IEntraWritePolicy>();
        EntraWriteRequest? seen = null;
        policy.Setup(p => p.EvaluateAsync(It.IsAny<EntraWriteRequest>(), It.IsAny<CancellationToken>()))
            .Callback((EntraWriteRequest r, CancellationToken _) => seen = r)
            .ReturnsAsync(EntraWriteDecision.Deny("removals are frozen"));
        var h = new GuardrailHarness(hostPolicies: [policy.Object]);
        h.Directory.SetupGroup(SecurityGroup());

        var result = await h.Remove.ExecuteAsync(UserId, GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        result.Error.Message.Should().Contain("removals are frozen");
        h.VerifyNoWrite();
        seen!.IsAdd.Should().BeFalse();
        seen.User.Should().BeNull();
        seen.MemberId.Should().Be(UserId);
        seen.ConnectionName.Should().Be(GuardrailHarness.ConnectionName);
    }

    [Theory]
    [InlineData(".", GroupId)]
    [InlineData(UserId, "..")]
    public async Task ExecuteAsync_DryRunInvalidIds_IsInvalidInputWithNoRequest(string memberId, string groupId)
    {
        var h = new GuardrailHarness();

        var result = await h.Remove.ExecuteAsync(memberId, groupId, GuardrailHarness.DryRun);

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        h.Directory.VerifyNoOtherCalls();
        h.Probe.VerifyNoOtherCalls();
        var audit = h.SingleEvent();
        audit.UserId.Should().BeNull();
        audit.GroupId.Should().BeNull();
    }

    [Fact]
    public async Task ExecuteAsync_Success_AuditsOneEvent()
    {
        var h = new GuardrailHarness();
        h.Directory.SetupGroup(SecurityGroup());
        h.Directory.Setup(d => d.RemoveGroupMemberAsync(GroupId, UserId, It.IsAny<CancellationToken>())).ReturnsAsync(EntraActionResult.Success(MembershipOutcome.Removed));

        var result = await h.Remove.ExecuteAsync(UserId, GroupId);

        result.Value!.Changed.Should().BeTrue();
        var audit = h.SingleEvent();
        audit.Outcome.Should().Be(MembershipOutcome.Removed);
        audit.UserId.Should().Be(UserId);
        audit.UserPrincipalName.Should().BeNull();
        audit.GroupDisplayName.Should().Be("Sec");
        audit.ConnectionName.Should().Be(GuardrailHarness.ConnectionName);
    }
}
