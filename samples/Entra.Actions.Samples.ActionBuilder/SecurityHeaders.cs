
namespace Entra.Actions.Samples.ActionBuilder;

/// <summary>
/// The headers every answer carries: a strict Content Security Policy (scripts and styles from this origin only, no framing),
/// no MIME sniffing, no referrer (the callback URL holds a code), and no caching of API answers.
/// </summary>
internal static class SecurityHeaders
{
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static Task ApplyAsync(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments(BackendSettings.CallbackPath))
        {
            headers.CacheControl = "no-store";
        }

        return next();
    }
}
