using System.Text.Json;

namespace Entra.Actions.OAuth.Internal;

/// <summary>
/// Reads a JWT's payload without validating it. Used only on tokens just received from the token endpoint over TLS
/// (OpenID Connect Core §3.1.3.7 allows that for the id token); Graph validates access tokens itself.
/// </summary>
internal sealed class JwtClaims
{
    private readonly JsonElement _payload;

    private JwtClaims(JsonElement payload) => _payload = payload;

    public static JwtClaims? TryRead(string? jwt)
    {
        var parts = jwt?.Split('.');
        if (parts is not { Length: >= 2 })
        {
            return null;
        }

        try
        {
            var s = parts[1].Replace('-', '+').Replace('_', '/');
            s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
            using var doc = JsonDocument.Parse(Convert.FromBase64String(s));
            return doc.RootElement.ValueKind == JsonValueKind.Object ? new JwtClaims(doc.RootElement.Clone()) : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    public string? Get(string name)
    {
        if (!_payload.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null; // valid JSON that is no valid text (a lone surrogate escape): treated as absent
        }
    }
}
