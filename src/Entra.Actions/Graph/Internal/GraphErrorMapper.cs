using System.Security.Cryptography;
using System.Text.Json;
using Azure.Identity;
using Entra.Actions.Directory.Internal;
using Entra.Actions.Http.Internal;

namespace Entra.Actions.Graph.Internal;

/// <summary>
/// The one place that turns Graph's answers and the transport's failures into an <see cref="EntraActionError"/>: a failed
/// response or <c>$batch</c> step (status, Graph's error body, headers), a transport failure, a timeout, an unreadable body,
/// a credential failure. Decisions use the status and Graph's error <c>code</c>, never the wording of <c>message</c>, except
/// where Graph gives no code of its own.
/// </summary>
internal static class GraphErrorMapper
{
    public const string ResourceNotFound = "Request_ResourceNotFound";
    public const string BadRequest = "Request_BadRequest";

    /// <summary>Maps a failure that left no Graph answer to read.</summary>
    public static EntraActionError Map(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            TimeoutException or TaskCanceledException or OperationCanceledException =>
                new EntraActionError(EntraErrorKind.ServiceError, $"Graph did not answer in time. {exception.Message}"),
            ForeignAnswerException foreign =>
                new EntraActionError(EntraErrorKind.ServiceError, $"Graph's answer was refused: {foreign.Message}"),
            HttpRequestException http =>
                new EntraActionError(EntraErrorKind.ServiceError, $"Graph could not be reached: {http.Message}") { StatusCode = (int?)http.StatusCode },
            JsonException or FormatException or InvalidDataException =>
                new EntraActionError(EntraErrorKind.ServiceError, $"Graph's response could not be read: {exception.Message}"),
            AuthenticationFailedException or CredentialUnavailableException =>
                new EntraActionError(EntraErrorKind.Unauthorized, $"No access token could be obtained for Graph: {exception.Message}"),
            CryptographicException =>
                new EntraActionError(EntraErrorKind.Unauthorized, $"The client certificate could not be loaded: {exception.Message}"),
            _ => new EntraActionError(EntraErrorKind.ServiceError, $"The Graph call failed unexpectedly ({exception.GetType().Name}): {exception.Message}"),
        };
    }

    /// <summary>Maps a whole response that did not succeed: its status, Graph's error body when it is JSON, its request-id and Retry-After.</summary>
    public static async Task<EntraActionError> FromResponseAsync(HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        ErrorWire? error = null;
        string? unreadable = null;
        if (mediaType is null || mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            (error, unreadable) = ReadError(body);
        }
        else
        {
            // A proxy's text/plain 429 or an HTML 502: the status, headers and request-id still say what happened.
            unreadable = $"The answer's body was {mediaType}, not Graph's JSON error.";
        }

        var headerRequestId = response.Headers.NonValidated.TryGetValues("request-id", out var ids) ? ids.FirstOrDefault() : null;
        return FromError((int)response.StatusCode, error, unreadable, headerRequestId, RetryAfter.Read(response.Headers, now));
    }

    /// <summary>Maps a failed <c>$batch</c> step: its own status, the error body inside the step and the step's headers.</summary>
    public static EntraActionError FromStep(int status, JsonElement body, IReadOnlyDictionary<string, JsonElement>? headers, DateTimeOffset now)
    {
        ErrorWire? error = null;
        string? unreadable = null;
        if (body.ValueKind == JsonValueKind.Object)
        {
            try
            {
                error = body.Deserialize(GraphJsonContext.Default.ErrorEnvelopeWire)?.Error;
            }
            catch (JsonException)
            {
                unreadable = "The step's error body could not be read.";
            }
        }
        else if (body.ValueKind == JsonValueKind.String)
        {
            // Graph carries a step's non-JSON body (a proxy's text, an HTML page) as a base64 string: not worth echoing.
            unreadable = "The step's body was not Graph's JSON error.";
        }

        var mapped = FromError(status, error, unreadable, StepHeader(headers, "request-id"), RetryAfter.Parse(StepHeader(headers, "Retry-After"), now));
        return status == 429 && IsWriteQuota(StepHeader(headers, "x-ms-throttle-information"), StepHeader(headers, "x-ms-throttle-scope"))
            ? mapped with { WriteQuotaExceeded = true }
            : mapped;
    }

    /// <summary>
    /// Whether a 429's headers name the write quota: <c>x-ms-throttle-information</c> <c>WriteLimitExceeded</c>, or an
    /// <c>x-ms-throttle-scope</c> of the form <c>{Tenant_Application|Tenant|Application}/Write/{appId}/{id}</c>. A read or
    /// resource-unit limit, a service under load, or an answer without the headers says nothing about the write bucket.
    /// </summary>
    internal static bool IsWriteQuota(string? information, string? scope) =>
        (information?.Contains("WriteLimitExceeded", StringComparison.OrdinalIgnoreCase) ?? false)
        || (scope?.Split('/') is [_, var limit, ..] && limit.Equals("Write", StringComparison.OrdinalIgnoreCase));

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
    /// 400 <c>Request_BadRequest</c> "already exist" on an add: the member is already there. The status and code alone also
    /// cover other 400s (a mail-enabled group, a duplicate in a bind list), so the documented text is required as well; an
    /// unrecognised 400 stays a failure rather than a false success.
    /// </summary>
    public static bool IsAlreadyMember(EntraActionError error) =>
        error is { StatusCode: 400, GraphErrorCode: BadRequest }
        && error.Message.Contains("already exist", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// What a refused atomic write of <paramref name="memberCount"/> members means: a lone member already there is a success;
    /// 429/503/504 (or 424 for a whole batch) may succeed later; "already exist" names a listed member already there; 404
    /// <c>Request_ResourceNotFound</c> names a listed object or the group missing; anything else is a failure of the write.
    /// </summary>
    public static MemberAddAnswer ToAddAnswer(EntraActionError error, int memberCount)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (IsAlreadyMember(error))
        {
            return memberCount == 1 ? MemberAddAnswer.AlreadyMember : MemberAddAnswer.Refused(MemberAddStatus.MemberAlreadyThere, error);
        }

        var status = ThrottlePolicy.IsRetryable(error) ? MemberAddStatus.Unavailable
            : IsNotFound(error) ? MemberAddStatus.ObjectMissing
            : MemberAddStatus.Failed;
        return MemberAddAnswer.Refused(status, error);
    }

    /// <summary>404 <c>Request_ResourceNotFound</c> on a member reference: the object is not a direct member.</summary>
    public static bool IsNotFound(EntraActionError error) =>
        error is { StatusCode: 404, GraphErrorCode: ResourceNotFound };

    private static (ErrorWire? Error, string? Unreadable) ReadError(byte[] body)
    {
        if (body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return (null, null);
        }

        try
        {
            return (JsonSerializer.Deserialize(body, GraphJsonContext.Default.ErrorEnvelopeWire)?.Error, null);
        }
        catch (JsonException)
        {
            return (null, "The error body could not be read.");
        }
    }

    private static EntraActionError FromError(int status, ErrorWire? error, string? unreadable, string? headerRequestId, TimeSpan? retryAfter) =>
        FromStatus(status, error?.Code, error?.Message ?? unreadable, error?.InnerError?.RequestId ?? headerRequestId, retryAfter);

    private static bool IsUnsupportedGroupMessage(string message) =>
        message.Contains("mail-enabled security", StringComparison.OrdinalIgnoreCase)
        || message.Contains("distribution list", StringComparison.OrdinalIgnoreCase)
        || message.Contains("on-premises mastered", StringComparison.OrdinalIgnoreCase)
        || message.Contains("originated within an external service", StringComparison.OrdinalIgnoreCase);

    /// <summary>A <c>$batch</c> step's header, read case-insensitively: its text (a number as written), or <see langword="null"/>.</summary>
    public static string? StepHeader(IReadOnlyDictionary<string, JsonElement>? headers, string name)
    {
        if (headers is null)
        {
            return null;
        }

        foreach (var (key, value) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value.ValueKind == JsonValueKind.String ? value.GetString() : value.ValueKind == JsonValueKind.Number ? value.GetRawText() : null;
            }
        }

        return null;
    }
}
