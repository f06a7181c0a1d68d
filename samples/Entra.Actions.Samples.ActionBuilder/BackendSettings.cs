using Entra.Actions.Emulator;

namespace Entra.Actions.Samples.ActionBuilder;

/// <summary>What the backend is configured to talk to: the emulator (default) or a real tenant, and where tokens are kept.</summary>
/// <param name="PublicUrl">The page's URL (the first of <c>Urls</c>, default <c>http://127.0.0.1:5180</c>).</param>
/// <param name="ConnectSection">The <c>EntraConnect</c> section: a real tenant when it names a <c>ClientId</c>.</param>
/// <param name="RedisConnectionString"><c>ConnectionStrings:Redis</c>: a token store and key ring shared by every node; <see langword="null"/> for in-memory stores.</param>
/// <param name="GraphBaseUrl">Graph's base URL for the connections (<c>EntraActions:GraphBaseUrl</c>, or the emulator's).</param>
/// <param name="EmulatorRoot">The emulator's root URL (authority and Graph host) when emulated.</param>
/// <param name="ActionsSection">The <c>EntraActions</c> section: every connection's options (policy, retries, ...) except its credential.</param>
internal sealed record BackendSettings(Uri PublicUrl, IConfigurationSection ConnectSection, string? RedisConnectionString, Uri GraphBaseUrl, Uri? EmulatorRoot, IConfigurationSection ActionsSection)
{
    /// <summary>The default address of the page.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5180";

    /// <summary>The callback path registered as the app's redirect URI.</summary>
    public const string CallbackPath = "/signin-entra";

    /// <summary>Whether no real tenant is configured, so the emulator plays Microsoft Entra.</summary>
    public bool IsEmulated => string.IsNullOrWhiteSpace(ConnectSection["ClientId"]);

    /// <summary>The redirect URI: the callback on the page's URL (or <c>EntraConnect:RedirectUri</c>).</summary>
    public Uri RedirectUri => ConnectSection["RedirectUri"] is { Length: > 0 } configured
        ? new Uri(configured, UriKind.Absolute)
        : new Uri(PublicUrl, CallbackPath);

    public static BackendSettings Read(IConfiguration configuration)
    {
        var urls = configuration["urls"] ?? configuration["Urls"];
        if (string.IsNullOrWhiteSpace(urls))
        {
            urls = DefaultUrl;
            configuration["urls"] = urls;
        }

        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        if (!Uri.TryCreate(first, UriKind.Absolute, out var publicUrl) || publicUrl.Port == 0)
        {
            throw new InvalidOperationException($"Urls must name a fixed address such as {DefaultUrl} (the OAuth redirect URI is built from it), not '{first}'.");
        }

        if (publicUrl.Host is "0.0.0.0" or "[::]" or "*" or "+" && string.IsNullOrWhiteSpace(configuration["EntraConnect:RedirectUri"]))
        {
            throw new InvalidOperationException($"Urls '{first}' names no address the browser can come back to; listen on a concrete address or set EntraConnect:RedirectUri.");
        }

        // Only requests addressed to this app's own host are served: a page on another name that resolves to this address
        // (DNS rebinding) would otherwise count as same-origin and could drive the API.
        if (string.IsNullOrWhiteSpace(configuration["AllowedHosts"]))
        {
            configuration["AllowedHosts"] = string.Join(';', new[] { publicUrl.Host, "localhost", "127.0.0.1" }.Distinct(StringComparer.OrdinalIgnoreCase));
        }

        var graph = configuration["EntraActions:GraphBaseUrl"] is { Length: > 0 } g ? new Uri(g, UriKind.Absolute) : EntraActionsOptions.DefaultGraphBaseUrl;
        var redis = configuration.GetConnectionString("Redis");
        return new BackendSettings(
            publicUrl, configuration.GetSection("EntraConnect"), string.IsNullOrWhiteSpace(redis) ? null : redis, graph, EmulatorRoot: null, configuration.GetSection("EntraActions"));
    }

    /// <summary>The settings with the emulator as authority and Graph.</summary>
    public BackendSettings WithEmulator(EmulatorServer emulator) =>
        this with { GraphBaseUrl = emulator.BaseUrl, EmulatorRoot = new Uri(emulator.BaseUrl.GetLeftPart(UriPartial.Authority)) };
}
