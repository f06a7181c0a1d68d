using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Entra.Actions.Emulator;

/// <summary>
/// The Microsoft identity platform v2.0 endpoints for the authorization-code flow with PKCE: <c>/{tenant}/oauth2/v2.0/authorize</c>
/// (see <see cref="AuthorizeEndpoint"/>) and <c>POST /{tenant}/oauth2/v2.0/token</c> (<c>authorization_code</c>
/// and <c>refresh_token</c> grants). Errors have Entra's shape: <c>{ error, error_description, error_codes, ... }</c>.
/// </summary>
internal static class SignInEndpoints
{
    private const string OfflineAccess = "offline_access";
    private static readonly string[] OpenIdScopes = ["openid", "profile", "email", OfflineAccess];
    private static readonly string[] SecretFields = ["code", "code_verifier", "refresh_token", "client_secret", "client_assertion", "password"];

    /// <summary>Whether <paramref name="rawPath"/> is <c>/{tenant}/oauth2/v2.0/authorize</c> or <c>/token</c>.</summary>
    public static bool TryMatch(string rawPath, out string tenant, out string endpoint)
    {
        var segments = rawPath.Split('/');
        if (segments is ["", var t, "oauth2", "v2.0", var e] && t.Length > 0 && e is "authorize" or "token")
        {
            tenant = Uri.UnescapeDataString(t);
            endpoint = e;
            return true;
        }

        tenant = endpoint = string.Empty;
        return false;
    }

    public static EmulatorResponse Handle(RequestContext ctx, string tenant, string endpoint)
    {
        var isToken = endpoint == "token";
        var method = ctx.Request.Method;
        if (isToken ? method != "POST" : method is not ("GET" or "POST"))
        {
            return GraphErrors.MethodNotAllowed(ctx);
        }

        if (!IsKnownTenant(ctx.Directory, tenant))
        {
            return Error(ctx, 400, "invalid_request", 90002, $"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");
        }

        return isToken ? Token(ctx) : method == "GET" ? AuthorizeEndpoint.Get(ctx) : AuthorizeEndpoint.Post(ctx);
    }

    /// <summary>The body for the journal: form fields that carry codes, verifiers, tokens or secrets are replaced.</summary>
    public static string? RedactForm(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return body;
        }

        return string.Join('&', body.Split('&').Select(pair =>
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? pair : pair[..eq];
            return SecretFields.Contains(Uri.UnescapeDataString(name), StringComparer.OrdinalIgnoreCase) ? name + "=(redacted)" : pair;
        }));
    }

    internal static Dictionary<string, string> ParseForm(string? text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (text ?? string.Empty).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
            values[Decode(eq < 0 ? pair : pair[..eq])] = eq < 0 ? string.Empty : Decode(pair[(eq + 1)..]);
        }

        return values;
    }

    internal static string Challenge(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static EmulatorResponse Token(RequestContext ctx)
    {
        var contentType = ctx.Request.Header("Content-Type") ?? string.Empty;
        if (!contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return Error(ctx, 400, "invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'. Send the parameters as application/x-www-form-urlencoded.");
        }

        var form = ParseForm(ctx.Request.Body);
        if (!form.TryGetValue("grant_type", out var grantType) || grantType.Length == 0)
        {
            return MissingParameter(ctx, "grant_type");
        }

        if (!form.TryGetValue("client_id", out var clientId) || clientId.Length == 0)
        {
            return MissingParameter(ctx, "client_id");
        }

        if (ctx.Emulator.Authority.FindClient(clientId) is not { } client)
        {
            return UnknownClient(ctx, clientId);
        }

        form.TryGetValue("client_secret", out var secret);
        if (client.ClientSecret is null && !string.IsNullOrEmpty(secret))
        {
            return Error(ctx, 401, "invalid_client", 700025, "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.");
        }

        if (client.ClientSecret is not null && string.IsNullOrEmpty(secret))
        {
            return Error(ctx, 401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
        }

        if (client.ClientSecret is not null && !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret!), Encoding.UTF8.GetBytes(client.ClientSecret)))
        {
            return Error(ctx, 401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.");
        }

        return grantType switch
        {
            "authorization_code" => RedeemCode(ctx, client, form),
            "refresh_token" => Refresh(ctx, client, form),
            _ => Error(ctx, 400, "unsupported_grant_type", 70003, $"The app requested an unsupported grant type '{grantType}'."),
        };
    }

    private static EmulatorResponse RedeemCode(RequestContext ctx, EmulatedClient client, Dictionary<string, string> form)
    {
        foreach (var name in new[] { "code", "redirect_uri", "code_verifier" })
        {
            if (!form.TryGetValue(name, out var value) || value.Length == 0)
            {
                return MissingParameter(ctx, name);
            }
        }

        var state = ctx.Emulator.Authority.TakeCode(form["code"], ctx.Now, out var pending);
        switch (state)
        {
            case EmulatedAuthority.GrantState.Unknown:
                return InvalidGrant(ctx, 9002313, "Invalid request. Request is malformed or invalid: the authorization code is not one the emulator issued.");
            case EmulatedAuthority.GrantState.Used:
                return InvalidGrant(ctx, 54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.");
            case EmulatedAuthority.GrantState.Expired:
                return InvalidGrant(ctx, 70008, "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.");
        }

        if (!string.Equals(pending!.ClientId, client.ClientId, StringComparison.OrdinalIgnoreCase))
        {
            return InvalidGrant(ctx, 70000, "The provided authorization code was issued to another client.");
        }

        if (!string.Equals(pending.RedirectUri, form["redirect_uri"], StringComparison.Ordinal))
        {
            return InvalidGrant(ctx, 70000, "The provided value for the 'redirect_uri' is not valid. The value must exactly match the redirect URI used to obtain the authorization code.");
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Challenge(form["code_verifier"])), Encoding.ASCII.GetBytes(pending.CodeChallenge)))
        {
            return InvalidGrant(ctx, 501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request.");
        }

        return Issue(ctx, client, pending.Scopes, pending.UserId, pending.Nonce);
    }

    private static EmulatorResponse Refresh(RequestContext ctx, EmulatedClient client, Dictionary<string, string> form)
    {
        if (!form.TryGetValue("refresh_token", out var token) || token.Length == 0)
        {
            return MissingParameter(ctx, "refresh_token");
        }

        var state = ctx.Emulator.Authority.TakeRefreshToken(token, ctx.Now, out var grant);
        switch (state)
        {
            case EmulatedAuthority.GrantState.Unknown:
                return InvalidGrant(ctx, 9002313, "Invalid request. Request is malformed or invalid: the refresh token is not one the emulator issued.");
            case EmulatedAuthority.GrantState.Used:
                return InvalidGrant(ctx, 9002313, "Invalid request: the refresh token was already used. The emulator rotates refresh tokens on every use: store the refresh token of the latest response.");
            case EmulatedAuthority.GrantState.Revoked:
                return InvalidGrant(ctx, 50173, "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.");
            case EmulatedAuthority.GrantState.Expired:
                return InvalidGrant(ctx, 700082, "The refresh token has expired due to inactivity. The token was issued and was inactive for the refresh token lifetime.");
        }

        if (!string.Equals(grant!.ClientId, client.ClientId, StringComparison.OrdinalIgnoreCase))
        {
            return InvalidGrant(ctx, 70000, "The provided refresh token was issued to another client.");
        }

        var scopes = grant.Scopes;
        if (form.TryGetValue("scope", out var requested) && !string.IsNullOrWhiteSpace(requested))
        {
            var granted = GraphScopes(grant.Scopes).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var missing = GraphScopes(SplitScopes(requested)).Where(s => !granted.Contains(s)).ToList();
            if (missing.Count > 0)
            {
                return InvalidGrant(ctx, 65001, $"The user or administrator has not consented to use the application with ID '{client.ClientId}' for {string.Join(", ", missing)}. Send an interactive authorization request for this user and resource.");
            }

            scopes = SplitScopes(requested).Append(OfflineAccess).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }

        return Issue(ctx, client, scopes, grant.UserId, nonce: null);
    }

    private static EmulatorResponse Issue(RequestContext ctx, EmulatedClient client, IReadOnlyList<string> scopes, Guid userId, string? nonce)
    {
        var user = ctx.Directory.FindUser(userId.ToString());
        if (user is null)
        {
            return InvalidGrant(ctx, 50034, $"The user account {userId} does not exist in the '{ctx.Directory.TenantId}' directory.");
        }

        if (!user.AccountEnabled)
        {
            return InvalidGrant(ctx, 50057, "The user account is disabled.");
        }

        var options = ctx.Emulator.Options.SignIn;
        var tenant = ctx.Directory.TenantId.ToString();
        var graphScopes = GraphScopes(scopes).ToList();
        if (graphScopes.Count == 0)
        {
            graphScopes.Add("User.Read");
        }

        var body = new JsonObject
        {
            ["token_type"] = "Bearer",
            ["scope"] = string.Join(' ', scopes.Where(s => !OpenIdScopes.Contains(s, StringComparer.OrdinalIgnoreCase))),
            ["expires_in"] = (long)options.AccessTokenLifetime.TotalSeconds,
            ["ext_expires_in"] = (long)options.AccessTokenLifetime.TotalSeconds,
            ["access_token"] = EmulatorTokens.CreateDelegatedAt(ctx.Now, graphScopes, user.Id.ToString(), user.UserPrincipalName, tenant, options.AccessTokenLifetime, client.ClientId),
        };
        if (scopes.Contains(OfflineAccess, StringComparer.OrdinalIgnoreCase))
        {
            body["refresh_token"] = ctx.Emulator.Authority.AddRefreshToken(new EmulatedAuthority.RefreshGrant(
                client.ClientId, scopes, user.Id, user.UserPrincipalName, ctx.Now + options.RefreshTokenLifetime));
        }

        if (scopes.Contains("openid", StringComparer.OrdinalIgnoreCase))
        {
            body["id_token"] = EmulatorTokens.CreateIdTokenAt(ctx.Now, client.ClientId, tenant, user.Id.ToString(), user.UserPrincipalName, user.DisplayName, nonce);
        }

        var response = new EmulatorResponse { StatusCode = 200, ContentType = "application/json; charset=utf-8", Body = body.ToJsonString(GraphErrors.JsonOptions) };
        response.Headers["Pragma"] = "no-cache";
        return response;
    }

    /// <summary>Requested scopes as Graph permission names: the resource prefix (<c>https://graph.microsoft.com/</c>) is dropped,
    /// <c>.default</c> stands for the Entra.Actions permission set, and OpenID scopes are left out.</summary>
    private static IEnumerable<string> GraphScopes(IEnumerable<string> scopes)
    {
        foreach (var scope in scopes)
        {
            if (OpenIdScopes.Contains(scope, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = scope[(scope.LastIndexOf('/') + 1)..];
            if (name == ".default")
            {
                foreach (var permission in EmulatorTokens.DefaultPermissions)
                {
                    yield return permission;
                }
            }
            else if (name.Length > 0)
            {
                yield return name;
            }
        }
    }

    internal static List<string> SplitScopes(string scope) =>
        [.. scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase)];

    private static bool IsKnownTenant(EmulatedDirectory directory, string tenant) =>
        tenant is "organizations" or "common"
        || (Guid.TryParse(tenant, out var id) && id == directory.TenantId)
        || directory.Organization.VerifiedDomains.Contains(tenant, StringComparer.OrdinalIgnoreCase);

    internal static EmulatorResponse Redirect(string redirectUri, IEnumerable<(string Name, string? Value)> parameters)
    {
        var query = string.Join('&', parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
        var response = new EmulatorResponse { StatusCode = 302 };
        response.Headers["Location"] = redirectUri + (redirectUri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
        return response;
    }

    internal static EmulatorResponse MissingParameter(RequestContext ctx, string name) =>
        Error(ctx, 400, "invalid_request", 900144, $"The request body must contain the following parameter: '{name}'.");

    internal static EmulatorResponse UnknownClient(RequestContext ctx, string clientId) =>
        Error(ctx, 400, "unauthorized_client", 700016,
            $"Application with identifier '{clientId}' was not found in the directory '{ctx.Directory.Organization.DisplayName}'. "
            + "Register it with emulator.Authority.RegisterClient(clientId, redirectUris).");

    private static EmulatorResponse InvalidGrant(RequestContext ctx, int code, string message) => Error(ctx, 400, "invalid_grant", code, message);

    internal static EmulatorResponse Error(RequestContext ctx, int status, string error, int code, string message)
    {
        var timestamp = ctx.Now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var body = new JsonObject
        {
            ["error"] = error,
            ["error_description"] = $"AADSTS{code}: {message} Trace ID: {ctx.RequestId} Correlation ID: {ctx.ClientRequestId} Timestamp: {timestamp}",
            ["error_codes"] = new JsonArray(code),
            ["timestamp"] = timestamp,
            ["trace_id"] = ctx.RequestId,
            ["correlation_id"] = ctx.ClientRequestId,
            ["error_uri"] = $"https://login.microsoftonline.com/error?code={code}",
        };
        return new EmulatorResponse { StatusCode = status, ContentType = "application/json; charset=utf-8", Body = body.ToJsonString(GraphErrors.JsonOptions) };
    }
}
