using System.Text.Json.Nodes;
using Entra.Actions.Graph.Internal;
using Entra.Actions.Tests.TestSupport;

namespace Entra.Actions.Tests.Audit;

public sealed class TokenIdentityTests
{
    private const string AliceId = "aaaaaaaa-0000-4000-8000-00000000000a";
    private const string BobbyId = "bbbbbbbb-0000-4000-8000-00000000000b";

    private static string Delegated(string oid, string upn, string scp) => TestJwt.Encode(new JsonObject
    {
        ["tid"] = TestJwt.TenantId,
        ["azp"] = TestJwt.AppId,
        ["oid"] = oid,
        ["upn"] = upn,
        ["scp"] = scp,
    });

    [Fact]
    public void Claims_NoTokenSeen_AreNull() =>
        new TokenIdentity().Claims.Should().BeNull();

    [Fact]
    public void Observe_OpaqueToken_ClearsTheClaims()
    {
        var identity = new TokenIdentity();
        identity.Observe(TestJwt.Application("GroupMember.ReadWrite.All"));

        identity.Observe("opaque-token-value");

        identity.Claims.Should().BeNull();
    }

    [Fact]
    public void ActingIdentity_AppOnly_IsTheApplicationId()
    {
        var identity = new TokenIdentity();

        identity.Observe(TestJwt.Application("GroupMember.ReadWrite.All"));

        TokenIdentity.ActingIdentity(identity.Claims).Should().Be(TestJwt.AppId);
        identity.Claims!.TenantId.Should().Be(TestJwt.TenantId);
    }

    [Fact]
    public void ActingIdentity_Delegated_IsTheUserPrincipalName()
    {
        var identity = new TokenIdentity();

        identity.Observe(TestJwt.Delegated("GroupMember.ReadWrite.All"));

        TokenIdentity.ActingIdentity(identity.Claims).Should().Be(TestJwt.Upn);
    }

    [Fact]
    public void Observe_AnotherUsersTokenOfTheSameLengthAndEnding_TakesItsClaims()
    {
        // Unsigned tokens (as emulators and tests issue) end in the same characters when the last claim is the same;
        // a new signed-in user on the same connection must still be the acting identity.
        var alice = Delegated(AliceId, "alice@contoso.example", "GroupMember.ReadWrite.All User.Read.All");
        var bobby = Delegated(BobbyId, "bobby@contoso.example", "GroupMember.ReadWrite.All User.Read.All");
        alice.Length.Should().Be(bobby.Length);
        alice[^24..].Should().Be(bobby[^24..]);
        var identity = new TokenIdentity();
        identity.Observe(alice);

        identity.Observe(bobby);

        identity.Claims!.ObjectId.Should().Be(BobbyId);
        TokenIdentity.ActingIdentity(identity.Claims).Should().Be("bobby@contoso.example");
    }

    [Fact]
    public void Observe_SameTokenAgain_KeepsTheClaimsInstance()
    {
        var token = TestJwt.Application("GroupMember.ReadWrite.All");
        var identity = new TokenIdentity();
        identity.Observe(token);
        var first = identity.Claims;

        identity.Observe(new string(token.AsSpan()));

        identity.Claims.Should().BeSameAs(first);
    }
}
