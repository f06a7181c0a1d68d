using Moq;
using static Entra.Actions.Tests.TestData;

namespace Entra.Actions.Tests.Actions;

public class AddUserToGroupActionTests
{
    private const string ResolvedId = "0b3a1f52-6a0b-4c7e-9d6e-2f4b5a6c7d8e";
    private readonly Mock<IEntraDirectory> _directory = TestData.Directory();

    private void SetupAdd(EntraActionResult<MembershipOutcome> result, string memberId = UserId) =>
        _directory.Setup(d => d.AddGroupMemberAsync(GroupId, memberId, It.IsAny<CancellationToken>())).ReturnsAsync(result);

    private void VerifyNoWrite() =>
        _directory.Verify(d => d.AddGroupMemberAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);

    private void VerifyNoUserRead() =>
        _directory.Verify(d => d.GetUserAsync(It.IsAny<string>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()), Times.Never);

    [Theory]
    [InlineData(MembershipOutcome.Added)]
    [InlineData(MembershipOutcome.AlreadyMember)]
    public async Task ExecuteAsync_ObjectId_ReadsGroupAndUserThenAddsAndReportsOutcome(MembershipOutcome outcome)
    {
        _directory.SetupGroup(SecurityGroup());
        _directory.SetupUser();
        SetupAdd(EntraActionResult.Success(outcome));

        var result = await AddUserToGroup(_directory).ExecuteAsync(UserIdUpper, GroupIdUpper);

        result.Succeeded.Should().BeTrue();
        result.Value!.MemberId.Should().Be(UserId);
        result.Value.GroupId.Should().Be(GroupId);
        result.Value.Outcome.Should().Be(outcome);
        result.Value.Changed.Should().Be(outcome == MembershipOutcome.Added);
        _directory.Verify(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()), Times.Once);
        _directory.Verify(d => d.GetUserAsync(UserId, NoProperties(), It.IsAny<CancellationToken>()), Times.Once);
        _directory.Verify(d => d.AddGroupMemberAsync(GroupId, UserId, It.IsAny<CancellationToken>()), Times.Once);
        _directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExecuteAsync_ObjectId_ReadsGroupThenGuardsThenReadsUserThenWrites()
    {
        var calls = new List<string>();
        _directory.Setup(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("group"))
            .ReturnsAsync(EntraActionResult.Success(SecurityGroup()));
        _directory.Setup(d => d.GetUserAsync(UserId, NoProperties(), It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("user"))
            .ReturnsAsync(EntraActionResult.Success(User()));
        _directory.Setup(d => d.AddGroupMemberAsync(GroupId, UserId, It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("add"))
            .ReturnsAsync(EntraActionResult.Success(MembershipOutcome.Added));

        var result = await AddUserToGroup(_directory).ExecuteAsync(UserId, GroupId);

        result.Succeeded.Should().BeTrue();
        calls.Should().Equal("group", "user", "add");
    }

    [Theory]
    [MemberData(nameof(DirectoryErrors), MemberType = typeof(TestData))]
    public async Task ExecuteAsync_ObjectIdUserReadFails_ReturnsTheFailureWithoutWrite(EntraErrorKind kind, int status, string code)
    {
        _directory.SetupGroup(SecurityGroup());
        _directory.Setup(d => d.GetUserAsync(UserId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Failure<EntraUser>(GraphError(kind, status, code)));

        var result = await AddUserToGroup(_directory).ExecuteAsync(UserId, GroupId);

        result.Error!.Kind.Should().Be(kind);
        result.Error.StatusCode.Should().Be(status);
        result.Error.GraphErrorCode.Should().Be(code);
        result.Error.RequestId.Should().Be(RequestId);
        result.Error.Message.Should().Contain($"User '{UserId}'");
        VerifyNoWrite();
    }

    [Fact]
    public async Task ExecuteAsync_GuidThatIsNotAUser_ReturnsNotFoundWithoutWrite()
    {
        // A group, device or service-principal id passed as "User ID": /users/{id} answers 404, so it is never bound as a member.
        const string otherObjectId = "5c0e8b1a-3f7d-4e2a-9b6c-1d2e3f4a5b6c";
        _directory.SetupGroup(SecurityGroup());
        _directory.Setup(d => d.GetUserAsync(otherObjectId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Failure<EntraUser>(GraphError(EntraErrorKind.NotFound, 404, "Request_ResourceNotFound")));

        var result = await AddUserToGroup(_directory).ExecuteAsync(otherObjectId.ToUpperInvariant(), GroupId);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Be($"User '{otherObjectId}' was not found.");
        result.Error.StatusCode.Should().Be(404);
        _directory.Verify(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()), Times.Once);
        _directory.Verify(d => d.GetUserAsync(otherObjectId, NoProperties(), It.IsAny<CancellationToken>()), Times.Once);
        VerifyNoWrite();
        _directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExecuteAsync_ObjectIdUserReadForbidden_NamesUserReadAll()
    {
        _directory.SetupGroup(SecurityGroup());
        _directory.Setup(d => d.GetUserAsync(UserId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Failure<EntraUser>(GraphError(EntraErrorKind.Forbidden, 403, "Authorization_RequestDenied")));

        var result = await AddUserToGroup(_directory).ExecuteAsync(UserId, GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        result.Error.Message.Should().Contain($"User '{UserId}'").And.Contain("User.Read.All");
        VerifyNoWrite();
    }

    [Fact]
    public async Task ExecuteAsync_ObjectIdReadAsAnotherId_AddsTheIdTheDirectoryReturned()
    {
        // The id that is bound is the one the user read returned (normalized), not the caller's text.
        _directory.SetupGroup(SecurityGroup());
        _directory.Setup(d => d.GetUserAsync(UserId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(User(ResolvedId.ToUpperInvariant())));
        SetupAdd(EntraActionResult.Success(MembershipOutcome.Added), ResolvedId);

        var result = await AddUserToGroup(_directory).ExecuteAsync(UserId, GroupId);

        result.Value!.MemberId.Should().Be(ResolvedId);
        _directory.Verify(d => d.AddGroupMemberAsync(GroupId, ResolvedId, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData(Upn)]
    [InlineData(GuestUpn)]
    public async Task ExecuteAsync_UserPrincipalName_IsResolvedToObjectIdBeforeTheWrite(string upn)
    {
        _directory.SetupGroup(SecurityGroup());
        _directory.SetupUpn(upn, ResolvedId.ToUpperInvariant());
        SetupAdd(EntraActionResult.Success(MembershipOutcome.Added), ResolvedId);

        var result = await AddUserToGroup(_directory).ExecuteAsync(upn, GroupId);

        result.Succeeded.Should().BeTrue();
        result.Value!.MemberId.Should().Be(ResolvedId);
        _directory.Verify(d => d.GetUserAsync(upn, NoProperties(), It.IsAny<CancellationToken>()), Times.Once);
        _directory.Verify(d => d.AddGroupMemberAsync(GroupId, ResolvedId, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ExecuteAsync_UserPrincipalNameNotFound_ReturnsNotFoundWithoutWrite()
    {
        _directory.SetupGroup(SecurityGroup());
        _directory.Setup(d => d.GetUserAsync(Upn, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Failure<EntraUser>(GraphError(EntraErrorKind.NotFound, 404, "Request_ResourceNotFound")));

        var result = await AddUserToGroup(_directory).ExecuteAsync(Upn, GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Be($"User '{Upn}' was not found.");
        result.Error.RequestId.Should().Be(RequestId);
        VerifyNoWrite();
    }

    [Fact]
    public async Task ExecuteAsync_UserPrincipalNameResolvesToNonGuid_ReturnsServiceErrorWithoutWrite()
    {
        _directory.SetupGroup(SecurityGroup());
        _directory.SetupUpn(Upn, "..");

        var result = await AddUserToGroup(_directory).ExecuteAsync(Upn, GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        VerifyNoWrite();
    }

    [Theory]
    [InlineData(Upn)]
    [InlineData(UserId)]
    public async Task ExecuteAsync_GroupNotFound_ReturnsNotFoundBeforeAnyUserLookupOrWrite(string userId)
    {
        _directory.Setup(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Failure<EntraGroup>(GraphError(EntraErrorKind.NotFound, 404, "Request_ResourceNotFound")));

        var result = await AddUserToGroup(_directory).ExecuteAsync(userId, GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Be($"Group '{GroupId}' was not found.");
        result.Error.StatusCode.Should().Be(404);
        result.Error.GraphErrorCode.Should().Be("Request_ResourceNotFound");
        _directory.Verify(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()), Times.Once);
        _directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExecuteAsync_GroupReadForbidden_ReturnsForbiddenNamingReadPermission()
    {
        _directory.Setup(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Failure<EntraGroup>(GraphError(EntraErrorKind.Forbidden, 403, "Authorization_RequestDenied")));

        var result = await AddUserToGroup(_directory).ExecuteAsync(UserId, GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        result.Error.Message.Should().Contain($"Group '{GroupId}'").And.Contain("GroupMember.Read.All");
        VerifyNoUserRead();
        VerifyNoWrite();
    }

    [Theory]
    [InlineData("dynamic", "membership comes from the rule")]
    [InlineData("dynamicm365", "membership comes from the rule")]
    [InlineData("mailsecurity", "mail-enabled security group")]
    [InlineData("distribution", "distribution list")]
    [InlineData("synced", "mastered in on-premises Active Directory")]
    [InlineData("roleassignable", "RoleManagement.ReadWrite.Directory")]
    [InlineData("unknown", "matches no documented group kind")]
    public async Task ExecuteAsync_UnsupportedGroupKind_RefusesWithReasonWithoutWrite(string kind, string reason)
    {
        _directory.SetupGroup(Group(kind));

        var result = await AddUserToGroup(_directory).ExecuteAsync(Upn, GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.UnsupportedGroup);
        result.Error.Message.Should().Contain(GroupId).And.Contain(reason);
        _directory.Verify(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()), Times.Once);
        _directory.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData("dynamic")]
    [InlineData("distribution")]
    [InlineData("roleassignable")]
    public async Task ExecuteAsync_ObjectIdAndRefusedGroup_RefusesWithoutReadingTheUser(string kind)
    {
        _directory.SetupGroup(Group(kind));
        _directory.SetupUser();

        var result = await AddUserToGroup(_directory).ExecuteAsync(UserId, GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.UnsupportedGroup);
        VerifyNoUserRead();
        VerifyNoWrite();
    }

    [Theory]
    [InlineData("security")]
    [InlineData("m365")]
    [InlineData("m365security")]
    public async Task ExecuteAsync_SecurityOrMicrosoft365Group_IsChanged(string kind)
    {
        _directory.SetupGroup(Group(kind));
        _directory.SetupUser();
        SetupAdd(EntraActionResult.Success(MembershipOutcome.Added));

        var result = await AddUserToGroup(_directory).ExecuteAsync(UserId, GroupId);

        result.Value!.Outcome.Should().Be(MembershipOutcome.Added);
    }

    [Fact]
    public async Task ExecuteAsync_RoleAssignableGroupWhenAllowed_IsChanged()
    {
        _directory.SetupGroup(Group("roleassignable"));
        _directory.SetupUser();
        SetupAdd(EntraActionResult.Success(MembershipOutcome.Added));

        var result = await AddUserToGroup(_directory, allowRoleAssignableGroups: true).ExecuteAsync(UserId, GroupId);

        result.Value!.Outcome.Should().Be(MembershipOutcome.Added);
        _directory.Verify(d => d.AddGroupMemberAsync(GroupId, UserId, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ExecuteAsync_WriteNotFound_SaysTheUserWasNotFound()
    {
        _directory.SetupGroup(SecurityGroup());
        _directory.SetupUser();
        SetupAdd(EntraActionResult.Failure<MembershipOutcome>(GraphError(EntraErrorKind.NotFound, 404, "Request_ResourceNotFound")));

        var result = await AddUserToGroup(_directory).ExecuteAsync(UserId, GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Be($"User '{UserId}' was not found.");
        result.Error.RequestId.Should().Be(RequestId);
    }

    [Fact]
    public async Task ExecuteAsync_WriteNotFoundBecauseTheGroupVanished_SaysTheGroupWasNotFound()
    {
        _directory.SetupSequence(d => d.GetGroupAsync(GroupId, It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(SecurityGroup()))
            .ReturnsAsync(EntraActionResult.Failure<EntraGroup>(GraphError(EntraErrorKind.NotFound, 404, "Request_ResourceNotFound")));
        _directory.SetupUser();
        SetupAdd(EntraActionResult.Failure<MembershipOutcome>(GraphError(EntraErrorKind.NotFound, 404, "Request_ResourceNotFound")));

        var result = await AddUserToGroup(_directory).ExecuteAsync(UserId, GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Be($"Group '{GroupId}' was not found.");
    }

    [Fact]
    public async Task ExecuteAsync_WriteForbidden_NamesPermissionAndDelegatedRole()
    {
        _directory.SetupGroup(SecurityGroup());
        _directory.SetupUser();
        SetupAdd(EntraActionResult.Failure<MembershipOutcome>(GraphError(EntraErrorKind.Forbidden, 403, "Authorization_RequestDenied")));

        var result = await AddUserToGroup(_directory).ExecuteAsync(UserId, GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        result.Error.Message.Should().Contain(UserId).And.Contain(GroupId)
            .And.Contain("GroupMember.ReadWrite.All").And.Contain("Groups Administrator").And.Contain("own the group");
        result.Error.StatusCode.Should().Be(403);
        result.Error.GraphErrorCode.Should().Be("Authorization_RequestDenied");
    }

    [Theory]
    [MemberData(nameof(DirectoryErrors), MemberType = typeof(TestData))]
    public async Task ExecuteAsync_WriteFails_KeepsKindStatusCodeRequestIdAndRetryAfter(EntraErrorKind kind, int status, string code)
    {
        var retryAfter = TimeSpan.FromSeconds(3);
        _directory.SetupGroup(SecurityGroup());
        _directory.SetupUser();
        SetupAdd(EntraActionResult.Failure<MembershipOutcome>(GraphError(kind, status, code, retryAfter)));

        var result = await AddUserToGroup(_directory).ExecuteAsync(UserId, GroupId);

        result.Error!.Kind.Should().Be(kind);
        result.Error.StatusCode.Should().Be(status);
        result.Error.GraphErrorCode.Should().Be(code);
        result.Error.RequestId.Should().Be(RequestId);
        result.Error.RetryAfter.Should().Be(retryAfter);
        result.Error.Message.Should().Contain(UserId);
    }

    [Fact]
    public async Task ExecuteAsync_WriteReportsRemovalOutcome_ReturnsServiceError()
    {
        _directory.SetupGroup(SecurityGroup());
        _directory.SetupUser();
        SetupAdd(EntraActionResult.Success(MembershipOutcome.Removed));

        var result = await AddUserToGroup(_directory).ExecuteAsync(UserId, GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Error.Message.Should().Contain("unexpected outcome (Removed)");
    }

    [Theory]
    [MemberData(nameof(HostileIds), MemberType = typeof(TestData))]
    public async Task ExecuteAsync_InvalidUserId_ReturnsInvalidInputWithoutRequest(string? userId)
    {
        var result = await AddUserToGroup(_directory).ExecuteAsync(userId!, GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.Message.Should().StartWith("User ID");
        _directory.VerifyNoOtherCalls();
    }

    [Theory]
    [MemberData(nameof(HostileIds), MemberType = typeof(TestData))]
    [InlineData(Upn)]
    public async Task ExecuteAsync_InvalidGroupId_ReturnsInvalidInputWithoutRequest(string? groupId)
    {
        var result = await AddUserToGroup(_directory).ExecuteAsync(Upn, groupId!);

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.Message.Should().StartWith("Group ID");
        _directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExecuteAsync_GroupReadCancelled_PropagatesOperationCanceledExceptionWithoutWrite()
    {
        using var cts = new CancellationTokenSource();
        _directory.Setup(d => d.GetGroupAsync(GroupId, NoProperties(), cts.Token))
            .Callback(() => cts.Cancel())
            .ThrowsAsync(new OperationCanceledException(cts.Token));

        var act = () => AddUserToGroup(_directory).ExecuteAsync(UserId, GroupId, cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        VerifyNoUserRead();
        VerifyNoWrite();
    }

    [Fact]
    public async Task ExecuteAsync_UserReadCancelled_PropagatesOperationCanceledExceptionWithoutWrite()
    {
        using var cts = new CancellationTokenSource();
        _directory.SetupGroup(SecurityGroup());
        _directory.Setup(d => d.GetUserAsync(UserId, NoProperties(), cts.Token))
            .Callback(() => cts.Cancel())
            .ThrowsAsync(new OperationCanceledException(cts.Token));

        var act = () => AddUserToGroup(_directory).ExecuteAsync(UserId, GroupId, cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        VerifyNoWrite();
    }

    [Fact]
    public async Task ExecuteAsync_WriteCancelled_PropagatesOperationCanceledException()
    {
        using var cts = new CancellationTokenSource();
        _directory.SetupGroup(SecurityGroup());
        _directory.SetupUser();
        _directory.Setup(d => d.AddGroupMemberAsync(GroupId, UserId, cts.Token))
            .Callback(() => cts.Cancel())
            .ThrowsAsync(new TaskCanceledException(null, null, cts.Token));

        var act = () => AddUserToGroup(_directory).ExecuteAsync(UserId, GroupId, cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task ExecuteAsync_WriteThrowsOtherExceptionAfterCallerCancelled_PropagatesOperationCanceledException()
    {
        using var cts = new CancellationTokenSource();
        _directory.SetupGroup(SecurityGroup());
        _directory.SetupUser();
        _directory.Setup(d => d.AddGroupMemberAsync(GroupId, UserId, cts.Token))
            .Callback(() => cts.Cancel())
            .ThrowsAsync(new HttpRequestException("The operation was aborted."));

        var act = () => AddUserToGroup(_directory).ExecuteAsync(UserId, GroupId, cts.Token);

        await act.Should().ThrowExactlyAsync<OperationCanceledException>();
    }

    [Theory]
    [MemberData(nameof(UncausedCancellations), MemberType = typeof(TestData))]
    public async Task ExecuteAsync_GroupReadCancelledNotByCaller_ReturnsServiceErrorWithoutWrite(string exceptionType)
    {
        using var cts = new CancellationTokenSource();
        _directory.Setup(d => d.GetGroupAsync(GroupId, NoProperties(), cts.Token))
            .ThrowsAsync(Cancellation(exceptionType));

        var result = await AddUserToGroup(_directory).ExecuteAsync(UserId, GroupId, cts.Token);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Error.Message.Should().Contain(exceptionType);
        VerifyNoUserRead();
        VerifyNoWrite();
    }

    [Theory]
    [MemberData(nameof(UncausedCancellations), MemberType = typeof(TestData))]
    public async Task ExecuteAsync_WriteCancelledNotByCaller_ReturnsServiceError(string exceptionType)
    {
        using var cts = new CancellationTokenSource();
        _directory.SetupGroup(SecurityGroup());
        _directory.SetupUser();
        _directory.Setup(d => d.AddGroupMemberAsync(GroupId, UserId, cts.Token))
            .ThrowsAsync(Cancellation(exceptionType));

        var result = await AddUserToGroup(_directory).ExecuteAsync(UserId, GroupId, cts.Token);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Error.Message.Should().Contain(exceptionType);
    }

    [Fact]
    public async Task ExecuteAsync_WriteThrows_ReturnsServiceError()
    {
        _directory.SetupGroup(SecurityGroup());
        _directory.SetupUser();
        _directory.Setup(d => d.AddGroupMemberAsync(GroupId, UserId, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("boom"));

        var result = await AddUserToGroup(_directory).ExecuteAsync(UserId, GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Error.Message.Should().Contain(nameof(InvalidOperationException));
    }
}
