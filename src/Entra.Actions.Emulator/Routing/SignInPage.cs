using System.Text;
using static System.Net.WebUtility;

namespace Entra.Actions.Emulator;

/// <summary>
/// The interactive sign-in page of <c>GET /{tenant}/oauth2/v2.0/authorize</c>, shaped like Microsoft's account picker and consent
/// prompt: the tenant's enabled users as radio buttons, the requested scopes with their descriptions, Accept and Cancel. The form
/// posts every original parameter back to the same path. Self-contained (no script, no external resource); every value is HTML-encoded.
/// </summary>
internal static class SignInPage
{
    private const string GraphResource = "https://graph.microsoft.com/";

    // Skipped when echoing the request as hidden fields: the form's own fields must not be shadowed by the query.
    private static readonly string[] FormFields = ["account", "decision"];

    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["openid"] = "Sign you in",
        ["profile"] = "View your basic profile",
        ["email"] = "View your email address",
        ["offline_access"] = "Maintain access to data you have given it access to",
        [".default"] = "The permissions configured for the app",
        ["User.Read"] = "Sign in and read user profile",
        ["User.ReadBasic.All"] = "Read all users' basic profiles",
        ["User.Read.All"] = "Read all users' full profiles",
        ["User.ReadWrite.All"] = "Read and write all users' full profiles",
        ["Group.Read.All"] = "Read all groups",
        ["Group.ReadWrite.All"] = "Read and write all groups",
        ["GroupMember.Read.All"] = "Read group memberships",
        ["GroupMember.ReadWrite.All"] = "Read and write group memberships",
        ["Directory.Read.All"] = "Read directory data",
        ["Directory.ReadWrite.All"] = "Read and write directory data",
        ["Directory.AccessAsUser.All"] = "Access the directory as you",
        ["Organization.Read.All"] = "Read organization information",
        [GraphPermissions.RoleManagementReadWriteDirectory] = "Read and write your organization's directory roles",
    };

    private const string Style = """
        body{margin:0;background:#f2f2f2;font-family:"Segoe UI",Arial,sans-serif;color:#1b1b1b}
        main{max-width:440px;margin:48px auto;background:#fff;padding:44px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
        .brand{font-size:.85em;color:#5e5e5e}h1{font-size:1.5em;font-weight:600;margin:.4em 0 .8em}h2{font-size:1.2em;font-weight:600}
        fieldset{border:0;padding:0;margin:0}legend{margin-bottom:.5em}
        label.account{display:flex;gap:.6em;align-items:center;padding:.5em;border-bottom:1px solid #e6e6e6;cursor:pointer}
        .upn,.client,.scope-name{color:#5e5e5e;font-size:.85em}ul{padding-left:1.2em}li{margin:.4em 0}
        .buttons{display:flex;flex-direction:row-reverse;gap:.6em;margin-top:1.5em}
        button{min-width:108px;padding:.5em 1em;border:1px solid #8a8a8a;background:#ccc;font-size:1em;cursor:pointer}
        button.primary{background:#0067b8;border-color:#0067b8;color:#fff}
        """;

    /// <summary>Answers 200 with the page; its headers let the browser post only here and follow the redirect to the client.</summary>
    public static EmulatorResponse Render(RequestContext ctx, AuthorizeRequest request)
    {
        var users = ctx.Directory.Users.Where(u => u.AccountEnabled).ToList();
        var hint = request.LoginHint ?? ctx.Emulator.Authority.SignInUser;
        var selected = (hint is null ? null : ctx.Directory.FindUser(hint)) is { AccountEnabled: true } hinted ? hinted.Id : users.FirstOrDefault()?.Id;
        var client = request.Client;
        var organization = ctx.Directory.Organization;

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>Sign in to your account</title><style>").Append(Style).Append("</style></head>\n<body><main>")
            .Append("<div class=\"brand\">Microsoft Entra ID (emulator) &middot; <span data-testid=\"tenant\">").Append(HtmlEncode(organization.DisplayName))
            .Append("</span></div><h1>Sign in to your account</h1>\n")
            .Append("<form method=\"post\" action=\"").Append(HtmlEncode(ctx.Request.RawPath)).Append("\" data-testid=\"sign-in-form\">\n")
            .Append("<fieldset><legend>Pick an account</legend>\n");
        foreach (var user in users)
        {
            var id = HtmlEncode(user.Id.ToString());
            html.Append("<label class=\"account\" for=\"account-").Append(id).Append("\"><input type=\"radio\" name=\"account\" id=\"account-").Append(id)
                .Append("\" value=\"").Append(id).Append("\" data-testid=\"account-").Append(id).Append("\" required")
                .Append(user.Id == selected ? " checked" : string.Empty).Append("><span class=\"name\">").Append(HtmlEncode(user.DisplayName))
                .Append("</span> <span class=\"upn\">").Append(HtmlEncode(user.UserPrincipalName)).Append("</span></label>\n");
        }

        if (users.Count == 0)
        {
            html.Append("<p data-testid=\"no-accounts\">The directory has no enabled accounts.</p>\n");
        }

        html.Append("</fieldset>\n<h2>Permissions requested</h2>\n<p><strong data-testid=\"app-name\">").Append(HtmlEncode(client.DisplayName ?? client.ClientId))
            .Append("</strong> <span class=\"client\" data-testid=\"client-id\">").Append(HtmlEncode(client.ClientId)).Append("</span></p>\n")
            .Append("<p>This app would like to:</p>\n<ul data-testid=\"scopes\">\n");
        foreach (var scope in SignInEndpoints.SplitScopes(request.Scope!))
        {
            html.Append("<li data-testid=\"scope\" data-scope=\"").Append(HtmlEncode(scope)).Append("\"><span class=\"scope-description\">")
                .Append(HtmlEncode(Describe(scope))).Append("</span> <span class=\"scope-name\">(").Append(HtmlEncode(scope)).Append(")</span></li>\n");
        }

        html.Append("</ul>\n<p>Accepting lets the app act as the account you picked in <strong>").Append(HtmlEncode(organization.DisplayName)).Append("</strong>.</p>\n");
        foreach (var (name, value) in request.Parameters)
        {
            if (!FormFields.Contains(name, StringComparer.Ordinal))
            {
                html.Append("<input type=\"hidden\" name=\"").Append(HtmlEncode(name)).Append("\" value=\"").Append(HtmlEncode(value)).Append("\">\n");
            }
        }

        // Accept comes first so that Enter accepts; the row is reversed so Cancel shows on the left, as on Microsoft's page.
        html.Append("<div class=\"buttons\"><button type=\"submit\" name=\"decision\" value=\"accept\" class=\"primary\" data-testid=\"accept\">Accept</button>")
            .Append("<button type=\"submit\" name=\"decision\" value=\"cancel\" data-testid=\"cancel\" formnovalidate>Cancel</button></div>\n")
            .Append("</form></main></body></html>\n");

        var response = new EmulatorResponse { StatusCode = 200, ContentType = "text/html; charset=utf-8", Body = html.ToString() };
        response.Headers["Content-Security-Policy"] =
            $"default-src 'none'; style-src 'unsafe-inline'; form-action 'self' {SourceOf(request.RedirectUri)}; frame-ancestors 'none'";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.Headers["Cache-Control"] = "no-store";
        return response;
    }

    /// <summary>The one-line description Microsoft's consent prompt shows; an unknown scope is shown as it is.</summary>
    internal static string Describe(string scope)
    {
        // A scope names its resource as a URL prefix: Graph's, or the emulator's own address when a client targets it directly.
        var name = scope.StartsWith(GraphResource, StringComparison.OrdinalIgnoreCase) ? scope[GraphResource.Length..]
            : Uri.TryCreate(scope, UriKind.Absolute, out var resource) && resource.Scheme is "http" or "https" ? resource.AbsolutePath.TrimStart('/')
            : scope;
        return Descriptions.TryGetValue(name, out var description) ? description : scope;
    }

    /// <summary>The CSP source of the redirect URI: its origin for http(s), its scheme for a custom scheme.</summary>
    private static string SourceOf(string redirectUri)
    {
        var uri = new Uri(redirectUri);
        return uri.Scheme is "http" or "https" ? uri.GetLeftPart(UriPartial.Authority) : uri.Scheme + ":";
    }
}
