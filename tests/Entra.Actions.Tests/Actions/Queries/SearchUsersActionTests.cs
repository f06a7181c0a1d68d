using Entra.Actions.Directory.Internal;
using Moq;
using static Entra.Actions.Tests.Actions.Queries.QueryFixture;

namespace Entra.Actions.Tests.Actions.Queries;

public class SearchUsersActionTests
{
    private readonly QueryFixture _fixture = new();

    [Theory]
    [MemberData(nameof(QueryFixture.InvalidTexts), MemberType = typeof(QueryFixture))]
    public async Task ExecuteAsync_InvalidQuery_InvalidInputNamingQueryWithoutRequest(string? query)
    {
        var result = await _fixture.SearchUsers.ExecuteAsync(query!);

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.Message.Should().StartWith("Query ");
        result.Error.StatusCode.Should().BeNull();
        _fixture.Directory.VerifyNoOtherCalls();
    }

    [Theory]
    [MemberData(nameof(QueryFixture.UnpairedSurrogateTexts), MemberType = typeof(QueryFixture))]
    public async Task ExecuteAsync_UnpairedSurrogate_InvalidInputWithoutRequest(int codeUnit)
    {
        var result = await _fixture.SearchUsers.ExecuteAsync(WithUnpairedSurrogate(codeUnit));

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.Message.Should().StartWith("Query ");
        _fixture.Directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExecuteAsync_QueryWithControlCharacter_MessageQuotesItEscaped()
    {
        var result = await _fixture.SearchUsers.ExecuteAsync("Ade\nle");

        result.Error!.Message.Should().Contain("control character").And.Contain("\\u000A").And.NotContain("\n");
    }

    [Theory]
    [MemberData(nameof(QueryFixture.InvalidLimits), MemberType = typeof(QueryFixture))]
    [InlineData(SearchUsersAction.MaxLimit + 1)]
    [InlineData(int.MaxValue)]
    public async Task ExecuteAsync_LimitOutOfRange_InvalidInputNamingLimitWithoutRequest(int limit)
    {
        var result = await _fixture.SearchUsers.ExecuteAsync("Ade", limit);

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.Message.Should().StartWith("Limit must be between 1 and 999");
        _fixture.Directory.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData("  Ade \t", "Ade", 25)]
    [InlineData("O'Brien", "O'Brien", 1)]
    [InlineData("\u05E9\u05DC\u05D5\u05DD \uD83D\uDE00", "\u05E9\u05DC\u05D5\u05DD \uD83D\uDE00", 999)]
    public async Task ExecuteAsync_ValidInput_SearchesTheTrimmedTextWithTheLimit(string query, string sent, int limit)
    {
        _fixture.Directory.Setup(d => d.SearchUsersAsync(sent, limit, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Read(truncated: true, TestData.User()));

        var result = await _fixture.SearchUsers.ExecuteAsync(query, limit);

        result.Succeeded.Should().BeTrue(result.Error?.ToString());
        result.Value!.Users.Should().ContainSingle().Which.Id.Should().Be(TestData.UserId);
        result.Value.Truncated.Should().BeTrue();
        _fixture.Directory.Verify(d => d.SearchUsersAsync(sent, limit, It.IsAny<CancellationToken>()), Times.Once);
        _fixture.Directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExecuteAsync_QueryOfExactlyMaxLength_IsSearched()
    {
        var query = new string('z', SearchUsersAction.MaxQueryLength);
        _fixture.Directory.Setup(d => d.SearchUsersAsync(query, SearchUsersAction.DefaultLimit, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Read<EntraUser>(truncated: false));

        var result = await _fixture.SearchUsers.ExecuteAsync(query);

        result.Succeeded.Should().BeTrue();
        result.Value!.Users.Should().BeEmpty();
        result.Value.Truncated.Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(QueryFixture.Errors), MemberType = typeof(QueryFixture))]
    public async Task ExecuteAsync_DirectoryFails_KeepsKindStatusAndRequestIdAndNamesTheQuery(EntraErrorKind kind, int status, string code)
    {
        _fixture.Directory.Setup(d => d.SearchUsersAsync("Ade", 25, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Failure<ListRead<EntraUser>>(kind, status, code));

        var result = await _fixture.SearchUsers.ExecuteAsync("Ade");

        result.Error!.Kind.Should().Be(kind);
        result.Error.StatusCode.Should().Be(status);
        result.Error.GraphErrorCode.Should().Be(code);
        result.Error.RequestId.Should().Be(TestData.RequestId);
        result.Error.Message.Should().Contain("Users matching 'Ade'");
    }

    [Fact]
    public async Task ExecuteAsync_Forbidden_NamesThePermission()
    {
        _fixture.Directory.Setup(d => d.SearchUsersAsync("Ade", 25, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Failure<ListRead<EntraUser>>(EntraErrorKind.Forbidden, 403));

        var result = await _fixture.SearchUsers.ExecuteAsync("Ade");

        result.Error!.Message.Should().Contain("needs User.Read.All");
    }

    [Fact]
    public async Task ExecuteAsync_DirectoryThrows_ServiceErrorNotException()
    {
        _fixture.Directory.Setup(d => d.SearchUsersAsync("Ade", 25, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("boom https://graph.microsoft.com/v1.0/users"));

        var result = await _fixture.SearchUsers.ExecuteAsync("Ade");

        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Error.Message.Should().NotContain("graph.microsoft.com");
    }

    [Fact]
    public async Task ExecuteAsync_CancelledBeforeStart_ThrowsWithoutRequest()
    {
        var act = () => _fixture.SearchUsers.ExecuteAsync("Ade", cancellationToken: new CancellationToken(canceled: true));

        await act.Should().ThrowAsync<OperationCanceledException>();
        _fixture.Directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExecuteAsync_CancelledDuringTheRead_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        _fixture.Directory.Setup(d => d.SearchUsersAsync("Ade", 25, cancellation.Token))
            .Returns(async () =>
            {
                await cancellation.CancelAsync();
                cancellation.Token.ThrowIfCancellationRequested();
                return Read<EntraUser>(truncated: false);
            });

        var act = () => _fixture.SearchUsers.ExecuteAsync("Ade", cancellationToken: cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}
