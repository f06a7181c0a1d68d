using System.Security.Cryptography;
using System.Text;

namespace Entra.Actions.OAuth.Internal;

/// <summary>PKCE (RFC 7636) with S256, and the random values of the flow.</summary>
internal static class Pkce
{
    /// <summary>A URL-safe random value: 32 bytes, 43 base64url characters (the verifier's minimum length, 256 bits of entropy).</summary>
    public static string NewRandom() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The S256 challenge: base64url(SHA-256(ASCII(verifier))).</summary>
    public static string Challenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
