using System.Text.Json.Nodes;

namespace Entra.Actions.Emulator;

/// <summary>
/// Issues unsigned test JWTs (<c>alg: none</c>, <c>header.payload.</c>) that the emulator accepts. Never accepted by real Graph.
/// </summary>
/// <remarks>
/// Delegated tokens carry <c>scp</c> (space-separated scopes), <c>oid</c>, <c>upn</c> and <c>preferred_username</c>;
/// application tokens carry <c>roles</c> (an array). Both carry <c>tid</c>, <c>appid</c>/<c>azp</c>, <c>aud</c>, <c>iat</c> and <c>exp</c>.
/// </remarks>
public static class EmulatorTokens
{
    /// <summary>
    /// The permissions the Entra.Actions connection asks for: User.Read.All, Group.Read.All, GroupMember.Read.All and
    /// GroupMember.ReadWrite.All.
    /// </summary>
    public static IReadOnlyList<string> DefaultPermissions { get; } =
        ["User.Read.All", "Group.Read.All", "GroupMember.Read.All", "GroupMember.ReadWrite.All"];

    /// <summary>Creates a delegated (user) token.</summary>
    /// <param name="scopes">The granted scopes, for example <c>GroupMember.ReadWrite.All</c>.</param>
    /// <param name="userObjectId">The signed-in user's object id; defaults to <see cref="DemoTenant.AdeleVanceId"/>.</param>
    /// <param name="userPrincipalName">The signed-in user's UPN; defaults to <see cref="DemoTenant.AdeleVanceUpn"/>.</param>
    /// <param name="tenantId">The <c>tid</c>; defaults to <see cref="DemoTenant.TenantId"/>. Must match the emulated directory.</param>
    /// <param name="lifetime">The lifetime from now (the real clock: for an emulator on another clock, use
    /// <see cref="GraphEmulator.CreateApplicationCredential"/> or <see cref="GraphEmulator.CreateDelegatedCredential"/>);
    /// negative for an expired token. Defaults to one hour.</param>
    /// <param name="applicationId">The client id; defaults to <see cref="DemoTenant.ApplicationId"/>.</param>
    /// <returns>The token (without the <c>Bearer </c> prefix).</returns>
    public static string CreateDelegated(
        IEnumerable<string> scopes,
        string? userObjectId = null,
        string? userPrincipalName = null,
        string? tenantId = null,
        TimeSpan? lifetime = null,
        string? applicationId = null)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        return CreateDelegatedAt(DateTimeOffset.UtcNow, scopes, userObjectId, userPrincipalName, tenantId, lifetime, applicationId);
    }

    /// <summary>Creates a delegated token issued at <paramref name="now"/> (the emulator's clock).</summary>
    internal static string CreateDelegatedAt(
        DateTimeOffset now,
        IEnumerable<string> scopes,
        string? userObjectId,
        string? userPrincipalName,
        string? tenantId,
        TimeSpan? lifetime,
        string? applicationId)
    {
        var payload = Common(now, tenantId, lifetime, applicationId);
        payload["oid"] = userObjectId ?? DemoTenant.AdeleVanceId;
        payload["upn"] = userPrincipalName ?? DemoTenant.AdeleVanceUpn;
        payload["preferred_username"] = userPrincipalName ?? DemoTenant.AdeleVanceUpn;
        payload["scp"] = string.Join(' ', scopes);
        return Encode(payload);
    }

    /// <summary>Creates an application (app-only) token.</summary>
    /// <param name="roles">The granted application permissions, for example <c>GroupMember.ReadWrite.All</c>.</param>
    /// <param name="applicationId">The client id; defaults to <see cref="DemoTenant.ApplicationId"/>. Throttling buckets are per application and tenant.</param>
    /// <param name="tenantId">The <c>tid</c>; defaults to <see cref="DemoTenant.TenantId"/>. Must match the emulated directory.</param>
    /// <param name="lifetime">The lifetime from now (the real clock: for an emulator on another clock, use
    /// <see cref="GraphEmulator.CreateApplicationCredential"/> or <see cref="GraphEmulator.CreateDelegatedCredential"/>);
    /// negative for an expired token. Defaults to one hour.</param>
    /// <returns>The token (without the <c>Bearer </c> prefix).</returns>
    public static string CreateApplication(
        IEnumerable<string> roles,
        string? applicationId = null,
        string? tenantId = null,
        TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(roles);
        return CreateApplicationAt(DateTimeOffset.UtcNow, roles, applicationId, tenantId, lifetime);
    }

    /// <summary>Creates an application token issued at <paramref name="now"/> (the emulator's clock).</summary>
    internal static string CreateApplicationAt(DateTimeOffset now, IEnumerable<string> roles, string? applicationId, string? tenantId, TimeSpan? lifetime)
    {
        var payload = Common(now, tenantId, lifetime, applicationId);
        payload["oid"] = "5f0c0de0-0000-4000-8000-5e2f1ce00001";
        payload["idtyp"] = "app";
        payload["roles"] = new JsonArray([.. roles.Select(r => (JsonNode)r)]);
        return Encode(payload);
    }

    /// <summary>Creates an OpenID Connect id token (unsigned, <c>aud</c> = the client) issued at <paramref name="now"/>.</summary>
    internal static string CreateIdTokenAt(DateTimeOffset now, string clientId, string tenantId, string userObjectId, string userPrincipalName, string name, string? nonce)
    {
        var payload = new JsonObject
        {
            ["aud"] = clientId,
            ["iss"] = $"https://login.microsoftonline.com/{tenantId}/v2.0",
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
            ["name"] = name,
            ["oid"] = userObjectId,
            ["preferred_username"] = userPrincipalName,
            ["sub"] = userObjectId,
            ["tid"] = tenantId,
            ["ver"] = "2.0",
        };
        if (nonce is not null)
        {
            payload["nonce"] = nonce;
        }

        return Encode(payload);
    }

    internal static DateTimeOffset ReadExpiry(string token)
    {
        var payload = JsonNode.Parse(TokenReader.Base64UrlDecode(token.Split('.')[1]))!;
        return DateTimeOffset.FromUnixTimeSeconds(payload["exp"]!.GetValue<long>());
    }

    private static JsonObject Common(DateTimeOffset now, string? tenantId, TimeSpan? lifetime, string? applicationId)
    {
        var appId = applicationId ?? DemoTenant.ApplicationId;
        var tid = tenantId ?? DemoTenant.TenantId;
        return new JsonObject
        {
            ["aud"] = "https://graph.microsoft.com",
            ["iss"] = $"https://sts.windows.net/{tid}/",
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.Add(lifetime ?? TimeSpan.FromHours(1)).ToUnixTimeSeconds(),
            ["tid"] = tid,
            ["appid"] = appId,
            ["azp"] = appId,
        };
    }

    private static string Encode(JsonObject payload) =>
        $"{TokenReader.Base64UrlEncode("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{TokenReader.Base64UrlEncode(payload.ToJsonString(GraphErrors.JsonOptions))}.";
}
