using Entra.Actions.Directory.Internal;
using Moq;
using static Entra.Actions.Tests.Actions.Queries.QueryFixture;

namespace Entra.Actions.Tests.Actions.Queries;

public class ListUserGroupsActionTests
{
    private readonly QueryFixture _fixture = new();

    private static readonly EntraGroupSummary Retail = new() { Id = TestData.GroupId, DisplayName = "Retail", Kind = EntraGroupKind.Microsoft365, IsDynamic = true };

    [Theory]
    [MemberData(nameof(TestData.HostileIds), MemberType = typeof(TestData))]
    public async Task ExecuteAsync_InvalidUserId_InvalidInputNamingUserIdWithoutRequest(string? userId)
    {
        var result = await _fixture.ListUserGroups.ExecuteAsync(userId!);

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.Message.Should().StartWith("User ID");
        _fixture.Directory.VerifyNoOtherCalls();
    }

    [Theory]
    [MemberData(nameof(QueryFixture.InvalidLimits), MemberType = typeof(QueryFixture))]
    [InlineData(ListUserGroupsAction.MaxLimit + 1)]
    public async Task ExecuteAsync_LimitOutOfRange_InvalidInputNamingLimitWithoutRequest(int limit)
    {
        var result = await _fixture.ListUserGroups.ExecuteAsync(TestData.Upn, limit: limit);

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.Message.Should().StartWith("Limit must be between 1 and 100,000");
        _fixture.Directory.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData(TestData.UserIdUpper, TestData.UserId, false, 100)]
    [InlineData(TestData.Upn, TestData.Upn, true, 1)]
    [InlineData(TestData.GuestUpn, TestData.GuestUpn, false, 100_000)]
    public async Task ExecuteAsync_Valid_ReadsTheNormalizedUserWithTransitiveAndLimit(string userId, string sent, bool transitive, int limit)
    {
        _fixture.Directory.Setup(d => d.ListUserGroupsAsync(User(sent), transitive, limit, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Read(truncated: false, Retail));

        var result = await _fixture.ListUserGroups.ExecuteAsync(userId, transitive, limit);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        result.Value!.Groups.Should().Equal(Retail);
        result.Value.Truncated.Should().BeFalse();
        _fixture.Directory.Verify(d => d.ListUserGroupsAsync(User(sent), transitive, limit, It.IsAny<CancellationToken>()), Times.Once);
        _fixture.Directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExecuteAsync_Truncated_IsKept()
    {
        _fixture.Directory.Setup(d => d.ListUserGroupsAsync(User(TestData.Upn), false, 100, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Read(truncated: true, Retail));

        var result = await _fixture.ListUserGroups.ExecuteAsync(TestData.Upn);

        result.Value!.Truncated.Should().BeTrue();
    }

    [Fact]
    public async Task ExecuteAsync_UserNotFound_NamesTheUser()
    {
        _fixture.Directory.Setup(d => d.ListUserGroupsAsync(User(TestData.Upn), false, 100, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Failure<ListRead<EntraGroupSummary>>(EntraErrorKind.NotFound, 404, "Request_ResourceNotFound"));

        var result = await _fixture.ListUserGroups.ExecuteAsync(TestData.Upn);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Be($"User '{TestData.Upn}' was not found.");
    }

    [Theory]
    [MemberData(nameof(QueryFixture.Errors), MemberType = typeof(QueryFixture))]
    public async Task ExecuteAsync_DirectoryFails_KeepsKindAndNamesTheUser(EntraErrorKind kind, int status, string code)
    {
        _fixture.Directory.Setup(d => d.ListUserGroupsAsync(User(TestData.UserId), false, 100, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Failure<ListRead<EntraGroupSummary>>(kind, status, code));

        var result = await _fixture.ListUserGroups.ExecuteAsync(TestData.UserId);

        result.Error!.Kind.Should().Be(kind);
        result.Error.StatusCode.Should().Be(status);
        result.Error.Message.Should().Contain($"User '{TestData.UserId}'");
        if (kind == EntraErrorKind.Forbidden)
        {
            result.Error.Message.Should().Contain("User.Read.All").And.Contain("GroupMember.Read.All");
        }
    }

    [Fact]
    public async Task ExecuteAsync_CancelledBeforeStart_ThrowsWithoutRequest()
    {
        var act = () => _fixture.ListUserGroups.ExecuteAsync(TestData.Upn, cancellationToken: new CancellationToken(canceled: true));

        await act.Should().ThrowAsync<OperationCanceledException>();
        _fixture.Directory.VerifyNoOtherCalls();
    }
}
