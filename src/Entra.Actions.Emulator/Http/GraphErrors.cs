using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Entra.Actions.Emulator;

/// <summary>Builds Graph error responses and other response shapes.</summary>
internal static class GraphErrors
{
    /// <summary>Graph does not escape <c>+</c> or <c>&amp;</c> in JSON; neither do we.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public const string NotFoundCode = "Request_ResourceNotFound";
    public const string BadRequestCode = "Request_BadRequest";
    public const string DeniedCode = "Authorization_RequestDenied";
    public const string UnsupportedQueryCode = "Request_UnsupportedQuery";
    public const string InsufficientPrivileges = "Insufficient privileges to complete the operation.";

    public static string NotFoundMessage(string id) =>
        $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.";

    public static EmulatorResponse Error(RequestContext context, int status, string code, string message)
    {
        var inner = new JsonObject
        {
            ["date"] = context.Now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            ["request-id"] = context.RequestId,
            ["client-request-id"] = context.ClientRequestId,
        };
        var body = new JsonObject
        {
            ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["innerError"] = inner },
        };
        return new EmulatorResponse { StatusCode = status, Body = body.ToJsonString(GraphErrors.JsonOptions), ContentType = "application/json" };
    }

    public static EmulatorResponse Throttled(RequestContext context)
    {
        var body = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = "TooManyRequests",
                ["innerError"] = new JsonObject
                {
                    ["code"] = "429",
                    ["date"] = context.Now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
                    ["message"] = "Please retry after",
                    ["request-id"] = context.RequestId,
                    ["client-request-id"] = context.ClientRequestId,
                    ["status"] = "429",
                },
                ["message"] = "Please retry again later.",
            },
        };
        return new EmulatorResponse { StatusCode = 429, Body = body.ToJsonString(GraphErrors.JsonOptions), ContentType = "application/json" };
    }

    public static EmulatorResponse NotFound(RequestContext context, string id) =>
        Error(context, 404, NotFoundCode, NotFoundMessage(id));

    public static EmulatorResponse BadRequest(RequestContext context, string message) =>
        Error(context, 400, BadRequestCode, message);

    public static EmulatorResponse Denied(RequestContext context) =>
        Error(context, 403, DeniedCode, InsufficientPrivileges);

    public static EmulatorResponse InvalidObjectIdentifier(RequestContext context, string id) =>
        BadRequest(context, $"Invalid object identifier '{id}'.");

    public static EmulatorResponse SegmentNotFound(RequestContext context, string segment) =>
        Error(context, 400, "BadRequest", $"Resource not found for the segment '{segment}'.");

    public static EmulatorResponse MethodNotAllowed(RequestContext context) =>
        Error(context, 405, BadRequestCode, "Specified HTTP method is not allowed for the request uri.");

    public static EmulatorResponse Unauthorized(RequestContext context, string message)
    {
        var response = Error(context, 401, "InvalidAuthenticationToken", message);
        response.Headers["WWW-Authenticate"] =
            "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"";
        return response;
    }

    public static EmulatorResponse Json(int status, JsonNode body) =>
        new() { StatusCode = status, Body = body.ToJsonString(GraphErrors.JsonOptions), ContentType = EmulatorResponse.ODataJson };

    public static EmulatorResponse NoContent() => new() { StatusCode = 204 };

    public static EmulatorResponse Text(string text) =>
        new() { StatusCode = 200, Body = text, ContentType = "text/plain;charset=utf-8" };

    public static string StatusCodeName(int status) => status switch
    {
        400 => "BadRequest",
        401 => "InvalidAuthenticationToken",
        403 => DeniedCode,
        404 => NotFoundCode,
        409 => "Conflict",
        423 => "Locked",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        507 => "InsufficientStorage",
        _ => "UnknownError",
    };
}
