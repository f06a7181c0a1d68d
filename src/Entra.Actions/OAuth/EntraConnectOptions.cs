using System.Text;
using Entra.Actions.Connections.Internal;
using Entra.Actions.Options.Internal;

namespace Entra.Actions;

/// <summary>
/// Settings for <c>services.AddEntraConnectFlow(...)</c>: the app registration a delegated service account connects through.
/// Validated at start-up with messages that name the setting to change.
/// </summary>
/// <remarks>
/// Register the redirect URI on the app registration (platform "Web" for a confidential client with a secret, otherwise
/// "Mobile and desktop" or "Single-page application"), and grant the delegated Graph permissions in <see cref="Scopes"/>.
/// </remarks>
public sealed class EntraConnectOptions
{
    /// <summary>The configuration section bound by default: <c>EntraActions:Connect</c>.</summary>
    public const string DefaultSectionName = "EntraActions:Connect";

    /// <summary>The default authority host: <c>https://login.microsoftonline.com</c>.</summary>
    public static Uri DefaultAuthorityHost { get; } = new("https://login.microsoftonline.com", UriKind.Absolute);

    /// <summary>
    /// The Microsoft Entra authority host. Default <c>https://login.microsoftonline.com</c>; use a national cloud's host
    /// (for example <c>https://login.microsoftonline.us</c>). Must be https (plain http only for localhost/127.0.0.1/[::1], for a local emulator).
    /// </summary>
    public Uri AuthorityHost { get; set; } = DefaultAuthorityHost;

    /// <summary>
    /// The tenant to sign in to: a directory (tenant) id, a verified domain, or <c>organizations</c> (the default: any work or school
    /// account; after the connect, refreshes go to the account's own tenant).
    /// </summary>
    public string TenantId { get; set; } = "organizations";

    /// <summary>The application (client) id of the app registration. Required.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret of a confidential client (a web app registration). Optional; never logged or shown by <see cref="ToString"/>.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The redirect URI the authorization server sends the browser back to with the code and state. Required; it must be registered on the app.</summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>
    /// The Graph endpoint the connection is used with; the scopes are requested for its host (<c>https://graph.microsoft.com/User.Read.All</c>).
    /// Default <c>https://graph.microsoft.com/v1.0</c>; keep it equal to <see cref="EntraActionsOptions.GraphBaseUrl"/>.
    /// </summary>
    public Uri GraphBaseUrl { get; set; } = EntraActionsOptions.DefaultGraphBaseUrl;

    /// <summary>
    /// The delegated Graph permissions requested by default, least privilege: the smallest set that lets every action of
    /// <see cref="EntraActionCatalog"/> run, computed from the actions' own permission lists (a permission another one includes is
    /// left out). Today <c>User.Read.All</c> and <c>GroupMember.ReadWrite.All</c>, which includes <c>GroupMember.Read.All</c>.
    /// </summary>
    public static IReadOnlyList<string> DefaultScopes { get; } = LeastPrivilege.For(new EntraActionCatalog().Actions, EntraPermissionModel.Delegated);

    /// <summary>
    /// The delegated Graph permissions to request, without the resource prefix (for example <c>User.Read.All</c>). Default
    /// <see langword="null"/>: <see cref="DefaultScopes"/>. Set it to ask for more, for example the exact scopes of a product this
    /// connection replaces; the connection check then names what goes beyond the actions' needs. <c>offline_access</c>, <c>openid</c>
    /// and <c>profile</c> are always added.
    /// </summary>
    public IList<string>? Scopes { get; set; }

    /// <summary>The name of the <see cref="HttpClient"/> (from <see cref="IHttpClientFactory"/>) that calls the token endpoint.</summary>
    public const string HttpClientName = "Entra.Actions.Connect";

    internal IReadOnlyList<string> EffectiveScopes => Scopes is { Count: > 0 } scopes ? [.. scopes] : DefaultScopes;

    /// <summary>The <c>prompt</c> sent to the authorize endpoint, for example <c>select_account</c> or <c>consent</c>. Default: none.</summary>
    public string? Prompt { get; set; }

    /// <summary>How long a started connect may take before its state is refused. Default 10 minutes, at most 1 hour.</summary>
    public TimeSpan PendingConnectLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long before the access token expires it is refreshed. Default 5 minutes.</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A summary of the settings with the secret masked.</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
    {
        var text = new StringBuilder("EntraConnectOptions { ");
        text.Append("AuthorityHost = ").Append(EntraActionsOptionsValidator.Display(AuthorityHost));
        text.Append(", TenantId = ").Append(TenantId);
        text.Append(", ClientId = ").Append(ClientId ?? "(none)");
        text.Append(", ClientSecret = ").Append(string.IsNullOrEmpty(ClientSecret) ? "(none)" : "***");
        text.Append(", RedirectUri = ").Append(EntraActionsOptionsValidator.Display(RedirectUri));
        text.Append(", GraphBaseUrl = ").Append(EntraActionsOptionsValidator.Display(GraphBaseUrl));
        text.Append(", Scopes = [").Append(string.Join(", ", EffectiveScopes)).Append(']');
        text.Append(", PendingConnectLifetime = ").Append(PendingConnectLifetime);
        text.Append(", RefreshBeforeExpiry = ").Append(RefreshBeforeExpiry);
        return text.Append(" }").ToString();
    }
}
