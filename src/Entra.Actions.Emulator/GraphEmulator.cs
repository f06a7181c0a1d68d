using System.Globalization;
using System.Text.Json.Nodes;

namespace Entra.Actions.Emulator;

/// <summary>
/// A local, Graph-faithful emulator of the Microsoft Graph v1.0 directory surface. One request pipeline, two hosts:
/// in-process through <see cref="CreateHandler"/> (no socket) and on loopback through <see cref="EmulatorServer"/> (Kestrel).
/// Thread-safe.
/// </summary>
/// <example>
/// <code>
/// var emulator = new GraphEmulator();   // the demo tenant
/// var auth = new AzureIdentityAuthenticationProvider(emulator.CreateApplicationCredential(), [GraphEmulator.InProcessHost]);
/// var graph = new GraphServiceClient(new HttpClient(emulator.CreateHandler()), auth, GraphEmulator.InProcessBaseUrl);
/// var adele = await graph.Users[DemoTenant.AdeleVanceId].GetAsync();
/// </code>
/// </example>
public sealed class GraphEmulator
{
    /// <summary>The host name used for in-process requests.</summary>
    public const string InProcessHost = "graph.emulator.local";

    /// <summary>The base URL to give the Graph SDK for in-process use (any host works with <see cref="CreateHandler"/>).</summary>
    public const string InProcessBaseUrl = "https://" + InProcessHost + "/v1.0";

    private readonly DirectoryThrottle _throttle;

    /// <summary>Initializes a new emulator serving a fresh copy of the <see cref="DemoTenant"/>.</summary>
    public GraphEmulator()
        : this(DemoTenant.Create())
    {
    }

    /// <summary>Initializes a new emulator serving a directory.</summary>
    /// <param name="directory">The directory; requests change it.</param>
    /// <param name="options">The options; defaults apply when <see langword="null"/>.</param>
    public GraphEmulator(EmulatedDirectory directory, GraphEmulatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory = directory;
        Options = options ?? new GraphEmulatorOptions();
        _throttle = new DirectoryThrottle();
    }

    /// <summary>Gets the directory being served.</summary>
    public EmulatedDirectory Directory { get; }

    /// <summary>Gets the options.</summary>
    public GraphEmulatorOptions Options { get; }

    /// <summary>
    /// Gets the emulated Microsoft Entra authority served at <c>/{tenant}/oauth2/v2.0/authorize</c> and <c>/token</c> (authorization-code
    /// flow with PKCE, refresh tokens): register clients, choose who signs in, revoke refresh tokens.
    /// </summary>
    public EmulatedAuthority Authority { get; } = new();

    /// <summary>Gets the fault injector (latency, failures, dropped connections, malformed bodies).</summary>
    public FaultInjector Faults { get; } = new();

    /// <summary>Gets the journal of every request received, including <c>$batch</c> steps, in completion order (see <see cref="RequestJournal"/>).</summary>
    public RequestJournal Journal { get; } = new();

    /// <summary>Creates an <see cref="HttpMessageHandler"/> that serves requests in-process (no socket). Any host name works.</summary>
    /// <returns>The handler; give it to an <see cref="HttpClient"/> or as the final handler of Graph's handler chain.</returns>
    public HttpMessageHandler CreateHandler() => new EmulatorHttpMessageHandler(this);

    /// <summary>Creates an <see cref="HttpClient"/> over <see cref="CreateHandler"/> with base address <see cref="InProcessBaseUrl"/> plus <c>/</c>.</summary>
    /// <returns>The client.</returns>
    public HttpClient CreateHttpClient() => new(CreateHandler()) { BaseAddress = new Uri(InProcessBaseUrl + "/") };

    /// <summary>
    /// Creates a credential for application tokens that the emulator accepts: <c>tid</c> is this directory's tenant and the tokens are
    /// issued (and expire, see <see cref="Azure.Core.AccessToken.ExpiresOn"/>) on <see cref="GraphEmulatorOptions.TimeProvider"/>,
    /// read each time a token is requested.
    /// </summary>
    /// <param name="roles">The application permissions; when empty, <see cref="EmulatorTokens.DefaultPermissions"/>.</param>
    /// <returns>The credential.</returns>
    public EmulatorCredential CreateApplicationCredential(params IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var list = roles.ToList();
        return new EmulatorCredential(() => EmulatorTokens.CreateApplicationAt(
            Options.TimeProvider.GetUtcNow(), list.Count == 0 ? EmulatorTokens.DefaultPermissions : list, null, Directory.TenantId.ToString(), null));
    }

    /// <summary>
    /// Creates a credential for delegated tokens that the emulator accepts: <c>tid</c> is this directory's tenant and the tokens are
    /// issued (and expire) on <see cref="GraphEmulatorOptions.TimeProvider"/>, read each time a token is requested.
    /// </summary>
    /// <param name="scopes">The delegated scopes; when empty, <see cref="EmulatorTokens.DefaultPermissions"/>.</param>
    /// <param name="userObjectId">The signed-in user's object id; defaults to <see cref="DemoTenant.AdeleVanceId"/> when the directory
    /// has that user, otherwise to the directory's first user.</param>
    /// <param name="userPrincipalName">The signed-in user's UPN; defaults to that user's UPN in the directory.</param>
    /// <returns>The credential.</returns>
    /// <exception cref="InvalidOperationException">No user was given and the directory has none.</exception>
    public EmulatorCredential CreateDelegatedCredential(IEnumerable<string> scopes, string? userObjectId = null, string? userPrincipalName = null)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var list = scopes.ToList();
        var user = userObjectId is not null
            ? Directory.FindUser(userObjectId)
            : Directory.FindUser(DemoTenant.AdeleVanceId) ?? (Directory.Users is [var first, ..] ? first : null)
                ?? throw new InvalidOperationException("The directory has no user to sign in; pass userObjectId.");
        var oid = userObjectId ?? user!.Id.ToString();
        var upn = userPrincipalName ?? user?.UserPrincipalName ?? DemoTenant.AdeleVanceUpn;
        return new EmulatorCredential(() => EmulatorTokens.CreateDelegatedAt(
            Options.TimeProvider.GetUtcNow(), list.Count == 0 ? EmulatorTokens.DefaultPermissions : list, oid, upn, Directory.TenantId.ToString(), null, null));
    }

    /// <summary>Refills every throttling bucket.</summary>
    public void ResetThrottling() => _throttle.Reset();

    internal async Task<EmulatorResponse> HandleAsync(EmulatorRequest request, CancellationToken cancellationToken)
    {
        var now = Options.TimeProvider.GetUtcNow();
        var requestId = Guid.NewGuid().ToString();
        var ctx = new RequestContext
        {
            Emulator = this,
            Request = request,
            RequestId = requestId,
            ClientRequestId = request.Header("client-request-id") ?? requestId,
            Now = now,
        };

        EmulatorResponse response;
        var isEnvelope = request.BatchStepId is null
            && string.Equals(Uri.UnescapeDataString(request.RawPath).TrimEnd('/'), "/v1.0/$batch", StringComparison.OrdinalIgnoreCase);
        var isSignIn = request.BatchStepId is null && SignInEndpoints.TryMatch(request.RawPath, out _, out _);

        // Path-less status and latency rules target Graph calls; like the $batch envelope, the sign-in endpoints get only rules that name their path.
        var fault = Faults.Next(request.Method, request.RawPath, request.BatchStepId is not null, isEnvelope || isSignIn);
        if (fault?.Kind == FaultKind.Latency)
        {
            await Task.Delay(fault.Latency, Options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }

        if (fault?.Kind == FaultKind.DropConnection)
        {
            response = new EmulatorResponse { StatusCode = 0, DropConnection = true };
        }
        else if (fault is { Kind: FaultKind.Status, ApplyRequest: false })
        {
            response = FaultResponse(ctx, fault);
        }
        else
        {
            response = await ServeAsync(ctx, cancellationToken).ConfigureAwait(false);
            if (fault is { Kind: FaultKind.Status, ApplyRequest: true })
            {
                response = FaultResponse(ctx, fault);
            }
            else if (fault?.Kind == FaultKind.MalformedBody)
            {
                if (string.IsNullOrEmpty(response.Body))
                {
                    // A 204 must not carry a body (Kestrel would drop it): answer 200 with truncated JSON, the same on both hosts.
                    if (response.StatusCode == 204)
                    {
                        response.StatusCode = 200;
                    }

                    response.Body = "{\"value\":[";
                    response.ContentType = "application/json";
                }
                else
                {
                    response.Body = response.Body[..(response.Body.Length / 2)];
                    response.ContentType ??= "application/json";
                }
            }
        }

        response.Headers["request-id"] = requestId;
        response.Headers["client-request-id"] = ctx.ClientRequestId;
        response.Headers["Date"] = now.ToString("R", CultureInfo.InvariantCulture);
        response.Headers.TryAdd("Cache-Control", "no-cache");
        response.Headers["x-ms-resource-unit"] = response.ResourceUnits.ToString(CultureInfo.InvariantCulture);
        if (response.ContentType == EmulatorResponse.ODataJson)
        {
            response.Headers["OData-Version"] = "4.0";
        }

        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
        if (headers.ContainsKey("Authorization"))
        {
            headers["Authorization"] = "(redacted)";
        }

        Journal.Add(new JournalEntry
        {
            Timestamp = now,
            Method = request.Method,
            RawPath = request.RawPath,
            Query = request.RawQuery,
            Headers = headers,
            HasAuthorization = request.Header("Authorization") is not null,
            Body = isSignIn ? SignInEndpoints.RedactForm(request.Body) : request.Body,
            StatusCode = response.StatusCode,
            RequestId = requestId,
            BatchStepId = request.BatchStepId,
        });
        return response;
    }

    private static EmulatorResponse FaultResponse(RequestContext ctx, FaultRule fault)
    {
        var response = fault.StatusCode == 429
            ? GraphErrors.Throttled(ctx)
            : GraphErrors.Error(ctx, fault.StatusCode, GraphErrors.StatusCodeName(fault.StatusCode), fault.StatusCode switch
            {
                500 => "An internal server error occurred (injected fault).",
                502 => "Bad gateway (injected fault).",
                503 => "The service is temporarily unavailable (injected fault).",
                504 => "The operation timed out (injected fault).",
                _ => "Injected fault.",
            });
        if (fault.RetryAfter is not null)
        {
            response.Headers["Retry-After"] = fault.RetryAfter;
        }

        if (fault.StatusCode == 429 && fault.ThrottleInformation is { } information)
        {
            var limit = information.Contains("Write", StringComparison.OrdinalIgnoreCase) ? "Write" : "ReadWrite";
            response.Headers["x-ms-throttle-scope"] = $"Tenant_Application/{limit}/{ctx.Principal.AppId}/{ctx.Directory.TenantId}";
            response.Headers["x-ms-throttle-information"] = information;
        }

        return response;
    }

    private async Task<EmulatorResponse> ServeAsync(RequestContext ctx, CancellationToken cancellationToken)
    {
        var request = ctx.Request;
        var path = request.RawPath;
        if (request.BatchStepId is null && string.Equals(path, "/_emulator/token", StringComparison.OrdinalIgnoreCase))
        {
            return IssueToken(ctx);
        }

        if (request.BatchStepId is null && SignInEndpoints.TryMatch(path, out var tenant, out var endpoint))
        {
            return SignInEndpoints.Handle(ctx, tenant, endpoint);
        }

        // A batch step with a body but no Content-Type is refused like Graph does, through the pipeline so that it is journaled
        // and answered with its own request-id and x-ms-resource-unit.
        if (request.BatchStepId is not null && request.Body is not null && request.Header("Content-Type") is null)
        {
            return GraphErrors.Error(ctx, 400, "BadRequest", "Content-Type header must be specified when a request body is present.");
        }

        if (!path.StartsWith("/v1.0/", StringComparison.Ordinal) && path != "/v1.0")
        {
            var version = path.TrimStart('/').Split('/')[0];
            return GraphErrors.Error(ctx, 400, "BadRequest", $"Invalid version: {Uri.UnescapeDataString(version)}");
        }

        var raw = path.Length <= 6 ? [] : path[6..].Split('/');
        var seg = raw.Select(Uri.UnescapeDataString).ToArray();
        ctx.Query = ODataQuery.Parse(request.RawQuery);
        if (seg is ["$batch"])
        {
            if (request.BatchStepId is not null)
            {
                return GraphErrors.Error(ctx, 400, "BadRequest", "Nested batch requests are not supported.");
            }

            return request.Method == "POST"
                ? await BatchEndpoint.HandleAsync(this, ctx, cancellationToken).ConfigureAwait(false)
                : GraphErrors.MethodNotAllowed(ctx);
        }

        var route = GraphRouter.Resolve(request.Method, raw, seg);
        var cost = seg is ["directoryObjects", "getByIds"] && ctx.Query.Select is not null ? 2 : ctx.Query.AdjustCost(route.BaseCost);

        if (!route.AllowAnonymous && !Authenticate(ctx, out var unauthorized))
        {
            unauthorized!.ResourceUnits = cost;
            return unauthorized;
        }

        ThrottleDecision? decision = null;
        if (Options.Throttling.Enabled)
        {
            decision = _throttle.Charge(Options.Throttling, Options.TimeProvider, ctx.Principal.AppId, Directory.TenantId.ToString(), Directory.UserCount, cost, route.IsWrite);
            if (!decision.Allowed)
            {
                var throttled = GraphErrors.Throttled(ctx);
                throttled.ResourceUnits = cost;
                throttled.Headers["Retry-After"] = decision.RetryAfter!;
                throttled.Headers["x-ms-throttle-scope"] = decision.Scope!;
                throttled.Headers["x-ms-throttle-information"] = decision.Information!;
                return throttled;
            }
        }

        var response = route.Handler(ctx);
        response.ResourceUnits = cost;
        if (decision?.LimitPercentage is { } percentage)
        {
            response.Headers["x-ms-throttle-limit-percentage"] = percentage.ToString("0.0#", CultureInfo.InvariantCulture);
        }

        return response;
    }

    internal bool Authenticate(RequestContext ctx, out EmulatorResponse? unauthorized)
    {
        unauthorized = null;
        var authorization = ctx.Request.Header("Authorization");
        if (TokenReader.TryRead(authorization, Directory.TenantId, ctx.Now, out var principal, out var error))
        {
            ctx.Principal = principal!;
            return true;
        }

        if (!Options.RequireAuthentication)
        {
            ctx.Principal = Principal.Unrestricted;
            return true;
        }

        unauthorized = GraphErrors.Unauthorized(ctx, error!);
        return false;
    }

    private EmulatorResponse IssueToken(RequestContext ctx)
    {
        var query = ODataQuery.Parse(ctx.Request.RawQuery);
        static string[] Split(string? value) => value?.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries) ?? [];
        var tenant = Directory.TenantId.ToString();
        string token;
        if (query.Get("scopes") is { } scopes)
        {
            var user = Directory.FindUser(query.Get("user") ?? DemoTenant.AdeleVanceId) ?? (Directory.Users is [var first, ..] ? first : null);
            if (user is null)
            {
                return GraphErrors.BadRequest(ctx, "The directory has no user to sign in.");
            }

            token = EmulatorTokens.CreateDelegatedAt(ctx.Now, Split(scopes), user.Id.ToString(), user.UserPrincipalName, tenant, null, null);
        }
        else
        {
            var roles = Split(query.Get("roles"));
            token = EmulatorTokens.CreateApplicationAt(ctx.Now, roles.Length == 0 ? EmulatorTokens.DefaultPermissions : roles, null, tenant, null);
        }

        return new EmulatorResponse
        {
            StatusCode = 200,
            ContentType = "application/json",
            Body = new JsonObject { ["token_type"] = "Bearer", ["expires_in"] = 3600, ["access_token"] = token }.ToJsonString(GraphErrors.JsonOptions),
        };
    }
}
