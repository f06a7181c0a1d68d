using System.Text;
using System.Text.Json;

namespace Entra.Actions.Emulator;

/// <summary>Reads the emulator's unsigned test JWTs (any JWT, in fact: the signature is not checked).</summary>
internal static class TokenReader
{
    public static bool TryRead(string? authorization, Guid tenantId, DateTimeOffset now, out Principal? principal, out string? error)
    {
        principal = null;
        error = null;
        const string bearer = "Bearer ";
        if (string.IsNullOrWhiteSpace(authorization) || !authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)
            || authorization.Length == bearer.Length)
        {
            error = "Access token is empty.";
            return false;
        }

        var parts = authorization[bearer.Length..].Trim().Split('.');
        JsonElement payload;
        try
        {
            if (parts.Length < 2)
            {
                throw new FormatException();
            }

            using var doc = JsonDocument.Parse(Base64UrlDecode(parts[1]));
            payload = doc.RootElement.Clone();
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            error = "IDX14100: JWT is not well formed, there are no dots (.).\nThe token needs to be in JWS or JWE Compact Serialization Format. (JWS): 'EncodedHeader.EndcodedPayload.EncodedSignature'. (JWE): 'EncodedProtectedHeader.EncodedEncryptedKey.EncodedInitializationVector.EncodedCiphertext.EncodedAuthenticationTag'.";
            return false;
        }

        if (payload.ValueKind != JsonValueKind.Object || !payload.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number)
        {
            error = "Access token validation failure.";
            return false;
        }

        if (DateTimeOffset.FromUnixTimeSeconds(exp.GetInt64()) <= now)
        {
            error = "Lifetime validation failed, the token is expired.";
            return false;
        }

        var tid = String(payload, "tid");
        if (tid is not null && (!Guid.TryParse(tid, out var tokenTenant) || tokenTenant != tenantId))
        {
            error = $"Access token validation failure. Invalid audience: the token's tenant (tid '{tid}') does not match the emulated tenant '{tenantId}'. "
                + "Mint tokens for the directory's tenant, for example with GraphEmulator.CreateApplicationCredential/CreateDelegatedCredential or a tenantId argument.";
            return false;
        }

        var permissions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var scp = String(payload, "scp");
        if (scp is not null)
        {
            permissions.UnionWith(scp.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
        else if (payload.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Array)
        {
            permissions.UnionWith(roles.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!));
        }

        principal = new Principal
        {
            AppId = String(payload, "appid") ?? String(payload, "azp") ?? "00000000-0000-0000-0000-000000000000",
            TenantId = tid,
            IsDelegated = scp is not null,
            ObjectId = Guid.TryParse(String(payload, "oid"), out var oid) ? oid : null,
            UserPrincipalName = String(payload, "upn") ?? String(payload, "preferred_username"),
            Permissions = permissions,
        };
        return true;
    }

    internal static byte[] Base64UrlDecode(string value)
    {
        var s = value.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
        return Convert.FromBase64String(s);
    }

    internal static string Base64UrlEncode(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? String(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
