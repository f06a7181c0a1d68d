using Azure.Core;

namespace Entra.Actions.Tests.OAuth;

// Names that one part of the flow counts as one connection must be one connection for every part: the in-memory state
// (credential, cached access token, refresh gate) and the stored refresh token.
public sealed class ConnectionNameFoldingTests
{
    private static readonly TokenRequestContext GraphScope = new(["https://graph.microsoft.com/.default"]);

    // Kelvin sign / k, micro sign / Greek capital mu, long s / s, final sigma / sigma, full-width / ASCII, case only.
    public static TheoryData<string, string> SameConnection => new()
    {
        { "kontoso", "\u212Aontoso" },
        { "\u039Cars", "\u00B5ars" },
        { "\u00B5ars", "\u03BCars" },
        { "\u017Fales", "sales" },
        { "\u017Fales", "SALES" },
        { "\u03A3\u03B9\u03C2", "\u03C3\u03B9\u03C3" },
        { "\uFF43ontoso", "contoso" },
        { "Contoso", "contoso" },
    };

    // Dotless i and dotted capital I are letters of their own, not case variants of i.
    public static TheoryData<string, string> DifferentConnections => new()
    {
        { "\u0131ntune", "intune" },
        { "\u0130ntune", "intune" },
        { "\u0131ntune", "\u0130ntune" },
        { "contoso", "contoso2" },
    };

    [Theory]
    [MemberData(nameof(SameConnection))]
    public async Task Connect_NameThatFoldsTogether_IsTheSameConnectionInMemoryAndInTheStore(string connected, string other)
    {
        var fixture = new FlowFixture();
        await fixture.ConnectAsync(connected);

        fixture.Flow.GetCredential(other).Should().BeSameAs(fixture.Flow.GetCredential(connected));
        (await fixture.Flow.GetConnectionAsync(other)).Should().NotBeNull();
        (await fixture.Flow.GetCredential(other).GetTokenAsync(GraphScope, default)).Token.Should().NotBeNullOrEmpty();
        fixture.Stub.Forms.Should().ContainSingle("the other name takes the connection's cached token");

        (await fixture.Flow.DisconnectAsync(other)).Should().BeTrue();
        (await fixture.Flow.GetConnectionAsync(connected)).Should().BeNull();
        fixture.Store.Count.Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(DifferentConnections))]
    public async Task Connect_NameThatDoesNotFoldTogether_SharesNothingWithIt(string connected, string other)
    {
        var fixture = new FlowFixture();
        await fixture.ConnectAsync(connected);

        fixture.Flow.GetCredential(other).Should().NotBeSameAs(fixture.Flow.GetCredential(connected));
        (await fixture.Flow.GetConnectionAsync(other)).Should().BeNull();
        var act = async () => await fixture.Flow.GetCredential(other).GetTokenAsync(GraphScope, default);
        (await act.Should().ThrowAsync<Azure.Identity.AuthenticationFailedException>()).WithMessage("*not connected*");

        (await fixture.Flow.DisconnectAsync(other)).Should().BeFalse();
        (await fixture.Flow.GetConnectionAsync(connected)).Should().NotBeNull();
    }

    [Theory]
    [MemberData(nameof(DifferentConnections))]
    public async Task Connect_BothOfTwoDistinctNames_KeepsSeparateStoredAndCachedTokens(string first, string second)
    {
        var fixture = new FlowFixture();
        await fixture.ConnectAsync(first);
        fixture.Stub.Responder = form => Task.FromResult(TokenEndpointStub.Tokens(form, expiresIn: 7200, refreshNumber: 2));
        await fixture.ConnectAsync(second);

        fixture.Store.Count.Should().Be(2);
        var firstToken = await fixture.Flow.GetCredential(first).GetTokenAsync(GraphScope, default);
        var secondToken = await fixture.Flow.GetCredential(second).GetTokenAsync(GraphScope, default);
        firstToken.ExpiresOn.Should().Be(fixture.Time.GetUtcNow().AddHours(1));
        secondToken.ExpiresOn.Should().Be(fixture.Time.GetUtcNow().AddHours(2));
        fixture.Stub.Forms.Should().HaveCount(2, "each name took the token its own connect issued");

        (await fixture.Flow.DisconnectAsync(second)).Should().BeTrue();
        (await fixture.Flow.GetConnectionAsync(first)).Should().NotBeNull();
        (await fixture.Flow.GetCredential(first).GetTokenAsync(GraphScope, default)).Should().Be(firstToken);
    }
}
