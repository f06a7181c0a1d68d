using Entra.Actions.Options.Internal;
using Microsoft.Extensions.Options;

namespace Entra.Actions.OAuth.Internal;

/// <summary>Refuses connect-flow settings that cannot work, at start-up, every problem at once, naming the setting to change.</summary>
internal sealed class EntraConnectOptionsValidator : IValidateOptions<EntraConnectOptions>
{
    private const string Section = EntraConnectOptions.DefaultSectionName;

    public ValidateOptionsResult Validate(string? name, EntraConnectOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add($"{Section}:ClientId is not set. Set it to the application (client) id of the app registration the service account connects through.");
        }
        else if (!Guid.TryParse(options.ClientId, out _))
        {
            failures.Add($"{Section}:ClientId '{options.ClientId}' is not a GUID. Set the application (client) id from the app registration.");
        }

        if (string.IsNullOrWhiteSpace(options.TenantId))
        {
            failures.Add($"{Section}:TenantId is empty. Set the directory (tenant) id, a verified domain, or 'organizations' (the default).");
        }
        else if (!(options.TenantId is "organizations" or "common" || Guid.TryParse(options.TenantId, out _)
            || (Uri.CheckHostName(options.TenantId) == UriHostNameType.Dns && options.TenantId.Contains('.', StringComparison.Ordinal))))
        {
            failures.Add($"{Section}:TenantId '{options.TenantId}' is neither a GUID, a domain name, nor 'organizations'. Set the directory (tenant) id, a verified domain, or 'organizations'.");
        }

        CheckUrl(options.AuthorityHost, "AuthorityHost", "https://login.microsoftonline.com", failures, pathAllowed: false);
        CheckUrl(options.RedirectUri, "RedirectUri", "https://app.contoso.com/entra/callback", failures, pathAllowed: true);
        if (options.GraphBaseUrl is not { IsAbsoluteUri: true })
        {
            failures.Add($"{Section}:GraphBaseUrl is not an absolute URL. Set it to the Graph endpoint the connection is used with, e.g. https://graph.microsoft.com/v1.0.");
        }

        if (options.Scopes is { } scopes && scopes.Any(s => string.IsNullOrWhiteSpace(s) || s.Contains(' ', StringComparison.Ordinal) || s.Contains('/', StringComparison.Ordinal)))
        {
            failures.Add($"{Section}:Scopes must be delegated Graph permission names without a resource prefix or spaces, e.g. User.Read.All.");
        }

        if (options.PendingConnectLifetime <= TimeSpan.Zero || options.PendingConnectLifetime > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:PendingConnectLifetime is {options.PendingConnectLifetime}. Set a duration above zero and at most 01:00:00.");
        }

        if (options.RefreshBeforeExpiry < TimeSpan.Zero || options.RefreshBeforeExpiry > TimeSpan.FromMinutes(30))
        {
            failures.Add($"{Section}:RefreshBeforeExpiry is {options.RefreshBeforeExpiry}. Set a duration from 00:00:00 to 00:30:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckUrl(Uri? url, string setting, string example, List<string> failures, bool pathAllowed)
    {
        if (url is null || !url.IsAbsoluteUri)
        {
            failures.Add($"{Section}:{setting} is {(url is null ? "not set" : $"'{EntraActionsOptionsValidator.Display(url)}', a relative URL")}. Set an absolute URL such as {example}.");
            return;
        }

        if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && EntraActionsOptionsValidator.IsLoopback(url)))
        {
            failures.Add($"{Section}:{setting} '{EntraActionsOptionsValidator.Display(url)}' must use https (plain http is accepted only for localhost, 127.0.0.1 and [::1]), because codes and tokens travel through it.");
        }

        if (!string.IsNullOrEmpty(url.UserInfo) || !string.IsNullOrEmpty(url.Fragment) || (!pathAllowed && (url.AbsolutePath != "/" || !string.IsNullOrEmpty(url.Query))))
        {
            failures.Add($"{Section}:{setting} '{EntraActionsOptionsValidator.Display(url)}' must not contain user info or a fragment{(pathAllowed ? string.Empty : ", a path or a query")}; for example {example}.");
        }
    }
}
