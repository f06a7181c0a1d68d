using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Extensions;

namespace Entra.Actions.Samples.ActionBuilder;

/// <summary>The page and its HTTP API (documented in the README). State-changing requests need the antiforgery header.</summary>
internal static class Endpoints
{
    /// <summary>The header the page sends the antiforgery token in.</summary>
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    public static void Map(WebApplication app)
    {
        app.Use(SecurityHeaders.ApplyAsync);
        app.UseDefaultFiles();
        app.UseStaticFiles();

        var api = app.MapGroup("/api");
        api.MapGet("/antiforgery", (HttpContext context, IAntiforgery antiforgery, SignInBinding binding) =>
        {
            binding.SessionOf(context);
            var tokens = antiforgery.GetAndStoreTokens(context);
            return Results.Json(new { token = tokens.RequestToken, headerName = AntiforgeryHeader });
        });
        api.MapGet("/actions", (EntraActionCatalog catalog) => Results.Json(new JsonArray([.. catalog.Actions.Select(a => (JsonNode)a.ToJsonObject())])));
        api.MapGet("/connections", async (Connections connections, CancellationToken ct) => Results.Json(await connections.ListAsync(ct)));
        api.MapGet("/connections/{name}", CheckAsync);
        api.MapGet("/connect-errors/{id}", async (string id, HttpContext context, SignInBinding binding, CancellationToken ct) =>
            await binding.ErrorAsync(context, id, ct) is { } message ? Results.Json(new { message }) : Problem(404, "No such connect error for this browser session."));

        var changes = api.MapGroup(string.Empty).AddEndpointFilter(RequireAntiforgeryAsync);
        changes.MapPost("/connections/{name}/connect", ConnectAsync);
        changes.MapPost("/connections/{name}/actions/{actionId}", RunAsync);
        changes.MapDelete("/connections/{name}", DisconnectAsync);

        app.MapGet(BackendSettings.CallbackPath, CallbackAsync);
    }

    private static async Task<IResult> ConnectAsync(string name, HttpContext context, Connections connections, SignInBinding binding, CancellationToken ct)
    {
        if (!Connections.IsValidName(name))
        {
            return Problem(400, "A connection name is 1 to 64 letters, digits, '-', '_' or '.'.");
        }

        var start = await connections.BeginAsync(name, ct);
        await binding.RecordAsync(context, start.State, start.ExpiresOn, ct);
        return Results.Json(new { authorizationUrl = start.AuthorizationUrl.AbsoluteUri });
    }

    private static async Task<IResult> CallbackAsync(HttpContext context, Connections connections, SignInBinding binding, CancellationToken ct)
    {
        if (!await binding.TryRedeemAsync(context, context.Request.Query["state"], ct))
        {
            // Not started from this browser session (or already used, or expired): the code is never redeemed.
            return Results.Text("This sign-in was not started from this browser session, or it has expired. Go back to the page and click Connect again.", "text/plain", statusCode: 400);
        }

        var result = await connections.CompleteAsync(new Uri(context.Request.GetEncodedUrl()), ct);
        return result.Succeeded
            ? Results.Redirect("/?connected=" + Uri.EscapeDataString(result.ConnectionName!))
            : Results.Redirect("/?connectError=" + await binding.RecordErrorAsync(context, $"{result.Error!.Kind}: {result.Error.Message}", ct));
    }

    private static async Task<IResult> CheckAsync(string name, Connections connections, CancellationToken ct)
    {
        if (!Connections.IsValidName(name) || await connections.AccountAsync(name, ct) is not { } account)
        {
            return Problem(404, $"No connection named '{name}'.");
        }

        var report = await connections.Connection(name).CheckAsync(ct);
        var json = Connections.Describe(account);
        json["check"] = JsonSerializer.SerializeToNode(report, Connections.Json);
        return Results.Json(json);
    }

    private static async Task<IResult> RunAsync(string name, string actionId, HttpContext context, Connections connections, CancellationToken ct)
    {
        if (!Connections.IsValidName(name) || await connections.AccountAsync(name, ct) is null)
        {
            return Problem(404, $"No connection named '{name}'.");
        }

        JsonObject inputs;
        try
        {
            inputs = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: ct) as JsonObject
                ?? throw new JsonException("The body is not a JSON object.");
        }
        catch (JsonException ex)
        {
            return Problem(400, $"The body must be the action's inputs as a JSON object: {ex.Message}");
        }

        var result = await connections.Connection(name).Invoker.InvokeAsync(actionId, inputs, ct);
        return Results.Json(result.ToJsonObject());
    }

    private static async Task<IResult> DisconnectAsync(string name, Connections connections, CancellationToken ct)
    {
        if (!Connections.IsValidName(name))
        {
            return Problem(404, $"No connection named '{name}'.");
        }

        return await connections.DisconnectAsync(name, ct) ? Results.NoContent() : Problem(404, $"No connection named '{name}'.");
    }

    private static async ValueTask<object?> RequireAntiforgeryAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var request = invocation.HttpContext.Request;
        if (request.Headers.Origin is [{ } origin] && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(403, "State-changing requests are accepted only from this app's own page.");
        }

        var antiforgery = invocation.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(invocation.HttpContext))
        {
            return Problem(400, $"The request needs the antiforgery token in the {AntiforgeryHeader} header (GET /api/antiforgery).");
        }

        return await next(invocation);
    }

    private static IResult Problem(int status, string message) => Results.Json(new { error = message }, statusCode: status);
}
