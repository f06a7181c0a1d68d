using Moq;
using static Entra.Actions.Tests.TestData;

namespace Entra.Actions.Tests.Actions;

public class RemoveMemberFromGroupActionTests
{
    private const string ResolvedId = "0b3a1f52-6a0b-4c7e-9d6e-2f4b5a6c7d8e";
    private readonly Mock<IEntraDirectory> _directory = TestData.Directory();

    private void SetupRemove(EntraActionResult<MembershipOutcome> result, string memberId = UserId) =>
        _directory.Setup(d => d.RemoveGroupMemberAsync(GroupId, memberId, It.IsAny<CancellationToken>())).ReturnsAsync(result);

    private void VerifyNoWrite() =>
        _directory.Verify(d => d.RemoveGroupMemberAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);

    private void VerifyNoUserRead() =>
        _directory.Verify(d => d.GetUserAsync(It.IsAny<string>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()), Times.Never);

    [Fact]
    public async Task ExecuteAsync_ObjectIdRemoved_ReadsGroupOnceThenRemovesWithoutUserLookup()
    {
        _directory.SetupGroup(SecurityGroup());
        SetupRemove(EntraActionResult.Success(MembershipOutcome.Removed));

        var result = await RemoveMemberFromGroup(_directory).ExecuteAsync(UserIdUpper, GroupIdUpper);

        result.Succeeded.Should().BeTrue();
        result.Value!.MemberId.Should().Be(UserId);
        result.Value.GroupId.Should().Be(GroupId);
        result.Value.Outcome.Should().Be(MembershipOutcome.Removed);
        result.Value.Changed.Should().BeTrue();
        _directory.Verify(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()), Times.Once);
        _directory.Verify(d => d.RemoveGroupMemberAsync(GroupId, UserId, It.IsAny<CancellationToken>()), Times.Once);
        _directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExecuteAsync_ObjectIdNotAMember_RereadsTheGroupAndReportsNotAMember()
    {
        var calls = new List<string>();
        _directory.Setup(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("group"))
            .ReturnsAsync(EntraActionResult.Success(SecurityGroup()));
        _directory.Setup(d => d.RemoveGroupMemberAsync(GroupId, UserId, It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("remove"))
            .ReturnsAsync(EntraActionResult.Success(MembershipOutcome.NotAMember));

        var result = await RemoveMemberFromGroup(_directory).ExecuteAsync(UserIdUpper, GroupIdUpper);

        result.Succeeded.Should().BeTrue();
        result.Value!.MemberId.Should().Be(UserId);
        result.Value.GroupId.Should().Be(GroupId);
        result.Value.Outcome.Should().Be(MembershipOutcome.NotAMember);
        result.Value.Changed.Should().BeFalse();
        calls.Should().Equal("group", "remove", "group");
        _directory.Verify(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()), Times.Exactly(2));
        _directory.Verify(d => d.RemoveGroupMemberAsync(GroupId, UserId, It.IsAny<CancellationToken>()), Times.Once);
        _directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExecuteAsync_NotAMemberButGroupVanished_ReturnsNotFoundNamingTheGroup()
    {
        // Graph answers the same 404 when the group was deleted between the read and the write.
        _directory.SetupSequence(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(SecurityGroup()))
            .ReturnsAsync(EntraActionResult.Failure<EntraGroup>(GraphError(EntraErrorKind.NotFound, 404, "Request_ResourceNotFound")));
        SetupRemove(EntraActionResult.Success(MembershipOutcome.NotAMember));

        var result = await RemoveMemberFromGroup(_directory).ExecuteAsync(UserId, GroupId);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Be($"Group '{GroupId}' was not found.");
        result.Error.StatusCode.Should().Be(404);
        result.Error.RequestId.Should().Be(RequestId);
        _directory.Verify(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task ExecuteAsync_NotAMemberAndGroupRereadForbidden_ReturnsForbiddenNamingTheGroup()
    {
        _directory.SetupSequence(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(SecurityGroup()))
            .ReturnsAsync(EntraActionResult.Failure<EntraGroup>(GraphError(EntraErrorKind.Forbidden, 403, "Authorization_RequestDenied")));
        SetupRemove(EntraActionResult.Success(MembershipOutcome.NotAMember));

        var result = await RemoveMemberFromGroup(_directory).ExecuteAsync(UserId, GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        result.Error.Message.Should().Contain($"Group '{GroupId}'").And.Contain("GroupMember.Read.All");
    }

    [Fact]
    public async Task ExecuteAsync_Removed_DoesNotRereadTheGroup()
    {
        _directory.SetupSequence(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(SecurityGroup()))
            .ReturnsAsync(EntraActionResult.Failure<EntraGroup>(GraphError(EntraErrorKind.NotFound, 404, "Request_ResourceNotFound")));
        SetupRemove(EntraActionResult.Success(MembershipOutcome.Removed));

        var result = await RemoveMemberFromGroup(_directory).ExecuteAsync(UserId, GroupId);

        result.Value!.Outcome.Should().Be(MembershipOutcome.Removed);
        _directory.Verify(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ExecuteAsync_NonUserObjectId_IsRemovedAsIsWithoutUserLookup()
    {
        // Removal takes any member type (a nested group, device, service principal): a GUID is never read as a user.
        const string nestedGroupId = "5c0e8b1a-3f7d-4e2a-9b6c-1d2e3f4a5b6c";
        _directory.SetupGroup(SecurityGroup());
        _directory.Setup(d => d.GetUserAsync(nestedGroupId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Failure<EntraUser>(GraphError(EntraErrorKind.NotFound, 404, "Request_ResourceNotFound")));
        SetupRemove(EntraActionResult.Success(MembershipOutcome.Removed), nestedGroupId);

        var result = await RemoveMemberFromGroup(_directory).ExecuteAsync(nestedGroupId, GroupId);

        result.Value!.MemberId.Should().Be(nestedGroupId);
        result.Value.Outcome.Should().Be(MembershipOutcome.Removed);
        VerifyNoUserRead();
    }

    [Theory]
    [InlineData(Upn)]
    [InlineData(GuestUpn)]
    public async Task ExecuteAsync_UserPrincipalName_IsResolvedToObjectIdBeforeTheWrite(string upn)
    {
        _directory.SetupGroup(SecurityGroup());
        _directory.SetupUpn(upn, ResolvedId);
        SetupRemove(EntraActionResult.Success(MembershipOutcome.Removed), ResolvedId);

        var result = await RemoveMemberFromGroup(_directory).ExecuteAsync(upn, GroupId);

        result.Value!.MemberId.Should().Be(ResolvedId);
        _directory.Verify(d => d.RemoveGroupMemberAsync(GroupId, ResolvedId, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ExecuteAsync_UserPrincipalNameNotFound_ReturnsNotFoundWithoutWrite()
    {
        _directory.SetupGroup(SecurityGroup());
        _directory.Setup(d => d.GetUserAsync(Upn, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Failure<EntraUser>(GraphError(EntraErrorKind.NotFound, 404, "Request_ResourceNotFound")));

        var result = await RemoveMemberFromGroup(_directory).ExecuteAsync(Upn, GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Be($"User '{Upn}' was not found.");
        VerifyNoWrite();
    }

    [Fact]
    public async Task ExecuteAsync_GroupNotFound_ReturnsNotFoundWithoutWrite()
    {
        _directory.Setup(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Failure<EntraGroup>(GraphError(EntraErrorKind.NotFound, 404, "Request_ResourceNotFound")));

        var result = await RemoveMemberFromGroup(_directory).ExecuteAsync(UserId, GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Be($"Group '{GroupId}' was not found.");
        result.Error.RequestId.Should().Be(RequestId);
        _directory.Verify(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()), Times.Once);
        _directory.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData("dynamic", "membership comes from the rule")]
    [InlineData("mailsecurity", "managed in Exchange Online")]
    [InlineData("distribution", "managed in Exchange Online")]
    [InlineData("synced", "change it there")]
    [InlineData("roleassignable", "EntraActions:AllowRoleAssignableGroups=true")]
    [InlineData("unknown", "matches no documented group kind")]
    public async Task ExecuteAsync_UnsupportedGroupKind_RefusesWithReasonWithoutWrite(string kind, string reason)
    {
        _directory.SetupGroup(Group(kind));

        var result = await RemoveMemberFromGroup(_directory).ExecuteAsync(UserId, GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.UnsupportedGroup);
        result.Error.Message.Should().Contain(reason);
        _directory.Verify(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()), Times.Once);
        _directory.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData("security", false)]
    [InlineData("m365", false)]
    [InlineData("roleassignable", true)]
    public async Task ExecuteAsync_ChangeableGroup_IsChanged(string kind, bool allowRoleAssignable)
    {
        _directory.SetupGroup(Group(kind));
        SetupRemove(EntraActionResult.Success(MembershipOutcome.Removed));

        var result = await RemoveMemberFromGroup(_directory, allowRoleAssignable).ExecuteAsync(UserId, GroupId);

        result.Value!.Outcome.Should().Be(MembershipOutcome.Removed);
    }

    [Fact]
    public async Task ExecuteAsync_WriteForbidden_NamesPermissionAndDelegatedRole()
    {
        _directory.SetupGroup(SecurityGroup());
        SetupRemove(EntraActionResult.Failure<MembershipOutcome>(GraphError(EntraErrorKind.Forbidden, 403, "Authorization_RequestDenied")));

        var result = await RemoveMemberFromGroup(_directory).ExecuteAsync(UserId, GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        result.Error.Message.Should().StartWith($"Removing member '{UserId}' from group '{GroupId}' was refused")
            .And.Contain("GroupMember.ReadWrite.All").And.Contain("User Administrator");
    }

    [Fact]
    public async Task ExecuteAsync_WriteNotFound_NamesTheMember()
    {
        _directory.SetupGroup(SecurityGroup());
        SetupRemove(EntraActionResult.Failure<MembershipOutcome>(GraphError(EntraErrorKind.NotFound, 404, "Request_ResourceNotFound")));

        var result = await RemoveMemberFromGroup(_directory).ExecuteAsync(UserId, GroupId);

        result.Error!.Message.Should().Be($"Member '{UserId}' was not found.");
        result.Error.StatusCode.Should().Be(404);
    }

    [Theory]
    [MemberData(nameof(DirectoryErrors), MemberType = typeof(TestData))]
    public async Task ExecuteAsync_WriteFails_KeepsKindStatusCodeAndRequestId(EntraErrorKind kind, int status, string code)
    {
        _directory.SetupGroup(SecurityGroup());
        SetupRemove(EntraActionResult.Failure<MembershipOutcome>(GraphError(kind, status, code)));

        var result = await RemoveMemberFromGroup(_directory).ExecuteAsync(UserId, GroupId);

        result.Error!.Kind.Should().Be(kind);
        result.Error.StatusCode.Should().Be(status);
        result.Error.GraphErrorCode.Should().Be(code);
        result.Error.RequestId.Should().Be(RequestId);
        result.Error.Message.Should().Contain(UserId);
    }

    [Fact]
    public async Task ExecuteAsync_WriteReportsAddOutcome_ReturnsServiceError()
    {
        _directory.SetupGroup(SecurityGroup());
        SetupRemove(EntraActionResult.Success(MembershipOutcome.AlreadyMember));

        var result = await RemoveMemberFromGroup(_directory).ExecuteAsync(UserId, GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Error.Message.Should().Contain("unexpected outcome (AlreadyMember)");
    }

    [Theory]
    [MemberData(nameof(HostileIds), MemberType = typeof(TestData))]
    public async Task ExecuteAsync_InvalidMemberId_ReturnsInvalidInputWithoutRequest(string? memberId)
    {
        var result = await RemoveMemberFromGroup(_directory).ExecuteAsync(memberId!, GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.Message.Should().StartWith("Member ID");
        _directory.VerifyNoOtherCalls();
    }

    [Theory]
    [MemberData(nameof(HostileIds), MemberType = typeof(TestData))]
    public async Task ExecuteAsync_InvalidGroupId_ReturnsInvalidInputWithoutRequest(string? groupId)
    {
        var result = await RemoveMemberFromGroup(_directory).ExecuteAsync(UserId, groupId!);

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.Message.Should().StartWith("Group ID");
        _directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExecuteAsync_WriteCancelled_PropagatesOperationCanceledException()
    {
        using var cts = new CancellationTokenSource();
        _directory.SetupGroup(SecurityGroup());
        _directory.Setup(d => d.RemoveGroupMemberAsync(GroupId, UserId, cts.Token))
            .Callback(() => cts.Cancel())
            .ThrowsAsync(new OperationCanceledException(cts.Token));

        var act = () => RemoveMemberFromGroup(_directory).ExecuteAsync(UserId, GroupId, cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task ExecuteAsync_GroupRereadCancelled_PropagatesOperationCanceledException()
    {
        using var cts = new CancellationTokenSource();
        _directory.SetupSequence(d => d.GetGroupAsync(GroupId, NoProperties(), cts.Token))
            .ReturnsAsync(EntraActionResult.Success(SecurityGroup()))
            .Returns(() =>
            {
                cts.Cancel();
                return Task.FromException<EntraActionResult<EntraGroup>>(new OperationCanceledException(cts.Token));
            });
        _directory.Setup(d => d.RemoveGroupMemberAsync(GroupId, UserId, cts.Token))
            .ReturnsAsync(EntraActionResult.Success(MembershipOutcome.NotAMember));

        var act = () => RemoveMemberFromGroup(_directory).ExecuteAsync(UserId, GroupId, cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Theory]
    [MemberData(nameof(UncausedCancellations), MemberType = typeof(TestData))]
    public async Task ExecuteAsync_WriteCancelledNotByCaller_ReturnsServiceError(string exceptionType)
    {
        using var cts = new CancellationTokenSource();
        _directory.SetupGroup(SecurityGroup());
        _directory.Setup(d => d.RemoveGroupMemberAsync(GroupId, UserId, cts.Token))
            .ThrowsAsync(Cancellation(exceptionType));

        var result = await RemoveMemberFromGroup(_directory).ExecuteAsync(UserId, GroupId, cts.Token);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Error.Message.Should().Contain(exceptionType);
    }

    [Theory]
    [MemberData(nameof(UncausedCancellations), MemberType = typeof(TestData))]
    public async Task ExecuteAsync_UpnLookupCancelledNotByCaller_ReturnsServiceErrorWithoutWrite(string exceptionType)
    {
        _directory.SetupGroup(SecurityGroup());
        _directory.Setup(d => d.GetUserAsync(Upn, NoProperties(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(Cancellation(exceptionType));

        var result = await RemoveMemberFromGroup(_directory).ExecuteAsync(Upn, GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Error.Message.Should().Contain($"User '{Upn}'").And.Contain(exceptionType);
        VerifyNoWrite();
    }
}
