namespace Entra.Actions;

/// <summary>Why a connect failed, with Entra's error details when it answered. Never carries codes, tokens or secrets.</summary>
public sealed class EntraConnectError
{
    /// <summary>Initializes a new instance (for hosts that fake connect results in tests).</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="message">The message.</param>
    public EntraConnectError(EntraConnectErrorKind kind, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        Kind = kind;
        Message = message;
    }

    /// <summary>Gets the kind of failure.</summary>
    public EntraConnectErrorKind Kind { get; }

    /// <summary>Gets a message for the administrator: what happened and what to do.</summary>
    public string Message { get; }

    /// <summary>Gets the OAuth error code (<c>invalid_grant</c>, <c>access_denied</c>, ...), when Entra sent one.</summary>
    public string? OAuthError { get; init; }

    /// <summary>Gets the <c>AADSTS</c> error numbers (for example 54005), when Entra sent them.</summary>
    public IReadOnlyList<int> ErrorCodes { get; init; } = [];

    /// <summary>Gets Entra's trace id, for a support request.</summary>
    public string? TraceId { get; init; }

    /// <summary>Gets Entra's correlation id, for a support request.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Gets the HTTP status of the token endpoint's answer, when there was one.</summary>
    public int? StatusCode { get; init; }

    /// <summary>A summary.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() =>
        $"{Kind}{(OAuthError is null ? string.Empty : $" ({OAuthError}{(ErrorCodes.Count == 0 ? string.Empty : " AADSTS" + string.Join(",", ErrorCodes))})")}: {Message}";
}
