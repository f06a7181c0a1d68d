using System.ComponentModel;

namespace Entra.Actions.Catalog.Internal;

/// <summary>The JSON shape of an <see cref="EntraActionError"/>: an invocation's <c>error</c> and a bulk item's <c>error</c>.</summary>
internal sealed class ErrorOutput
{
    /// <summary>Why the action failed.</summary>
    [Description("Why the action failed: InvalidInput, NotFound, Unauthorized, Forbidden, UnsupportedGroup, Throttled, ServiceError, Cancelled, PolicyDenied or Ambiguous.")]
    public required EntraErrorKind Kind { get; init; }

    /// <summary>The readable message.</summary>
    [Description("A readable message that names the id or input and the reason.")]
    public required string Message { get; init; }

    /// <summary>Graph's error code.</summary>
    [Description("Graph's error code (for example Request_ResourceNotFound), when Graph answered with one.")]
    public string? GraphErrorCode { get; init; }

    /// <summary>The HTTP status.</summary>
    [Description("The HTTP status Graph answered with, when a response was received.")]
    public int? StatusCode { get; init; }

    /// <summary>Graph's request-id.</summary>
    [Description("Graph's request-id, to quote in a support ticket.")]
    public string? RequestId { get; init; }

    /// <summary>How long Graph asked to wait, in seconds.</summary>
    [Description("For Throttled: how many seconds Graph asked the caller to wait before trying again.")]
    public double? RetryAfterSeconds { get; init; }

    /// <summary>Converts an error.</summary>
    /// <param name="error">The error.</param>
    /// <returns>Its JSON shape.</returns>
    public static ErrorOutput From(EntraActionError error) => new()
    {
        Kind = error.Kind,
        Message = error.Message,
        GraphErrorCode = error.GraphErrorCode,
        StatusCode = error.StatusCode,
        RequestId = error.RequestId,
        RetryAfterSeconds = error.RetryAfter?.TotalSeconds,
    };
}
