namespace Entra.Actions;

/// <summary>
/// Thrown by <see cref="EntraActionResult{T}.EnsureSuccess"/> and <see cref="EntraActionResult{T}.GetValueOrThrow"/>
/// for callers who prefer exceptions to result checks. Actions themselves never throw it.
/// </summary>
public sealed class EntraActionException : Exception
{
    /// <summary>Creates an exception that carries <paramref name="error"/>.</summary>
    /// <param name="error">The failure.</param>
    public EntraActionException(EntraActionError error)
        : base(error?.ToString())
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>Creates an exception with a message only (for serializers and tooling).</summary>
    /// <param name="message">The message.</param>
    public EntraActionException(string message)
        : this(new EntraActionError(EntraErrorKind.ServiceError, message))
    {
    }

    /// <summary>Creates an exception with a message and an inner exception (for tooling).</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public EntraActionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = new EntraActionError(EntraErrorKind.ServiceError, message);
    }

    /// <summary>Creates an exception without details (for tooling).</summary>
    public EntraActionException()
        : this("The Entra action failed.")
    {
    }

    /// <summary>The failure.</summary>
    public EntraActionError Error { get; }
}
