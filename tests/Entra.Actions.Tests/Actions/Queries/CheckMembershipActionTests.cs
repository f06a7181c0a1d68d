using Entra.Actions.Directory.Internal;
using Entra.Actions.Validation.Internal;
using Moq;
using static Entra.Actions.Tests.Actions.Queries.QueryFixture;

namespace Entra.Actions.Tests.Actions.Queries;

public class CheckMembershipActionTests
{
    private const string ResolvedId = "6e7b768e-07e2-4810-8459-485f84f8f204";
    private readonly QueryFixture _fixture = new();

    private Mock<IEntraQueryDirectory> Directory => _fixture.Directory;

    private void Transitive(string user, EntraActionResult<bool> answer) =>
        Directory.Setup(d => d.IsTransitiveMemberAsync(User(user), Group(), It.IsAny<CancellationToken>())).ReturnsAsync(answer);

    private void Direct(string member, EntraActionResult<DirectMembership> answer) =>
        Directory.Setup(d => d.GetDirectMembershipAsync(Group(), Group(member), It.IsAny<CancellationToken>())).ReturnsAsync(answer);

    private void GroupExists(EntraActionResult<bool> answer) =>
        Directory.Setup(d => d.GroupExistsAsync(Group(), It.IsAny<CancellationToken>())).ReturnsAsync(answer);

    private void Resolve(string user, EntraActionResult<ObjectId> answer) =>
        Directory.Setup(d => d.ResolveUserAsync(User(user), It.IsAny<CancellationToken>())).ReturnsAsync(answer);

    private static EntraActionResult<DirectMembership> Member(EntraObjectType type) => EntraActionResult.Success(new DirectMembership(true, type));

    [Theory]
    [MemberData(nameof(TestData.HostileIds), MemberType = typeof(TestData))]
    public async Task ExecuteAsync_InvalidUserId_InvalidInputNamingUserIdWithoutRequest(string? userId)
    {
        var result = await _fixture.CheckMembership.ExecuteAsync(userId!, TestData.GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.Message.Should().StartWith("User ID");
        Directory.VerifyNoOtherCalls();
    }

    [Theory]
    [MemberData(nameof(TestData.HostileIds), MemberType = typeof(TestData))]
    [InlineData(TestData.Upn)]
    public async Task ExecuteAsync_InvalidGroupId_InvalidInputNamingGroupIdWithoutRequest(string? groupId)
    {
        var result = await _fixture.CheckMembership.ExecuteAsync(TestData.Upn, groupId!, transitive: false);

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.Message.Should().StartWith("Group ID");
        Directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExecuteAsync_TransitiveMember_TrueFromExactlyOneCall()
    {
        Transitive(TestData.Upn, EntraActionResult.Success(true));

        var result = await _fixture.CheckMembership.ExecuteAsync(TestData.Upn, TestData.GroupIdUpper);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        result.Value!.IsMember.Should().BeTrue();
        result.Value.GroupId.Should().Be(TestData.GroupId, "the group id is normalized to lower case");
        result.Value.Transitive.Should().BeTrue();
        Directory.Verify(d => d.IsTransitiveMemberAsync(User(TestData.Upn), Group(), It.IsAny<CancellationToken>()), Times.Once);
        Directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExecuteAsync_TransitiveNotMember_ConfirmsTheGroupExistsAndAnswersFalse()
    {
        Transitive(TestData.UserId, EntraActionResult.Success(false));
        GroupExists(EntraActionResult.Success(true));

        var result = await _fixture.CheckMembership.ExecuteAsync(TestData.UserIdUpper, TestData.GroupId);

        result.Value!.IsMember.Should().BeFalse();
        Directory.Verify(d => d.GroupExistsAsync(Group(), It.IsAny<CancellationToken>()), Times.Once);
        Directory.Verify(d => d.IsTransitiveMemberAsync(User(TestData.UserId), Group(), It.IsAny<CancellationToken>()), Times.Once);
        Directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExecuteAsync_TransitiveNotMemberOfAMissingGroup_NotFoundNamingTheGroup()
    {
        Transitive(TestData.Upn, EntraActionResult.Success(false));
        GroupExists(EntraActionResult.Success(false));

        var result = await _fixture.CheckMembership.ExecuteAsync(TestData.Upn, TestData.GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Be($"Group '{TestData.GroupId}' was not found.");
    }

    [Fact]
    public async Task ExecuteAsync_TransitiveGroupCheckForbidden_NamesTheGroupAndPermission()
    {
        Transitive(TestData.Upn, EntraActionResult.Success(false));
        GroupExists(Failure<bool>(EntraErrorKind.Forbidden, 403));

        var result = await _fixture.CheckMembership.ExecuteAsync(TestData.Upn, TestData.GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        result.Error.Message.Should().Contain($"Group '{TestData.GroupId}'").And.Contain("GroupMember.Read.All");
    }

    [Fact]
    public async Task ExecuteAsync_TransitiveUser404_NotFoundNamingTheUser()
    {
        Transitive(TestData.Upn, Failure<bool>(EntraErrorKind.NotFound, 404, "Request_ResourceNotFound"));

        var result = await _fixture.CheckMembership.ExecuteAsync(TestData.Upn, TestData.GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Be($"User '{TestData.Upn}' was not found.");
        Directory.VerifyAll();
        Directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExecuteAsync_TransitiveForbidden_NamesThePermissions()
    {
        Transitive(TestData.Upn, Failure<bool>(EntraErrorKind.Forbidden, 403));

        var result = await _fixture.CheckMembership.ExecuteAsync(TestData.Upn, TestData.GroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        result.Error.Message.Should().Contain("GroupMember.Read.All").And.Contain("User.Read");
    }

    [Fact]
    public async Task ExecuteAsync_DirectMemberUserByObjectId_TrueFromOneCall()
    {
        Direct(TestData.UserId, Member(EntraObjectType.User));

        var result = await _fixture.CheckMembership.ExecuteAsync(TestData.UserIdUpper, TestData.GroupId, transitive: false);

        result.Value!.IsMember.Should().BeTrue();
        result.Value.Transitive.Should().BeFalse();
        Directory.Verify(d => d.GetDirectMembershipAsync(Group(), Group(TestData.UserId), It.IsAny<CancellationToken>()), Times.Once);
        Directory.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData(EntraObjectType.Group)]
    [InlineData(EntraObjectType.Device)]
    [InlineData(EntraObjectType.ServicePrincipal)]
    public async Task ExecuteAsync_DirectMemberThatIsNotAUser_NotFoundSayingSo(EntraObjectType type)
    {
        Direct(TestData.UserId, Member(type));

        var result = await _fixture.CheckMembership.ExecuteAsync(TestData.UserId, TestData.GroupId, transitive: false);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Be($"User '{TestData.UserId}' was not found: the id belongs to a {type}, not a user.");
        Directory.VerifyAll();
        Directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExecuteAsync_DirectMemberWithoutATypeInTheAnswer_ReadAsAUserAndCounts()
    {
        Direct(TestData.UserId, Member(EntraObjectType.Unknown));
        Resolve(TestData.UserId, EntraActionResult.Success(Group(TestData.UserId)));

        var result = await _fixture.CheckMembership.ExecuteAsync(TestData.UserId, TestData.GroupId, transitive: false);

        result.Value!.IsMember.Should().BeTrue("a member that reads as a user is one, @odata.type or not");
        Directory.VerifyAll();
        Directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExecuteAsync_DirectMemberWithoutATypeThatIsNoUser_NotFound()
    {
        Direct(TestData.UserId, Member(EntraObjectType.Unknown));
        Resolve(TestData.UserId, Failure<ObjectId>(EntraErrorKind.NotFound, 404));

        var result = await _fixture.CheckMembership.ExecuteAsync(TestData.UserId, TestData.GroupId, transitive: false);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Contain(TestData.UserId);
    }

    [Fact]
    public async Task ExecuteAsync_DirectNotMemberByObjectId_ChecksGroupThenUserAndAnswersFalse()
    {
        var calls = new List<string>();
        Direct(TestData.UserId, EntraActionResult.Success(DirectMembership.None));
        Directory.Setup(d => d.GroupExistsAsync(Group(), It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("group")).ReturnsAsync(EntraActionResult.Success(true));
        Directory.Setup(d => d.ResolveUserAsync(User(TestData.UserId), It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("user")).ReturnsAsync(EntraActionResult.Success(ValidObjectId(TestData.UserId)));

        var result = await _fixture.CheckMembership.ExecuteAsync(TestData.UserId, TestData.GroupId, transitive: false);

        result.Value!.IsMember.Should().BeFalse();
        calls.Should().Equal("group", "user");
        Directory.VerifyAll();
        Directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExecuteAsync_DirectNotMemberOfAMissingGroup_NotFoundNamingTheGroupWithoutUserRead()
    {
        Direct(TestData.UserId, EntraActionResult.Success(DirectMembership.None));
        GroupExists(EntraActionResult.Success(false));

        var result = await _fixture.CheckMembership.ExecuteAsync(TestData.UserId, TestData.GroupId, transitive: false);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Be($"Group '{TestData.GroupId}' was not found.");
        Directory.Verify(d => d.ResolveUserAsync(It.IsAny<ValidatedId>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ExecuteAsync_DirectNotMemberAndMissingUser_NotFoundNamingTheUser()
    {
        Direct(TestData.UserId, EntraActionResult.Success(DirectMembership.None));
        GroupExists(EntraActionResult.Success(true));
        Resolve(TestData.UserId, Failure<ObjectId>(EntraErrorKind.NotFound, 404));

        var result = await _fixture.CheckMembership.ExecuteAsync(TestData.UserId, TestData.GroupId, transitive: false);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Be($"User '{TestData.UserId}' was not found.");
    }

    [Fact]
    public async Task ExecuteAsync_DirectWithUpn_ResolvesFirstThenChecksTheResolvedId()
    {
        var calls = new List<string>();
        Directory.Setup(d => d.ResolveUserAsync(User(TestData.GuestUpn), It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("resolve")).ReturnsAsync(EntraActionResult.Success(ValidObjectId(ResolvedId)));
        Directory.Setup(d => d.GetDirectMembershipAsync(Group(), Group(ResolvedId), It.IsAny<CancellationToken>()))
            .Callback(() => calls.Add("member")).ReturnsAsync(Member(EntraObjectType.User));

        var result = await _fixture.CheckMembership.ExecuteAsync(TestData.GuestUpn, TestData.GroupId, transitive: false);

        result.Value!.IsMember.Should().BeTrue();
        calls.Should().Equal("resolve", "member");
        Directory.VerifyAll();
        Directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExecuteAsync_DirectWithUpnNotMember_ConfirmsOnlyTheGroup()
    {
        Resolve(TestData.Upn, EntraActionResult.Success(ValidObjectId(ResolvedId)));
        Direct(ResolvedId, EntraActionResult.Success(DirectMembership.None));
        GroupExists(EntraActionResult.Success(true));

        var result = await _fixture.CheckMembership.ExecuteAsync(TestData.Upn, TestData.GroupId, transitive: false);

        result.Value!.IsMember.Should().BeFalse();
        Directory.Verify(d => d.ResolveUserAsync(It.IsAny<ValidatedId>(), It.IsAny<CancellationToken>()), Times.Once, "the user was read already");
    }

    [Fact]
    public async Task ExecuteAsync_DirectWithUnknownUpn_NotFoundNamingTheUserWithoutMembershipRead()
    {
        Resolve(TestData.Upn, Failure<ObjectId>(EntraErrorKind.NotFound, 404));

        var result = await _fixture.CheckMembership.ExecuteAsync(TestData.Upn, TestData.GroupId, transitive: false);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Be($"User '{TestData.Upn}' was not found.");
        Directory.VerifyAll();
        Directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExecuteAsync_DirectMembershipReadForbidden_NamesTheGroupsMembersAndPermission()
    {
        Direct(TestData.UserId, Failure<DirectMembership>(EntraErrorKind.Forbidden, 403));

        var result = await _fixture.CheckMembership.ExecuteAsync(TestData.UserId, TestData.GroupId, transitive: false);

        result.Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        result.Error.Message.Should().Contain($"The members of group '{TestData.GroupId}'").And.Contain("GroupMember.Read.All");
    }

    [Fact]
    public async Task ExecuteAsync_CancelledBeforeStart_ThrowsWithoutRequest()
    {
        var act = () => _fixture.CheckMembership.ExecuteAsync(TestData.Upn, TestData.GroupId, cancellationToken: new CancellationToken(canceled: true));

        await act.Should().ThrowAsync<OperationCanceledException>();
        Directory.VerifyNoOtherCalls();
    }
}
