using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Core;

namespace Entra.Actions.Tests.TestSupport;

/// <summary>Unsigned test JWTs with chosen claims, and a credential that hands one out.</summary>
public static class TestJwt
{
    public const string TenantId = "7a1c1d2e-0000-4000-8000-00000000c0de";
    public const string AppId = "11111111-2222-4333-8444-555555555555";
    public const string UserId = "99999999-8888-4777-8666-555555555555";
    public const string Upn = "svc-flows@contoso.example";

    public static string Encode(JsonObject payload) =>
        $"{B64("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{B64(payload.ToJsonString())}.c2lnbmF0dXJl";

    public static string B64(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    public static string Application(params string[] roles) => Encode(new JsonObject
    {
        ["tid"] = TenantId,
        ["appid"] = AppId,
        ["oid"] = "5f0c0de0-0000-4000-8000-5e2f1ce00001",
        ["idtyp"] = "app",
        ["roles"] = new JsonArray([.. roles.Select(r => (JsonNode)r)]),
    });

    public static string Delegated(string scp) => Encode(new JsonObject
    {
        ["tid"] = TenantId,
        ["azp"] = AppId,
        ["oid"] = UserId,
        ["upn"] = Upn,
        ["scp"] = scp,
        ["wids"] = new JsonArray("fdd7a751-b60b-444a-984c-02652fe8fa1c"),
    });

    public static TokenCredential Credential(string token) => new FixedTokenCredential(token);

    private sealed class FixedTokenCredential(string token) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }
}
