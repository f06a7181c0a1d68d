using Entra.Actions.Tests.TestSupport;
using Entra.Actions.Validation.Internal;
using Moq;
using static Entra.Actions.Tests.TestData;

namespace Entra.Actions.Tests.Actions;

public sealed class AddUserToGroupGuardrailTests
{
    private const string OtherGroupId = "5b1e2c3d-4f5a-4b6c-8d7e-9f0a1b2c3d4e";

    [Fact]
    public async Task ExecuteAsync_ProtectedGroup_IsDeniedWithoutWriteAndAudited()
    {
        var h = new GuardrailHarness(p => p.ProtectedGroupIds = [GroupIdUpper]);
        h.Directory.SetupGroup(SecurityGroup());
        h.Directory.SetupUser();

        var result = await h.Add.ExecuteAsync(UserId, GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        result.Error.Message.Should().Contain("rule ProtectedGroupIds").And.Contain("No write was sent");
        h.VerifyNoWrite();
        var audit = h.SingleEvent();
        audit.ErrorKind.Should().Be(EntraErrorKind.PolicyDenied);
        audit.PolicyRule.Should().Be("ProtectedGroupIds");
        audit.ErrorMessage.Should().Be(result.Error.Message);
        audit.Outcome.Should().BeNull();
        audit.IsDryRun.Should().BeFalse();
    }

    [Fact]
    public async Task ExecuteAsync_GroupNotAllowed_IsDeniedWithoutWrite()
    {
        var h = new GuardrailHarness(p => p.AllowedGroupIds = [OtherGroupId]);
        h.Directory.SetupGroup(SecurityGroup());
        h.Directory.SetupUser();

        var result = await h.Add.ExecuteAsync(UserId, GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        h.SingleEvent().PolicyRule.Should().Be("AllowedGroupIds");
        h.VerifyNoWrite();
    }

    [Fact]
    public async Task ExecuteAsync_GuestWithRefuseGuests_ReadsUserTypeAndIsDeniedWithoutWrite()
    {
        var h = new GuardrailHarness(p => p.RefuseGuests = true);
        h.Directory.SetupGroup(SecurityGroup());
        h.SetupUserWithType("Guest", GuestUpn);

        var result = await h.Add.ExecuteAsync(UserId, GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        result.Error.Message.Should().Contain("rule RefuseGuests");
        h.VerifyNoWrite();
        var audit = h.SingleEvent();
        audit.PolicyRule.Should().Be("RefuseGuests");
        audit.UserPrincipalName.Should().Be(GuestUpn);
    }

    [Fact]
    public async Task ExecuteAsync_MemberWithRefuseGuests_IsAdded()
    {
        var h = new GuardrailHarness(p => p.RefuseGuests = true);
        h.Directory.SetupGroup(SecurityGroup());
        h.SetupUserWithType("Member");
        h.Directory.Setup(d => d.AddGroupMemberAsync(GroupId, UserId, It.IsAny<CancellationToken>())).ReturnsAsync(EntraActionResult.Success(MembershipOutcome.Added));

        var result = await h.Add.ExecuteAsync(UserId, GroupId);

        result.Value!.Outcome.Should().Be(MembershipOutcome.Added);
        result.Value.Changed.Should().BeTrue();
    }

    [Fact]
    public async Task ExecuteAsync_HostPolicyDenies_NoWriteAndRuleIsItsTypeName()
    {
        var h = new GuardrailHarness(hostPolicies: [new FinancePolicy()]);
        h.Directory.SetupGroup(SecurityGroup());
        h.Directory.SetupUser();

        var result = await h.Add.ExecuteAsync(UserId, GroupId, GuardrailHarness.DryRun);

        result.Error!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        result.Error.Message.Should().Contain("only HR may change Finance groups").And.Contain($"rule {nameof(FinancePolicy)}");
        h.VerifyNoWrite();
        h.VerifyNoProbe();
        var audit = h.SingleEvent();
        audit.PolicyRule.Should().Be(nameof(FinancePolicy));
        audit.IsDryRun.Should().BeTrue();
    }

    [Theory]
    [InlineData(false, MembershipOutcome.Added)]
    [InlineData(true, MembershipOutcome.AlreadyMember)]
    public async Task ExecuteAsync_DryRun_ReportsTheWouldBeOutcomeWithoutWrite(bool isMember, MembershipOutcome expected)
    {
        var h = new GuardrailHarness();
        h.Directory.SetupGroup(SecurityGroup());
        h.Directory.SetupUser();
        h.SetupIsMember(isMember);

        var result = await h.Add.ExecuteAsync(UserIdUpper, GroupIdUpper, GuardrailHarness.DryRun);

        result.Value!.Outcome.Should().Be(expected);
        result.Value.IsDryRun.Should().BeTrue();
        result.Value.Changed.Should().BeFalse();
        result.Value.MemberId.Should().Be(UserId);
        result.Value.GroupId.Should().Be(GroupId);
        h.VerifyNoWrite();
        var audit = h.SingleEvent();
        audit.Outcome.Should().Be(expected);
        audit.IsDryRun.Should().BeTrue();
        audit.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task ExecuteAsync_DryRunDynamicGroup_IsUnsupportedWithoutProbeOrWrite()
    {
        var h = new GuardrailHarness();
        h.Directory.SetupGroup(Group("dynamic"));

        var result = await h.Add.ExecuteAsync(UserId, GroupId, GuardrailHarness.DryRun);

        result.Error!.Kind.Should().Be(EntraErrorKind.UnsupportedGroup);
        h.VerifyNoWrite();
        h.VerifyNoProbe();
        h.SingleEvent().ErrorKind.Should().Be(EntraErrorKind.UnsupportedGroup);
    }

    [Fact]
    public async Task ExecuteAsync_DryRunProtectedGroup_IsDeniedWithoutProbe()
    {
        var h = new GuardrailHarness(p => p.ProtectedGroupIds = [GroupId]);
        h.Directory.SetupGroup(SecurityGroup());
        h.Directory.SetupUser();

        var result = await h.Add.ExecuteAsync(UserId, GroupId, GuardrailHarness.DryRun);

        result.Error!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        h.VerifyNoProbe();
        h.VerifyNoWrite();
    }

    [Fact]
    public async Task ExecuteAsync_DryRunTokenWithoutWritePermission_IsForbiddenWithoutProbe()
    {
        var h = new GuardrailHarness(token: TestJwt.Application("GroupMember.Read.All", "User.Read.All"));
        h.Directory.SetupGroup(SecurityGroup());
        h.Directory.SetupUser();

        var result = await h.Add.ExecuteAsync(UserId, GroupId, GuardrailHarness.DryRun);

        result.Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        result.Error.Message.Should().Contain("Dry run").And.Contain("No write was sent");
        h.VerifyNoProbe();
        h.VerifyNoWrite();
        h.SingleEvent().ErrorKind.Should().Be(EntraErrorKind.Forbidden);
    }

    [Fact]
    public async Task ExecuteAsync_DryRunProbeFails_ReturnsTheReadFailureWithoutWrite()
    {
        var h = new GuardrailHarness();
        h.Directory.SetupGroup(SecurityGroup());
        h.Directory.SetupUser();
        h.Probe.Setup(p => p.IsDirectMemberAsync(It.IsAny<ObjectId>(), It.IsAny<ObjectId>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Failure<bool>(GraphError(EntraErrorKind.Forbidden, 403, "Authorization_RequestDenied")));

        var result = await h.Add.ExecuteAsync(UserId, GroupId, GuardrailHarness.DryRun);

        result.Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        h.VerifyNoWrite();
    }

    [Fact]
    public async Task ExecuteAsync_DryRunDirectoryWithoutProbe_FailsWithoutWrite()
    {
        var directory = TestData.Directory();
        directory.SetupGroup(SecurityGroup());
        directory.SetupUser();
        var action = AddUserToGroup(directory);

        var result = await action.ExecuteAsync(UserId, GroupId, GuardrailHarness.DryRun);

        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Error.Message.Should().Contain("Dry run").And.Contain("No write was sent");
        directory.Verify(d => d.AddGroupMemberAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData("../groups", GroupId)]
    [InlineData(UserId, "not-a-guid")]
    [InlineData(null, GroupId)]
    public async Task ExecuteAsync_DryRunInvalidIds_IsInvalidInputWithNoRequestAndAuditedWithoutIds(string? userId, string groupId)
    {
        var h = new GuardrailHarness();

        var result = await h.Add.ExecuteAsync(userId!, groupId, GuardrailHarness.DryRun);

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        h.Directory.VerifyNoOtherCalls();
        h.Probe.VerifyNoOtherCalls();
        var audit = h.SingleEvent();
        audit.ErrorKind.Should().Be(EntraErrorKind.InvalidInput);
        audit.UserId.Should().BeNull();
        audit.GroupId.Should().BeNull();
        audit.IsDryRun.Should().BeTrue();
    }

    [Fact]
    public async Task ExecuteAsync_Success_AuditsOneEventWithConnectionTenantIdentityAndTargets()
    {
        var h = new GuardrailHarness();
        h.Directory.SetupGroup(new EntraGroup { Id = GroupId, DisplayName = "Finance", SecurityEnabled = true });
        h.Directory.SetupUpn(Upn);
        h.Directory.Setup(d => d.AddGroupMemberAsync(GroupId, UserId, It.IsAny<CancellationToken>())).ReturnsAsync(EntraActionResult.Success(MembershipOutcome.Added));
        var before = DateTimeOffset.UtcNow;

        var result = await h.Add.ExecuteAsync(Upn, GroupId);

        result.Value!.Changed.Should().BeTrue();
        var audit = h.SingleEvent();
        audit.ActionId.Should().Be("entra.add_user_to_group");
        audit.ConnectionName.Should().Be(GuardrailHarness.ConnectionName);
        audit.TenantId.Should().Be(TestJwt.TenantId);
        audit.ActingIdentity.Should().Be(TestJwt.AppId);
        audit.UserId.Should().Be(UserId);
        audit.UserPrincipalName.Should().Be(Upn);
        audit.GroupId.Should().Be(GroupId);
        audit.GroupDisplayName.Should().Be("Finance");
        audit.Outcome.Should().Be(MembershipOutcome.Added);
        audit.ErrorKind.Should().BeNull();
        audit.ErrorMessage.Should().BeNull();
        audit.PolicyRule.Should().BeNull();
        audit.IsDryRun.Should().BeFalse();
        audit.Duration.Should().BePositive();
        audit.CorrelationId.Should().NotBeNullOrWhiteSpace();
        audit.Timestamp.Should().BeOnOrAfter(before);
    }

    [Fact]
    public async Task ExecuteAsync_DelegatedToken_AuditsTheSignedInUser()
    {
        var h = new GuardrailHarness(token: TestJwt.Delegated("GroupMember.ReadWrite.All User.Read.All"));
        h.Directory.SetupGroup(SecurityGroup());
        h.Directory.SetupUser();
        h.Directory.Setup(d => d.AddGroupMemberAsync(GroupId, UserId, It.IsAny<CancellationToken>())).ReturnsAsync(EntraActionResult.Success(MembershipOutcome.AlreadyMember));

        await h.Add.ExecuteAsync(UserId, GroupId);

        h.SingleEvent().ActingIdentity.Should().Be(TestJwt.Upn);
    }

    [Fact]
    public async Task ExecuteAsync_UserNotFound_AuditsTheFailureWithItsRequestId()
    {
        var h = new GuardrailHarness();
        h.Directory.SetupGroup(SecurityGroup());
        h.Directory.Setup(d => d.GetUserAsync(UserId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Failure<EntraUser>(GraphError(EntraErrorKind.NotFound, 404, "Request_ResourceNotFound")));

        var result = await h.Add.ExecuteAsync(UserId, GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        var audit = h.SingleEvent();
        audit.ErrorKind.Should().Be(EntraErrorKind.NotFound);
        audit.ErrorMessage.Should().Be(result.Error.Message);
        audit.UserId.Should().Be(UserId);
        audit.GroupId.Should().Be(GroupId);
        audit.GraphRequestIds.Should().Contain(RequestId);
        h.VerifyNoWrite();
    }

    [Fact]
    public async Task ExecuteAsync_CallerCancels_AuditsCancelledAndThrows()
    {
        var h = new GuardrailHarness();
        using var cancellation = new CancellationTokenSource();
        h.Directory.SetupGroup(SecurityGroup());
        h.Directory.Setup(d => d.GetUserAsync(UserId, NoProperties(), It.IsAny<CancellationToken>()))
            .Returns(async (string _, IReadOnlyCollection<string> _, CancellationToken ct) =>
            {
                await cancellation.CancelAsync();
                ct.ThrowIfCancellationRequested();
                return EntraActionResult.Success(User());
            });

        var act = () => h.Add.ExecuteAsync(UserId, GroupId, cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        h.VerifyNoWrite();
        var audit = h.SingleEvent();
        audit.ErrorKind.Should().Be(EntraErrorKind.Cancelled);
        audit.GroupId.Should().Be(GroupId);
    }

    private sealed class FinancePolicy : IEntraWritePolicy
    {
        public ValueTask<EntraWriteDecision> EvaluateAsync(EntraWriteRequest request, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(EntraWriteDecision.Deny("only HR may change Finance groups"));
    }
}
