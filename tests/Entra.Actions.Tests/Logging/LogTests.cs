using Microsoft.Extensions.Logging;
using Moq;
using static Entra.Actions.Tests.TestData;

namespace Entra.Actions.Tests.Logging;

public class LogTests
{
    private readonly Mock<IEntraDirectory> _directory = TestData.Directory();
    private readonly RecordingLogger<AddUserToGroupAction> _logger = new();

    private AddUserToGroupAction Create() => new(_directory.Object, TestData.Options(), _logger);

    [Fact]
    public async Task AddUserToGroup_UpnSuccess_LogsUpnOnlyAtDebugAndChangeAtInformation()
    {
        _directory.SetupGroup(SecurityGroup());
        _directory.SetupUpn(Upn);
        _directory.Setup(d => d.AddGroupMemberAsync(GroupId, UserId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(MembershipOutcome.Added));

        await Create().ExecuteAsync(Upn, GroupId);

        _logger.Entries.Where(e => e.Message.Contains(Upn, StringComparison.Ordinal)).Should().NotBeEmpty()
            .And.OnlyContain(e => e.Level == LogLevel.Debug);
        _logger.Entries.Should().ContainSingle(e => e.EventId == 1002 && e.Level == LogLevel.Information)
            .Which.Message.Should().Contain(UserId).And.Contain(GroupId).And.Contain("Added");
    }

    [Fact]
    public async Task AddUserToGroup_InvalidInput_WarnsWithoutTheValue()
    {
        const string value = "john doe@contoso.com";

        await Create().ExecuteAsync(value, GroupId);

        var warning = _logger.Entries.Should().ContainSingle(e => e.Level == LogLevel.Warning).Subject;
        warning.EventId.Should().Be(1004);
        warning.Message.Should().Contain("User ID").And.NotContain("john");
    }

    [Fact]
    public async Task AddUserToGroup_Forbidden_WarnsWithKindStatusCodeAndRequestId()
    {
        _directory.SetupGroup(SecurityGroup());
        _directory.SetupUser();
        _directory.Setup(d => d.AddGroupMemberAsync(GroupId, UserId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Failure<MembershipOutcome>(GraphError(EntraErrorKind.Forbidden, 403, "Authorization_RequestDenied")));

        await Create().ExecuteAsync(UserId, GroupId);

        var warning = _logger.Entries.Should().ContainSingle(e => e.Level == LogLevel.Warning).Subject;
        warning.EventId.Should().Be(1003);
        warning.Message.Should().Contain("Forbidden").And.Contain("403").And.Contain("Authorization_RequestDenied").And.Contain(RequestId);
    }

    [Fact]
    public async Task AddUserToGroup_RefusedGroup_WarnsOnceWithTheGroupKind()
    {
        _directory.SetupGroup(Group("distribution"));

        await Create().ExecuteAsync(UserId, GroupId);

        var warning = _logger.Entries.Should().ContainSingle(e => e.Level == LogLevel.Warning).Subject;
        warning.EventId.Should().Be(1006);
        warning.Message.Should().Contain(GroupId).And.Contain("Distribution");
    }

    private sealed class RecordingLogger<T> : ILogger<T>
    {
        public List<(LogLevel Level, int EventId, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, eventId.Id, formatter(state, exception)));
    }
}
