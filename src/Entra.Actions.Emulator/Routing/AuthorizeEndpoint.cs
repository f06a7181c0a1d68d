namespace Entra.Actions.Emulator;

/// <summary>
/// <c>/{tenant}/oauth2/v2.0/authorize</c>. GET validates the request, then either signs in without a page (as <c>login_hint</c>, else
/// <see cref="EmulatedAuthority.SignInUser"/>, else Adele Vance) or, when <see cref="SignInOptions.Interactive"/> is on or the request
/// has <c>prompt=select_account|consent|login</c>, answers the sign-in page. POST takes the page's decision. Both paths validate
/// the parameters in <see cref="Validate"/> and issue codes in <see cref="SignIn"/>: the page's hidden fields are never trusted.
/// </summary>
internal static class AuthorizeEndpoint
{
    private static readonly string[] PagePrompts = ["select_account", "consent", "login"];

    public static EmulatorResponse Get(RequestContext ctx)
    {
        var parameters = SignInEndpoints.ParseForm(ctx.Request.RawQuery);
        if (Validate(ctx, parameters, out var error) is not { } request)
        {
            return error!;
        }

        var prompt = parameters.GetValueOrDefault("prompt");
        if (prompt != "none" && (ctx.Emulator.Options.SignIn.Interactive || PagePrompts.Contains(prompt, StringComparer.Ordinal)))
        {
            return SignInPage.Render(ctx, request);
        }

        var authority = ctx.Emulator.Authority;
        var hint = request.LoginHint ?? authority.SignInUser;
        var user = hint is not null
            ? ctx.Directory.FindUser(hint)
            : ctx.Directory.FindUser(DemoTenant.AdeleVanceId) ?? (ctx.Directory.Users is [var first, ..] ? first : null);
        return SignIn(ctx, request, user, hint);
    }

    public static EmulatorResponse Post(RequestContext ctx)
    {
        var contentType = ctx.Request.Header("Content-Type") ?? string.Empty;
        if (!contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return SignInEndpoints.Error(ctx, 400, "invalid_request", 900144, "Post the sign-in page's form as application/x-www-form-urlencoded.");
        }

        var form = SignInEndpoints.ParseForm(ctx.Request.Body);
        if (Validate(ctx, form, out var error) is not { } request)
        {
            return error!;
        }

        switch (form.GetValueOrDefault("decision"))
        {
            case "cancel":
                return request.Fail("access_denied", 65004, "User declined to consent to access the app.");
            case "accept":
                if (!form.TryGetValue("account", out var account) || account.Length == 0)
                {
                    return SignInEndpoints.MissingParameter(ctx, "account");
                }

                return SignIn(ctx, request, ctx.Directory.FindUser(account), account);
            default:
                return SignInEndpoints.Error(ctx, 400, "invalid_request", 900144, "The request body must contain the parameter 'decision' with the value 'accept' or 'cancel'.");
        }
    }

    /// <summary>Checks an authorization request. Errors before the redirect URI is trusted are answered here (400);
    /// later ones redirect to the client with <c>error</c>, as Entra does.</summary>
    private static AuthorizeRequest? Validate(RequestContext ctx, Dictionary<string, string> parameters, out EmulatorResponse? error)
    {
        error = null;
        if (!parameters.TryGetValue("client_id", out var clientId) || clientId.Length == 0)
        {
            error = SignInEndpoints.MissingParameter(ctx, "client_id");
            return null;
        }

        if (ctx.Emulator.Authority.FindClient(clientId) is not { } client)
        {
            error = SignInEndpoints.UnknownClient(ctx, clientId);
            return null;
        }

        if (!parameters.TryGetValue("redirect_uri", out var redirectUri) || !client.RedirectUris.Contains(redirectUri, StringComparer.Ordinal))
        {
            error = SignInEndpoints.Error(ctx, 400, "invalid_request", 50011,
                $"The redirect URI '{redirectUri}' specified in the request does not match the redirect URIs configured for the application '{clientId}'.");
            return null;
        }

        var request = new AuthorizeRequest(client, redirectUri, parameters);
        if (!parameters.TryGetValue("response_type", out var responseType) || responseType != "code")
        {
            error = request.Fail("unsupported_response_type", 700054, $"response_type '{responseType}' is not supported; the emulator implements the authorization-code flow (response_type=code).");
        }
        else if (parameters.TryGetValue("response_mode", out var mode) && mode != "query")
        {
            error = request.Fail("invalid_request", 900144, $"response_mode '{mode}' is not supported by the emulator; use response_mode=query.");
        }
        else if (string.IsNullOrWhiteSpace(request.Scope))
        {
            error = request.Fail("invalid_request", 900144, "The request body must contain the following parameter: 'scope'.");
        }
        else if (request.CodeChallenge is not { Length: >= 43 and <= 128 })
        {
            error = request.Fail("invalid_request", 9002325, "Proof Key for Code Exchange is required: send code_challenge (43 to 128 characters) and code_challenge_method=S256.");
        }
        else if (!parameters.TryGetValue("code_challenge_method", out var method) || method != "S256")
        {
            error = request.Fail("invalid_request", 9002325, $"code_challenge_method '{method}' is not accepted; the emulator requires S256.");
        }

        return error is null ? request : null;
    }

    /// <summary>Signs <paramref name="user"/> in: a code for an existing, enabled user, else <c>access_denied</c>.</summary>
    private static EmulatorResponse SignIn(RequestContext ctx, AuthorizeRequest request, EmulatedUser? user, string? hint)
    {
        if (user is null)
        {
            return request.Fail("access_denied", 50034, $"The user account {hint ?? "(none)"} does not exist in the '{ctx.Directory.TenantId}' directory.");
        }

        if (!user.AccountEnabled)
        {
            return request.Fail("access_denied", 50057, "The user account is disabled.");
        }

        var lifetime = ctx.Emulator.Options.SignIn.AuthorizationCodeLifetime;
        var code = ctx.Emulator.Authority.AddCode(new EmulatedAuthority.PendingCode(
            request.Client.ClientId, request.RedirectUri, request.CodeChallenge!, SignInEndpoints.SplitScopes(request.Scope!), user.Id, user.UserPrincipalName,
            request.Parameters.GetValueOrDefault("nonce"), ctx.Now + lifetime));
        return SignInEndpoints.Redirect(request.RedirectUri, [("code", code), ("state", request.State), ("session_state", Guid.NewGuid().ToString())]);
    }
}

/// <summary>An authorization request whose client and redirect URI are known good; the other parameters as sent.</summary>
/// <param name="Client">The registered client.</param>
/// <param name="RedirectUri">A redirect URI registered for <paramref name="Client"/>.</param>
/// <param name="Parameters">Every parameter of the request (query or posted form).</param>
internal sealed record AuthorizeRequest(EmulatedClient Client, string RedirectUri, IReadOnlyDictionary<string, string> Parameters)
{
    public string? State => Parameters.GetValueOrDefault("state");

    public string? Scope => Parameters.GetValueOrDefault("scope");

    public string? CodeChallenge => Parameters.GetValueOrDefault("code_challenge");

    public string? LoginHint => Parameters.GetValueOrDefault("login_hint");

    /// <summary>The error redirect: <c>error</c>, <c>error_description</c> (<c>AADSTS{code}: …</c>) and <c>state</c>.</summary>
    public EmulatorResponse Fail(string error, int code, string description) =>
        SignInEndpoints.Redirect(RedirectUri, [("error", error), ("error_description", $"AADSTS{code}: {description}"), ("state", State)]);
}
