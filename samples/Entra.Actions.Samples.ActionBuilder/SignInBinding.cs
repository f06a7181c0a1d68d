using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Distributed;

namespace Entra.Actions.Samples.ActionBuilder;

/// <summary>
/// Ties an OAuth sign-in to the admin's browser session: Connect records which session started the sign-in (by its state), and
/// the callback is accepted only from that session. A callback carrying another session's state (a link someone was sent, a
/// login CSRF) is refused before its code is redeemed. The record lives in the distributed cache, so any node can check it.
/// </summary>
internal sealed class SignInBinding
{
    /// <summary>The browser-session cookie (random, HttpOnly, SameSite=Lax so the authority's redirect back carries it).</summary>
    public const string SessionCookie = "eab.session";

    private const string KeyPrefix = "signin:";
    private readonly IDistributedCache _cache;

    public SignInBinding(IDistributedCache cache)
    {
        _cache = cache;
    }

    /// <summary>The browser session's id, issued on first use.</summary>
    public static string SessionOf(HttpContext context)
    {
        if (context.Request.Cookies.TryGetValue(SessionCookie, out var existing) && existing.Length == 43)
        {
            return existing;
        }

        if (context.Items[SessionCookie] is string issued)
        {
            return issued;
        }

        var session = Base64Url(RandomNumberGenerator.GetBytes(32));
        context.Items[SessionCookie] = session;
        context.Response.Cookies.Append(SessionCookie, session, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            IsEssential = true,
            Path = "/",
        });
        return session;
    }

    /// <summary>Records that this browser session started the sign-in with <paramref name="state"/>.</summary>
    public Task RecordAsync(HttpContext context, string state, DateTimeOffset expiresOn, CancellationToken cancellationToken) =>
        _cache.SetStringAsync(KeyPrefix + state, SessionOf(context), new DistributedCacheEntryOptions { AbsoluteExpiration = expiresOn }, cancellationToken);

    /// <summary>Whether the sign-in with <paramref name="state"/> was started by this browser session; an accepted record is used up.</summary>
    public async Task<bool> TryRedeemAsync(HttpContext context, string? state, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(state) || !context.Request.Cookies.TryGetValue(SessionCookie, out var session))
        {
            return false;
        }

        var key = KeyPrefix + state;
        var owner = await _cache.GetStringAsync(key, cancellationToken).ConfigureAwait(false);
        if (owner is null || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(owner), System.Text.Encoding.ASCII.GetBytes(session)))
        {
            return false;
        }

        await _cache.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
