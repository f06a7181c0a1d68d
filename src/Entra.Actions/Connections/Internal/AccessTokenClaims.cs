using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Entra.Actions.Connections.Internal;

/// <summary>
/// The claims of an access token the connection check reports, read from the JWT payload WITHOUT validating
/// it: the token comes from the connection's own credential and Graph validates it; we only describe it. The token itself is never
/// kept, and no message here quotes it.
/// </summary>
internal sealed class AccessTokenClaims
{
    public string? TenantId { get; private init; }

    public string? ObjectId { get; private init; }

    public string? UserPrincipalName { get; private init; }

    public string? ApplicationId { get; private init; }

    public EntraPermissionModel PermissionModel { get; private init; }

    /// <summary><c>scp</c> split on spaces (delegated) or <c>roles</c> (application), in token order, without duplicates.</summary>
    public IReadOnlyList<string> Permissions { get; private init; } = [];

    public IReadOnlyList<string> DirectoryRoleTemplateIds { get; private init; } = [];

    /// <summary>Reads the payload of <paramref name="token"/>. Never throws for a malformed token: returns false with a reason.</summary>
    public static bool TryRead(string? token, [NotNullWhen(true)] out AccessTokenClaims? claims, [NotNullWhen(false)] out string? error)
    {
        claims = null;
        if (string.IsNullOrWhiteSpace(token))
        {
            error = "The credential returned an empty access token.";
            return false;
        }

        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            error = $"The access token is not a JWT: it has {parts.Length} dot-separated part(s), a signed JWT has 3 (header.payload.signature).";
            return false;
        }

        byte[] payload;
        try
        {
            payload = Base64Url.DecodeFromChars(parts[1]);
        }
        catch (FormatException)
        {
            error = "The access token's payload is not base64url-encoded.";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "The access token's payload is not a JSON object.";
                return false;
            }

            claims = FromPayload(document.RootElement);
            error = null;
            return true;
        }
        catch (JsonException)
        {
            error = "The access token's payload is not valid JSON.";
            return false;
        }
    }

    private static AccessTokenClaims FromPayload(JsonElement payload)
    {
        // Delegated tokens always carry scp; client-credentials tokens never do (and carry no roles claim at all when nothing is granted).
        var scopes = Strings(payload, "scp");
        var delegated = payload.TryGetProperty("scp", out _);
        return new AccessTokenClaims
        {
            TenantId = String(payload, "tid"),
            ObjectId = String(payload, "oid"),
            UserPrincipalName = delegated ? String(payload, "upn") ?? String(payload, "preferred_username") ?? String(payload, "unique_name") : null,
            ApplicationId = String(payload, "appid") ?? String(payload, "azp"),
            PermissionModel = delegated ? EntraPermissionModel.Delegated : EntraPermissionModel.Application,
            Permissions = delegated ? scopes : Strings(payload, "roles"),
            DirectoryRoleTemplateIds = Strings(payload, "wids"),
        };
    }

    private static string? String(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;

    /// <summary>A space-separated string (<c>scp</c>) or an array of strings (<c>roles</c>, <c>wids</c>); either shape is accepted for either claim.</summary>
    private static IReadOnlyList<string> Strings(JsonElement payload, string name)
    {
        if (!payload.TryGetProperty(name, out var value))
        {
            return [];
        }

        IEnumerable<string> items = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            JsonValueKind.Array => value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!.Trim()).Where(s => s.Length > 0),
            _ => [],
        };
        return [.. items.Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
