using System.Text;

namespace Entra.Actions;

/// <summary>
/// What went wrong in a failed action: a kind to branch on, a readable message that names the id
/// and the reason, and Graph's own identifiers for support tickets.
/// </summary>
/// <remarks>Never contains tokens or secrets.</remarks>
public sealed record EntraActionError
{
    /// <summary>Creates an error.</summary>
    /// <param name="kind">Why the action failed.</param>
    /// <param name="message">A readable message naming the id and the reason.</param>
    public EntraActionError(EntraErrorKind kind, string message)
    {
        ArgumentException.ThrowIfNullOrEmpty(message);
        Kind = kind;
        Message = message;
    }

    /// <summary>Why the action failed.</summary>
    public EntraErrorKind Kind { get; init; }

    /// <summary>A readable message that names the id and the reason.</summary>
    public string Message { get; init; }

    /// <summary>Graph's error <c>code</c> (for example <c>Request_ResourceNotFound</c>), when Graph answered with one.</summary>
    public string? GraphErrorCode { get; init; }

    /// <summary>The HTTP status Graph answered with, when a response was received.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Graph's <c>request-id</c>, to quote in a support ticket.</summary>
    public string? RequestId { get; init; }

    /// <summary>For <see cref="EntraErrorKind.Throttled"/>: how long Graph asked the caller to wait before trying again.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// For <see cref="EntraErrorKind.Throttled"/>: Graph said the write quota is used up (<c>x-ms-throttle-information</c>
    /// <c>WriteLimitExceeded</c>, or a <c>Write</c> throttle scope). Only these teach the write pace; any other 429 pauses.
    /// </summary>
    internal bool WriteQuotaExceeded { get; init; }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Kind).Append(": ").Append(Message);
        if (StatusCode is { } status)
        {
            text.Append(" (status ").Append(status);
            if (GraphErrorCode is not null)
            {
                text.Append(' ').Append(GraphErrorCode);
            }

            text.Append(')');
        }

        if (RequestId is not null)
        {
            text.Append(" request-id ").Append(RequestId);
        }

        return text.ToString();
    }
}
