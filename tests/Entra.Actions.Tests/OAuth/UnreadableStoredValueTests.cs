using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Entra.Actions.Tests.OAuth;

/// <summary>A token-store value that decrypts but is not what the flow wrote (corrupted, truncated, another writer) reads as absent.</summary>
public sealed class UnreadableStoredValueTests : IDisposable
{
    private const string Garbage = "{\"refreshToken\":\"rt-secret-garbage-value\", not json";

    private readonly FakeLoggerProvider _logs = new();

    private FlowFixture NewFixture() =>
        new(configureServices: services => services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs)));

    private FakeLogRecord Warning() =>
        _logs.Collector.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 6007).Subject;

    public void Dispose() => _logs.Dispose();

    [Theory]
    [InlineData(Garbage)]
    [InlineData("[1, 2]")]
    [InlineData("{}")]
    public async Task GetConnectionAsync_StoredValueNotAConnection_NotConnectedAndWarningWithoutTheValue(string value)
    {
        var fixture = NewFixture();
        await fixture.Store.SetAsync("connection:contoso", value, null);

        var account = await fixture.Flow.GetConnectionAsync("contoso");

        account.Should().BeNull();
        var warning = Warning();
        warning.Level.Should().Be(LogLevel.Warning);
        warning.Message.Should().Contain("contoso").And.NotContain("rt-secret").And.NotContain("not json");
    }

    [Fact]
    public async Task GetCredential_StoredValueNotJson_AuthenticationFailedAsNotConnectedWithoutCallingEntra()
    {
        var fixture = NewFixture();
        await fixture.Store.SetAsync("connection:contoso", Garbage, null);

        var act = async () => await fixture.Flow.GetCredential("contoso").GetTokenAsync(new TokenRequestContext(["https://graph.microsoft.com/.default"]), default);

        (await act.Should().ThrowExactlyAsync<AuthenticationFailedException>()).WithMessage("*is not connected*");
        fixture.Stub.Forms.Should().BeEmpty();
        Warning().Level.Should().Be(LogLevel.Warning);
    }

    [Fact]
    public async Task CompleteConnect_PendingValueNotJson_InvalidStateWithoutCallingEntra()
    {
        var fixture = NewFixture();
        await fixture.Store.SetAsync("pending:the-state", Garbage, null);

        var result = await fixture.Flow.CompleteConnectAsync("the-state", "the-code");

        result.Error!.Kind.Should().Be(EntraConnectErrorKind.InvalidState);
        fixture.Stub.Forms.Should().BeEmpty();
        Warning().Message.Should().NotContain("the-state").And.NotContain("rt-secret");
    }

    [Fact]
    public async Task Reconnect_OverAnUnreadableValue_ConnectsAgain()
    {
        var fixture = NewFixture();
        await fixture.Store.SetAsync("connection:contoso", Garbage, null);

        var result = await fixture.ConnectAsync();

        result.Succeeded.Should().BeTrue(result.ToString());
        (await fixture.Flow.GetConnectionAsync("contoso"))!.ObjectId.Should().Be("oid-1");
    }
}
