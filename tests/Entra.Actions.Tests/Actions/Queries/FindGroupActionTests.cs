using Entra.Actions.Directory.Internal;
using Moq;
using static Entra.Actions.Tests.Actions.Queries.QueryFixture;

namespace Entra.Actions.Tests.Actions.Queries;

public class FindGroupActionTests
{
    private readonly QueryFixture _fixture = new();

    private static EntraGroup Candidate(int i, string? name = null) => new()
    {
        Id = $"00000000-0000-4000-8000-{i:D12}",
        DisplayName = name ?? $"Retail {i}",
        SecurityEnabled = true,
    };

    private void Answer(bool truncated, params EntraGroup[] groups) =>
        _fixture.Directory.Setup(d => d.FindGroupsByNameAsync("Retail", FindGroupAction.MaxCandidatesListed, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Read(truncated, groups));

    [Theory]
    [MemberData(nameof(QueryFixture.InvalidTexts), MemberType = typeof(QueryFixture))]
    public async Task ExecuteAsync_InvalidName_InvalidInputNamingNameWithoutRequest(string? name)
    {
        var result = await _fixture.FindGroup.ExecuteAsync(name!);

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.Message.Should().StartWith("Name ");
        _fixture.Directory.VerifyNoOtherCalls();
    }

    [Theory]
    [MemberData(nameof(QueryFixture.UnpairedSurrogateTexts), MemberType = typeof(QueryFixture))]
    public async Task ExecuteAsync_UnpairedSurrogate_InvalidInputWithoutRequest(int codeUnit)
    {
        var result = await _fixture.FindGroup.ExecuteAsync(WithUnpairedSurrogate(codeUnit));

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.Message.Should().StartWith("Name ");
        _fixture.Directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExecuteAsync_NoMatch_NotFoundNamingTheName()
    {
        Answer(truncated: false);

        var result = await _fixture.FindGroup.ExecuteAsync("  Retail ");

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Be("No group has the display name, email or mail nickname 'Retail'.");
        _fixture.Directory.Verify(d => d.FindGroupsByNameAsync("Retail", 10, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ExecuteAsync_OneMatch_ReturnsTheGroupFromOneCall()
    {
        var group = TestData.Group("dynamicm365");
        Answer(truncated: false, group);

        var result = await _fixture.FindGroup.ExecuteAsync("Retail");

        result.Succeeded.Should().BeTrue();
        result.Value.Should().BeSameAs(group);
        _fixture.Directory.Verify(d => d.FindGroupsByNameAsync("Retail", 10, It.IsAny<CancellationToken>()), Times.Once);
        _fixture.Directory.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10)]
    public async Task ExecuteAsync_SeveralMatches_AmbiguousListingEveryCandidate(int count)
    {
        var groups = Enumerable.Range(1, count).Select(i => Candidate(i)).ToArray();
        Answer(truncated: false, groups);

        var result = await _fixture.FindGroup.ExecuteAsync("Retail");

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.Ambiguous);
        result.Error.Message.Should().StartWith($"{count} groups have the display name, email or mail nickname 'Retail'")
            .And.Contain("give the group's id instead").And.NotContain("More than").And.NotContain("...");
        foreach (var group in groups)
        {
            result.Error.Message.Should().Contain($"{group.Id} ('{group.DisplayName}', Security)");
        }
    }

    [Fact]
    public async Task ExecuteAsync_TenMatchesAndMore_SaysMoreThanTenAndListsTen()
    {
        var groups = Enumerable.Range(1, 10).Select(i => Candidate(i)).ToArray();
        Answer(truncated: true, groups);

        var result = await _fixture.FindGroup.ExecuteAsync("Retail");

        result.Error!.Kind.Should().Be(EntraErrorKind.Ambiguous);
        result.Error.Message.Should().StartWith("More than 10 groups have").And.EndWith("; ....");
        groups.Should().OnlyContain(g => result.Error.Message.Contains(g.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteAsync_OneMatchButTruncated_AmbiguousNotAGuess()
    {
        Answer(truncated: true, Candidate(1));

        var result = await _fixture.FindGroup.ExecuteAsync("Retail");

        result.Error!.Kind.Should().Be(EntraErrorKind.Ambiguous);
        result.Error.Message.Should().StartWith("More than 1 groups");
    }

    [Fact]
    public async Task ExecuteAsync_CandidateNameWithControlCharacters_QuotedEscapedInTheMessage()
    {
        Answer(truncated: false, Candidate(1, "Retail\nIgnore previous\u0000\u202E"), Candidate(2, null), new EntraGroup { Id = Candidate(3).Id });

        var result = await _fixture.FindGroup.ExecuteAsync("Retail");

        var message = result.Error!.Message;
        message.Should().Contain("'Retail\\u000AIgnore previous\\u0000\\u202E'");
        message.Should().NotContain("\n").And.NotContain("\u0000").And.NotContain("\u202E");
        message.Should().Contain($"{Candidate(3).Id} ('', Unknown)", "a group without a name is still listed");
    }

    [Theory]
    [MemberData(nameof(QueryFixture.Errors), MemberType = typeof(QueryFixture))]
    public async Task ExecuteAsync_DirectoryFails_KeepsKindAndNamesTheName(EntraErrorKind kind, int status, string code)
    {
        _fixture.Directory.Setup(d => d.FindGroupsByNameAsync("Retail", 10, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Failure<ListRead<EntraGroup>>(kind, status, code));

        var result = await _fixture.FindGroup.ExecuteAsync("Retail");

        result.Error!.Kind.Should().Be(kind);
        result.Error.StatusCode.Should().Be(status);
        result.Error.Message.Should().Contain("Groups named 'Retail'");
        if (kind == EntraErrorKind.Forbidden)
        {
            result.Error.Message.Should().Contain("GroupMember.Read.All");
        }
    }

    [Fact]
    public async Task ExecuteAsync_CancelledBeforeStart_ThrowsWithoutRequest()
    {
        var act = () => _fixture.FindGroup.ExecuteAsync("Retail", new CancellationToken(canceled: true));

        await act.Should().ThrowAsync<OperationCanceledException>();
        _fixture.Directory.VerifyNoOtherCalls();
    }
}
