using Moq;
using static Entra.Actions.Tests.TestData;

namespace Entra.Actions.Tests.Actions;

public class LookupUserActionTests
{
    private readonly Mock<IEntraDirectory> _directory = TestData.Directory();

    [Fact]
    public async Task ExecuteAsync_Guid_ReturnsUserFromNormalizedId()
    {
        _directory.Setup(d => d.GetUserAsync(UserId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(User()));

        var result = await LookupUser(_directory).ExecuteAsync(UserIdUpper);

        result.Succeeded.Should().BeTrue();
        result.Value!.Id.Should().Be(UserId);
        result.Value.DisplayName.Should().Be("Adele Vance");
        _directory.Verify(d => d.GetUserAsync(UserId, NoProperties(), It.IsAny<CancellationToken>()), Times.Once);
        _directory.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData(Upn)]
    [InlineData(GuestUpn)]
    public async Task ExecuteAsync_UserPrincipalName_IsPassedAsGiven(string upn)
    {
        _directory.Setup(d => d.GetUserAsync(upn, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(User()));

        var result = await LookupUser(_directory).ExecuteAsync(upn);

        result.Succeeded.Should().BeTrue();
        _directory.Verify(d => d.GetUserAsync(upn, NoProperties(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ExecuteAsync_ExtraProperties_PassesValidatedDistinctNonDefaultNames()
    {
        IReadOnlyCollection<string>? sent = null;
        _directory.Setup(d => d.GetUserAsync(UserId, It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .Callback<string, IReadOnlyCollection<string>, CancellationToken>((_, p, _) => sent = p)
            .ReturnsAsync(EntraActionResult.Success(User()));

        var result = await LookupUser(_directory).ExecuteAsync(UserId, ["department", "Department", "displayName", "accountEnabled"]);

        result.Succeeded.Should().BeTrue();
        sent.Should().Equal("department", "accountEnabled");
    }

    [Theory]
    [MemberData(nameof(HostileIds), MemberType = typeof(TestData))]
    public async Task ExecuteAsync_InvalidUserId_ReturnsInvalidInputWithoutRequest(string? userId)
    {
        var result = await LookupUser(_directory).ExecuteAsync(userId!);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.Message.Should().StartWith("User ID");
        _directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExecuteAsync_InvalidPropertyName_ReturnsInvalidInputWithoutRequest()
    {
        var result = await LookupUser(_directory).ExecuteAsync(UserId, ["department", "manager/id"]);

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.Message.Should().Contain("'manager/id'");
        _directory.VerifyNoOtherCalls();
    }

    [Theory]
    [MemberData(nameof(DirectoryErrors), MemberType = typeof(TestData))]
    public async Task ExecuteAsync_DirectoryFails_KeepsKindStatusCodeAndRequestIdAndNamesTheUser(EntraErrorKind kind, int status, string code)
    {
        var retryAfter = kind == EntraErrorKind.Throttled ? TimeSpan.FromSeconds(2.128) : (TimeSpan?)null;
        _directory.Setup(d => d.GetUserAsync(Upn, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Failure<EntraUser>(GraphError(kind, status, code, retryAfter)));

        var result = await LookupUser(_directory).ExecuteAsync(Upn);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(kind);
        result.Error.StatusCode.Should().Be(status);
        result.Error.GraphErrorCode.Should().Be(code);
        result.Error.RequestId.Should().Be(RequestId);
        result.Error.RetryAfter.Should().Be(retryAfter);
        result.Error.Message.Should().Contain($"User '{Upn}'");
    }

    [Fact]
    public async Task ExecuteAsync_NotFound_SaysUserWasNotFound()
    {
        _directory.Setup(d => d.GetUserAsync(UserId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Failure<EntraUser>(GraphError(EntraErrorKind.NotFound, 404, "Request_ResourceNotFound")));

        var result = await LookupUser(_directory).ExecuteAsync(UserId);

        result.Error!.Message.Should().Be($"User '{UserId}' was not found.");
    }

    [Fact]
    public async Task ExecuteAsync_Forbidden_NamesUserReadAll()
    {
        _directory.Setup(d => d.GetUserAsync(UserId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Failure<EntraUser>(GraphError(EntraErrorKind.Forbidden, 403, "Authorization_RequestDenied")));

        var result = await LookupUser(_directory).ExecuteAsync(UserId);

        result.Error!.Message.Should().Contain("User.Read.All");
    }

    [Fact]
    public async Task ExecuteAsync_ServiceError_KeepsTheDirectoryMessage()
    {
        _directory.Setup(d => d.GetUserAsync(UserId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Failure<EntraUser>(GraphError(EntraErrorKind.ServiceError, 503, "serviceNotAvailable")));

        var result = await LookupUser(_directory).ExecuteAsync(UserId);

        result.Error!.Message.Should().Be($"User '{UserId}' could not be read: Graph said serviceNotAvailable.");
    }

    [Fact]
    public async Task ExecuteAsync_DirectoryThrows_ReturnsServiceError()
    {
        _directory.Setup(d => d.GetUserAsync(UserId, NoProperties(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("connection refused"));

        var result = await LookupUser(_directory).ExecuteAsync(UserId);

        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Error.Message.Should().Contain("HttpRequestException").And.Contain(UserId);
    }

    [Fact]
    public async Task ExecuteAsync_DirectoryReturnsNull_ReturnsServiceError()
    {
        _directory.Setup(d => d.GetUserAsync(UserId, NoProperties(), It.IsAny<CancellationToken>()))
            .Returns(Task.FromResult<EntraActionResult<EntraUser>>(null!));

        var result = await LookupUser(_directory).ExecuteAsync(UserId);

        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
    }

    [Fact]
    public async Task ExecuteAsync_DirectoryCancelled_PropagatesOperationCanceledException()
    {
        using var cts = new CancellationTokenSource();
        _directory.Setup(d => d.GetUserAsync(UserId, NoProperties(), cts.Token))
            .Callback(() => cts.Cancel())
            .ThrowsAsync(new OperationCanceledException(cts.Token));

        var act = () => LookupUser(_directory).ExecuteAsync(UserId, cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Theory]
    [MemberData(nameof(UncausedCancellations), MemberType = typeof(TestData))]
    public async Task ExecuteAsync_DirectoryCancelledNotByCaller_ReturnsServiceError(string exceptionType)
    {
        using var cts = new CancellationTokenSource();
        _directory.Setup(d => d.GetUserAsync(UserId, NoProperties(), cts.Token))
            .ThrowsAsync(Cancellation(exceptionType));

        var result = await LookupUser(_directory).ExecuteAsync(UserId, cts.Token);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Error.Message.Should().Contain($"User '{UserId}'").And.Contain(exceptionType);
    }

    [Fact]
    public async Task ExecuteAsync_DirectoryThrowsOtherExceptionAfterCallerCancelled_PropagatesOperationCanceledException()
    {
        using var cts = new CancellationTokenSource();
        _directory.Setup(d => d.GetUserAsync(UserId, NoProperties(), cts.Token))
            .Callback(() => cts.Cancel())
            .ThrowsAsync(new ObjectDisposedException("HttpClient"));

        var act = () => LookupUser(_directory).ExecuteAsync(UserId, cts.Token);

        await act.Should().ThrowExactlyAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task ExecuteAsync_AlreadyCancelled_ThrowsWithoutRequest()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var act = () => LookupUser(_directory).ExecuteAsync(UserId, cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        _directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExecuteAsync_Token_IsPassedToTheDirectory()
    {
        using var cts = new CancellationTokenSource();
        _directory.Setup(d => d.GetUserAsync(UserId, NoProperties(), cts.Token))
            .ReturnsAsync(EntraActionResult.Success(User()));

        var result = await LookupUser(_directory).ExecuteAsync(UserId, cts.Token);

        result.Succeeded.Should().BeTrue();
        _directory.Verify(d => d.GetUserAsync(UserId, NoProperties(), cts.Token), Times.Once);
    }
}
