using System.Security.Cryptography;
using System.Text.Json;
using Azure.Identity;
using Entra.Actions.Http;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace Entra.Actions.Graph;

/// <summary>
/// The one place that turns what the Graph SDK throws into an <see cref="EntraActionError"/>: <see cref="ODataError"/>,
/// the <see cref="AggregateException"/> of <see cref="ApiException"/>s the SDK's retry handler throws when its retries run out,
/// <see cref="ServiceException"/> from batch steps, transport failures, timeouts, unreadable bodies and credential failures.
/// Decisions use the status and Graph's error code (graph-contract.md §3.1: branch on <c>code</c>, not <c>message</c>).
/// </summary>
internal static class GraphErrorMapper
{
    public const string ResourceNotFound = "Request_ResourceNotFound";
    public const string BadRequest = "Request_BadRequest";

    public static EntraActionError Map(Exception exception, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var now = (time ?? TimeProvider.System).GetUtcNow();
        switch (exception)
        {
            case ODataError odata:
                return FromStatus(
                    odata.ResponseStatusCode,
                    odata.Error?.Code,
                    odata.Error?.Message ?? odata.Message,
                    odata.Error?.InnerError?.RequestId ?? Header(odata.ResponseHeaders, "request-id"),
                    RetryAfter.Read(odata.ResponseHeaders, now));

            case AggregateException aggregate when aggregate.Flatten().InnerExceptions.LastOrDefault() is { } last:
                // The SDK's RetryHandler gives up with one exception per attempt; the last one is Graph's final answer.
                var inner = Map(last, time);
                return inner.Kind == EntraErrorKind.Throttled
                    ? inner with { Message = $"Graph kept throttling the request after {aggregate.InnerExceptions.Count} attempts. {inner.Message}" }
                    : inner;

            case ServiceException service:
                return FromServiceException(service, now);

            case ApiException api:
                return FromStatus(api.ResponseStatusCode, null, api.Message, Header(api.ResponseHeaders, "request-id"), RetryAfter.Read(api.ResponseHeaders, now));

            case TimeoutException or TaskCanceledException or OperationCanceledException:
                return new EntraActionError(EntraErrorKind.ServiceError, $"Graph did not answer in time. {exception.Message}");

            case HttpRequestException http:
                return new EntraActionError(EntraErrorKind.ServiceError, $"Graph could not be reached: {http.Message}") { StatusCode = (int?)http.StatusCode };

            case JsonException or FormatException or InvalidDataException:
                return new EntraActionError(EntraErrorKind.ServiceError, $"Graph's response could not be read: {exception.Message}");

            case AuthenticationFailedException or CredentialUnavailableException:
                return new EntraActionError(EntraErrorKind.Unauthorized, $"No access token could be obtained for Graph: {exception.Message}");

            case CryptographicException:
                return new EntraActionError(EntraErrorKind.Unauthorized, $"The client certificate could not be loaded: {exception.Message}");

            default:
                return new EntraActionError(EntraErrorKind.ServiceError, $"The Graph call failed unexpectedly ({exception.GetType().Name}): {exception.Message}");
        }
    }

    /// <summary>Maps an HTTP status and Graph error code to a kind.</summary>
    public static EntraActionError FromStatus(int status, string? code, string? message, string? requestId, TimeSpan? retryAfter)
    {
        var graphMessage = string.IsNullOrWhiteSpace(message) ? "(no message)" : message;
        var kind = status switch
        {
            400 when IsUnsupportedGroupMessage(graphMessage) => EntraErrorKind.UnsupportedGroup,
            400 or 422 => EntraErrorKind.InvalidInput,
            401 => EntraErrorKind.Unauthorized,
            403 => EntraErrorKind.Forbidden,
            404 or 410 => EntraErrorKind.NotFound,
            429 => EntraErrorKind.Throttled,
            _ => EntraErrorKind.ServiceError,
        };
        var prefix = code is null ? $"Graph answered {status}" : $"Graph answered {status} {code}";
        return new EntraActionError(kind, $"{prefix}: {graphMessage}")
        {
            StatusCode = status == 0 ? null : status,
            GraphErrorCode = code,
            RequestId = requestId,
            RetryAfter = status == 429 ? retryAfter : null,
        };
    }

    /// <summary>
    /// 400 <c>Request_BadRequest</c> "already exist" on an add: the member is already there (graph-contract.md §3.2).
    /// The status and code alone also cover other 400s (a mail-enabled group, a duplicate in a bind list), so the
    /// documented text is required as well; an unrecognised 400 stays a failure rather than a false success.
    /// </summary>
    public static bool IsAlreadyMember(EntraActionError error) =>
        error is { StatusCode: 400, GraphErrorCode: BadRequest }
        && error.Message.Contains("already exist", StringComparison.OrdinalIgnoreCase);

    /// <summary>404 <c>Request_ResourceNotFound</c> on a member reference: the object is not a direct member (graph-contract.md §3.2).</summary>
    public static bool IsNotFound(EntraActionError error) =>
        error is { StatusCode: 404, GraphErrorCode: ResourceNotFound };

    private static EntraActionError FromServiceException(ServiceException service, DateTimeOffset now)
    {
        // A failed $batch step carries Graph's error envelope as raw text; read its code and message when it is there.
        string? code = null;
        var message = service.Message;
        string? requestId = null;
        if (!string.IsNullOrWhiteSpace(service.RawResponseBody))
        {
            try
            {
                using var body = JsonDocument.Parse(service.RawResponseBody);
                if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                {
                    code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                    message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? message : message;
                    requestId = error.TryGetProperty("innerError", out var inner) && inner.ValueKind == JsonValueKind.Object
                        && inner.TryGetProperty("request-id", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                }
            }
            catch (JsonException)
            {
                // Not JSON: keep the exception's own message.
            }
        }

        var headers = service.ResponseHeaders?.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        return FromStatus(service.ResponseStatusCode, code, message, requestId ?? Header(headers, "request-id"), RetryAfter.Read(headers, now));
    }

    private static bool IsUnsupportedGroupMessage(string message) =>
        message.Contains("mail-enabled security", StringComparison.OrdinalIgnoreCase)
        || message.Contains("distribution list", StringComparison.OrdinalIgnoreCase)
        || message.Contains("on-premises mastered", StringComparison.OrdinalIgnoreCase)
        || message.Contains("originated within an external service", StringComparison.OrdinalIgnoreCase);

    private static string? Header(IDictionary<string, IEnumerable<string>>? headers, string name)
    {
        if (headers is null)
        {
            return null;
        }

        foreach (var (key, values) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return values.FirstOrDefault();
            }
        }

        return null;
    }
}
