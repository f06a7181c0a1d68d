namespace Entra.Actions;

/// <summary>
/// Thrown by <see cref="EntraActionResult{T}.EnsureSuccess"/> and <see cref="EntraActionResult{T}.GetValueOrThrow"/>
/// for callers who prefer exceptions to result checks. Actions themselves never throw it. It always carries the real
/// <see cref="EntraActionError"/> of the failed action, so there is no constructor that takes only a message.
/// </summary>
public sealed class EntraActionException : Exception
{
    /// <summary>Creates an exception that carries <paramref name="error"/>; its message is the error's.</summary>
    /// <param name="error">The failure.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public EntraActionException(EntraActionError error)
        : this(error, innerException: null)
    {
    }

    /// <summary>Creates an exception that carries <paramref name="error"/> and the exception that caused it.</summary>
    /// <param name="error">The failure.</param>
    /// <param name="innerException">The cause, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public EntraActionException(EntraActionError error, Exception? innerException)
        : base(error?.ToString(), innerException)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>The failure.</summary>
    public EntraActionError Error { get; }
}
