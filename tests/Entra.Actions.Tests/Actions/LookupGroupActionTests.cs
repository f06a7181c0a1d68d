using Moq;
using static Entra.Actions.Tests.TestData;

namespace Entra.Actions.Tests.Actions;

public class LookupGroupActionTests
{
    private readonly Mock<IEntraDirectory> _directory = TestData.Directory();

    [Fact]
    public async Task ExecuteAsync_Guid_ReturnsGroupFromNormalizedId()
    {
        _directory.Setup(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(Group("dynamicm365")));

        var result = await LookupGroup(_directory).ExecuteAsync(GroupIdUpper);

        result.Succeeded.Should().BeTrue();
        result.Value!.Kind.Should().Be(EntraGroupKind.Microsoft365);
        result.Value.IsDynamic.Should().BeTrue();
        _directory.Verify(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()), Times.Once);
        _directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExecuteAsync_ExtraProperties_PassesValidatedNonDefaultNames()
    {
        IReadOnlyCollection<string>? sent = null;
        _directory.Setup(d => d.GetGroupAsync(GroupId, It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .Callback<string, IReadOnlyCollection<string>, CancellationToken>((_, p, _) => sent = p)
            .ReturnsAsync(EntraActionResult.Success(SecurityGroup()));

        var result = await LookupGroup(_directory).ExecuteAsync(GroupId, ["classification", "groupTypes", "CLASSIFICATION"]);

        result.Succeeded.Should().BeTrue();
        sent.Should().Equal("classification");
    }

    [Theory]
    [MemberData(nameof(HostileIds), MemberType = typeof(TestData))]
    [InlineData(Upn)]
    [InlineData("G1")]
    public async Task ExecuteAsync_InvalidGroupId_ReturnsInvalidInputWithoutRequest(string? groupId)
    {
        var result = await LookupGroup(_directory).ExecuteAsync(groupId!);

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.Message.Should().StartWith("Group ID");
        _directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExecuteAsync_InvalidPropertyName_ReturnsInvalidInputWithoutRequest()
    {
        var result = await LookupGroup(_directory).ExecuteAsync(GroupId, ["members($select=id)"]);

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        _directory.VerifyNoOtherCalls();
    }

    [Theory]
    [MemberData(nameof(DirectoryErrors), MemberType = typeof(TestData))]
    public async Task ExecuteAsync_DirectoryFails_KeepsKindStatusCodeAndRequestIdAndNamesTheGroup(EntraErrorKind kind, int status, string code)
    {
        _directory.Setup(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Failure<EntraGroup>(GraphError(kind, status, code)));

        var result = await LookupGroup(_directory).ExecuteAsync(GroupId);

        result.Error!.Kind.Should().Be(kind);
        result.Error.StatusCode.Should().Be(status);
        result.Error.GraphErrorCode.Should().Be(code);
        result.Error.RequestId.Should().Be(RequestId);
        result.Error.Message.Should().Contain($"Group '{GroupId}'");
    }

    [Fact]
    public async Task ExecuteAsync_NotFound_SaysGroupWasNotFound()
    {
        _directory.Setup(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Failure<EntraGroup>(GraphError(EntraErrorKind.NotFound, 404, "Request_ResourceNotFound")));

        var result = await LookupGroup(_directory).ExecuteAsync(GroupId);

        result.Error!.Message.Should().Be($"Group '{GroupId}' was not found.");
    }

    [Fact]
    public async Task ExecuteAsync_Forbidden_NamesGroupMemberReadAll()
    {
        _directory.Setup(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Failure<EntraGroup>(GraphError(EntraErrorKind.Forbidden, 403, "Authorization_RequestDenied")));

        var result = await LookupGroup(_directory).ExecuteAsync(GroupId);

        result.Error!.Message.Should().Contain("GroupMember.Read.All");
    }

    [Fact]
    public async Task ExecuteAsync_DirectoryCancelled_PropagatesOperationCanceledException()
    {
        using var cts = new CancellationTokenSource();
        _directory.Setup(d => d.GetGroupAsync(GroupId, NoProperties(), cts.Token))
            .Callback(() => cts.Cancel())
            .ThrowsAsync(new TaskCanceledException(null, null, cts.Token));

        var act = () => LookupGroup(_directory).ExecuteAsync(GroupId, cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Theory]
    [MemberData(nameof(UncausedCancellations), MemberType = typeof(TestData))]
    public async Task ExecuteAsync_DirectoryCancelledNotByCaller_ReturnsServiceError(string exceptionType)
    {
        _directory.Setup(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(Cancellation(exceptionType));

        var result = await LookupGroup(_directory).ExecuteAsync(GroupId);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Error.Message.Should().Contain($"Group '{GroupId}'").And.Contain(exceptionType);
    }
}
