using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Entra.Actions.Emulator.Tests.Support;

/// <summary>The OAuth values the sign-in tests compute: PKCE challenges, redirect queries, JWT claims.</summary>
public static class OAuthValues
{
    public static string Challenge(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static Dictionary<string, string> QueryOf(Uri location) =>
        location.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));

    public static JsonObject Claims(string jwt)
    {
        var s = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        return JsonNode.Parse(Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=')))!.AsObject();
    }
}
