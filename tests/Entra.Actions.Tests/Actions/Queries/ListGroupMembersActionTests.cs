using Entra.Actions.Directory.Internal;
using Moq;
using static Entra.Actions.Tests.Actions.Queries.QueryFixture;

namespace Entra.Actions.Tests.Actions.Queries;

public class ListGroupMembersActionTests
{
    private readonly QueryFixture _fixture = new();

    private static readonly EntraDirectoryObject Adele = new() { Id = TestData.UserId, DisplayName = "Adele Vance", ObjectType = EntraObjectType.User };

    [Theory]
    [MemberData(nameof(TestData.HostileIds), MemberType = typeof(TestData))]
    [InlineData(TestData.Upn)]
    public async Task ExecuteAsync_InvalidGroupId_InvalidInputNamingGroupIdWithoutRequest(string? groupId)
    {
        var result = await _fixture.ListGroupMembers.ExecuteAsync(groupId!);

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.Message.Should().StartWith("Group ID");
        _fixture.Directory.VerifyNoOtherCalls();
    }

    [Theory]
    [MemberData(nameof(QueryFixture.InvalidLimits), MemberType = typeof(QueryFixture))]
    [InlineData(ListGroupMembersAction.MaxLimit + 1)]
    public async Task ExecuteAsync_LimitOutOfRange_InvalidInputNamingLimitWithoutRequest(int limit)
    {
        var result = await _fixture.ListGroupMembers.ExecuteAsync(TestData.GroupId, limit: limit);

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.Message.Should().StartWith("Limit must be between 1 and 100,000");
        _fixture.Directory.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 100)]
    [InlineData(false, 100_000)]
    public async Task ExecuteAsync_Valid_ReadsTheNormalizedGroupWithTransitiveAndLimit(bool transitive, int limit)
    {
        _fixture.Directory.Setup(d => d.ListGroupMembersAsync(Group(), transitive, limit, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Read(truncated: true, Adele));

        var result = await _fixture.ListGroupMembers.ExecuteAsync(TestData.GroupIdUpper, transitive, limit);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        result.Value!.Members.Should().Equal(Adele);
        result.Value.Count.Should().Be(1);
        result.Value.Truncated.Should().BeTrue();
        _fixture.Directory.Verify(d => d.ListGroupMembersAsync(Group(), transitive, limit, It.IsAny<CancellationToken>()), Times.Once);
        _fixture.Directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExecuteAsync_Defaults_DirectMembersAndLimit100()
    {
        _fixture.Directory.Setup(d => d.ListGroupMembersAsync(Group(), false, 100, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Read<EntraDirectoryObject>(truncated: false));

        var result = await _fixture.ListGroupMembers.ExecuteAsync(TestData.GroupId);

        result.Value!.Count.Should().Be(0);
        result.Value.Truncated.Should().BeFalse();
    }

    [Fact]
    public async Task ExecuteAsync_GroupNotFound_NamesTheGroup()
    {
        _fixture.Directory.Setup(d => d.ListGroupMembersAsync(Group(), false, 100, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Failure<ListRead<EntraDirectoryObject>>(EntraErrorKind.NotFound, 404, "Request_ResourceNotFound"));

        var result = await _fixture.ListGroupMembers.ExecuteAsync(TestData.GroupIdUpper);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Be($"Group '{TestData.GroupId}' was not found.");
        result.Error.StatusCode.Should().Be(404);
    }

    [Theory]
    [MemberData(nameof(QueryFixture.Errors), MemberType = typeof(QueryFixture))]
    public async Task ExecuteAsync_DirectoryFails_KeepsKindAndNamesTheGroup(EntraErrorKind kind, int status, string code)
    {
        _fixture.Directory.Setup(d => d.ListGroupMembersAsync(Group(), false, 100, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Failure<ListRead<EntraDirectoryObject>>(kind, status, code));

        var result = await _fixture.ListGroupMembers.ExecuteAsync(TestData.GroupId);

        result.Error!.Kind.Should().Be(kind);
        result.Error.RequestId.Should().Be(TestData.RequestId);
        result.Error.Message.Should().Contain($"Group '{TestData.GroupId}'");
    }

    [Fact]
    public async Task ExecuteAsync_Forbidden_NamesThePermissions()
    {
        _fixture.Directory.Setup(d => d.ListGroupMembersAsync(Group(), false, 100, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Failure<ListRead<EntraDirectoryObject>>(EntraErrorKind.Forbidden, 403));

        var result = await _fixture.ListGroupMembers.ExecuteAsync(TestData.GroupId);

        result.Error!.Message.Should().Contain("GroupMember.Read.All").And.Contain("Member.Read.Hidden");
    }

    [Fact]
    public async Task ExecuteAsync_CancelledBeforeStart_ThrowsWithoutRequest()
    {
        var act = () => _fixture.ListGroupMembers.ExecuteAsync(TestData.GroupId, cancellationToken: new CancellationToken(canceled: true));

        await act.Should().ThrowAsync<OperationCanceledException>();
        _fixture.Directory.VerifyNoOtherCalls();
    }
}
