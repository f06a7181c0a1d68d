using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
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
    private const string ErrorPrefix = "signin-error:";
    private readonly IDistributedCache _cache;
    private readonly IDataProtector _protector;

    public SignInBinding(IDistributedCache cache, IDataProtectionProvider dataProtection)
    {
        _cache = cache;

        // The cookie carries the session id protected (authenticated and encrypted) with the shared key ring, so a value this
        // app did not issue (planted by another service on the same host, whose cookies browsers share across ports) is refused.
        _protector = dataProtection.CreateProtector("Entra.Actions.Samples.ActionBuilder.Session.v1");
    }

    /// <summary>The browser session's id, issued on first use.</summary>
    public string SessionOf(HttpContext context)
    {
        if (context.Items[SessionCookie] is string issued)
        {
            return issued;
        }

        if (TryRead(context, out var existing))
        {
            return existing;
        }

        var session = Base64Url(RandomNumberGenerator.GetBytes(32));
        context.Items[SessionCookie] = session;
        context.Response.Cookies.Append(SessionCookie, _protector.Protect(session), new CookieOptions
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
        if (string.IsNullOrEmpty(state) || !TryRead(context, out var session))
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

    private bool TryRead(HttpContext context, out string session)
    {
        session = string.Empty;
        if (!context.Request.Cookies.TryGetValue(SessionCookie, out var cookie) || cookie.Length > 1024)
        {
            return false;
        }

        try
        {
            session = _protector.Unprotect(cookie);
            return session.Length == 43;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>
    /// Keeps why a sign-in failed for this browser session, for a few minutes, and returns the id the page is sent back with:
    /// the page shows only what this app recorded, so a crafted link cannot put its own words on the trusted page.
    /// </summary>
    public async Task<string> RecordErrorAsync(HttpContext context, string message, CancellationToken cancellationToken)
    {
        var id = Base64Url(RandomNumberGenerator.GetBytes(16));
        await _cache.SetStringAsync(
            ErrorPrefix + id,
            SessionOf(context) + "\n" + message,
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) },
            cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>The failure recorded under <paramref name="id"/> for this browser session, or <see langword="null"/>.</summary>
    public async Task<string?> ErrorAsync(HttpContext context, string id, CancellationToken cancellationToken)
    {
        if (id.Length != 22 || !TryRead(context, out var session)
            || await _cache.GetStringAsync(ErrorPrefix + id, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return null;
        }

        var separator = stored.IndexOf('\n', StringComparison.Ordinal);
        return separator > 0 && string.Equals(stored[..separator], session, StringComparison.Ordinal) ? stored[(separator + 1)..] : null;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
