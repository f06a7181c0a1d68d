using System.Text.Json.Nodes;
using Entra.Actions.Connections.Internal;
using Entra.Actions.Tests.TestSupport;

namespace Entra.Actions.Tests.Connections;

public sealed class AccessTokenClaimsTests
{
    [Fact]
    public void TryRead_DelegatedToken_ReadsScpAsSpaceSeparatedScopesAndTheUser()
    {
        var ok = AccessTokenClaims.TryRead(TestJwt.Delegated("User.Read.All  GroupMember.ReadWrite.All openid"), out var claims, out var error);

        ok.Should().BeTrue(error);
        claims!.PermissionModel.Should().Be(EntraPermissionModel.Delegated);
        claims.Permissions.Should().Equal("User.Read.All", "GroupMember.ReadWrite.All", "openid");
        claims.TenantId.Should().Be(TestJwt.TenantId);
        claims.UserPrincipalName.Should().Be(TestJwt.Upn);
        claims.ObjectId.Should().Be(TestJwt.UserId);
        claims.ApplicationId.Should().Be(TestJwt.AppId, "azp stands in for appid in v2 tokens");
        claims.DirectoryRoleTemplateIds.Should().Equal("fdd7a751-b60b-444a-984c-02652fe8fa1c");
    }

    [Fact]
    public void TryRead_ApplicationToken_ReadsRolesArrayAndNoUser()
    {
        var ok = AccessTokenClaims.TryRead(TestJwt.Application("GroupMember.ReadWrite.All", "User.Read.All"), out var claims, out _);

        ok.Should().BeTrue();
        claims!.PermissionModel.Should().Be(EntraPermissionModel.Application);
        claims.Permissions.Should().Equal("GroupMember.ReadWrite.All", "User.Read.All");
        claims.ApplicationId.Should().Be(TestJwt.AppId);
        claims.UserPrincipalName.Should().BeNull();
    }

    [Fact]
    public void TryRead_AppTokenWithNothingGranted_IsApplicationWithNoPermissions()
    {
        // Graph omits the roles claim entirely when no application permission is granted.
        var token = TestJwt.Encode(new JsonObject { ["tid"] = TestJwt.TenantId, ["appid"] = TestJwt.AppId });

        AccessTokenClaims.TryRead(token, out var claims, out _).Should().BeTrue();

        claims!.PermissionModel.Should().Be(EntraPermissionModel.Application);
        claims.Permissions.Should().BeEmpty();
    }

    [Fact]
    public void TryRead_UpnMissing_FallsBackToPreferredUsername()
    {
        var token = TestJwt.Encode(new JsonObject { ["tid"] = TestJwt.TenantId, ["scp"] = "User.Read.All", ["preferred_username"] = "ops@contoso.example" });

        AccessTokenClaims.TryRead(token, out var claims, out _).Should().BeTrue();

        claims!.UserPrincipalName.Should().Be("ops@contoso.example");
    }

    [Fact]
    public void TryRead_DuplicatesAndNonStringEntries_AreDropped()
    {
        var token = TestJwt.Encode(new JsonObject { ["roles"] = new JsonArray("User.Read.All", 42, "user.read.all", " ", "GroupMember.Read.All"), ["tid"] = 7 });

        AccessTokenClaims.TryRead(token, out var claims, out _).Should().BeTrue();

        claims!.Permissions.Should().Equal("User.Read.All", "GroupMember.Read.All");
        claims.TenantId.Should().BeNull("a tid that is not a string is not a tenant id");
    }

    public static TheoryData<string?, string> MalformedTokens => new()
    {
        { null, "empty" },
        { "   ", "empty" },
        { "opaque-token-without-dots", "not a JWT" },
        { "aaaa.bbbb", "not a JWT" },
        { "a.b.c.d.e", "not a JWT" },
        { "eyJhbGciOiJub25lIn0.!!!not-base64!!!.sig", "base64url" },
        { $"eyJhbGciOiJub25lIn0.{TestJwt.B64("not json at all")}.sig", "not valid JSON" },
        { $"eyJhbGciOiJub25lIn0.{TestJwt.B64("[\"scp\"]")}.sig", "not a JSON object" },
        { $"eyJhbGciOiJub25lIn0.{TestJwt.B64("{\"scp\": ")}.sig", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(MalformedTokens))]
    public void TryRead_MalformedToken_FailsWithAReasonThatDoesNotQuoteTheToken(string? token, string reason)
    {
        var ok = AccessTokenClaims.TryRead(token, out var claims, out var error);

        ok.Should().BeFalse();
        claims.Should().BeNull();
        error.Should().Contain(reason);
        if (!string.IsNullOrWhiteSpace(token))
        {
            error.Should().NotContain(token);
        }
    }
}
