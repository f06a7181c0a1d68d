using System.Security.Cryptography;
using System.Text;

namespace Entra.Actions.Throttling.Internal;

/// <summary>The throttling budget a token draws on: tenant and application, and for a delegated token a one-way key of the user.</summary>
internal static class ThrottleScopes
{
    /// <summary>The scope named by a token's claims; <see langword="null"/> when they do not name a tenant and an application in a usable form.</summary>
    /// <param name="tenantId">The <c>tid</c> claim.</param>
    /// <param name="applicationId">The <c>appid</c> or <c>azp</c> claim.</param>
    /// <param name="userObjectId">The <c>oid</c> claim of a delegated token; <see langword="null"/> for an app-only token.</param>
    public static EntraThrottleScope? From(string? tenantId, string? applicationId, string? userObjectId)
    {
        if (tenantId is null || applicationId is null || !Usable(tenantId) || !Usable(applicationId))
        {
            return null;
        }

        return new EntraThrottleScope(tenantId, applicationId, string.IsNullOrEmpty(userObjectId) ? null : UserKey(tenantId, userObjectId));
    }

    /// <summary>A one-way key of a user: what leaves the process (a shared store's key names) must not carry the user's id.</summary>
    internal static string UserKey(string tenantId, string userObjectId)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"entra-throttle-user/{tenantId}/{userObjectId}"), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    // Tenant and app ids are GUIDs; a token that says otherwise does not get a shared key.
    private static bool Usable(string value) => value.Length is > 0 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
