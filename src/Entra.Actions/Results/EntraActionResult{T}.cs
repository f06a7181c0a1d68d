using System.Diagnostics.CodeAnalysis;

namespace Entra.Actions;

/// <summary>
/// The outcome of an action: either <see cref="Succeeded"/> with a <see cref="Value"/>, or failed with an
/// <see cref="Error"/>. Directory and service outcomes (not found, forbidden, throttled, ...) come back
/// this way rather than as exceptions.
/// </summary>
/// <typeparam name="T">The value a successful action produces.</typeparam>
[SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Factories on the result type read best at call sites; EntraActionResult offers the inferred form.")]
public sealed class EntraActionResult<T>
{
    private EntraActionResult(T? value, EntraActionError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>Whether the action succeeded. When true <see cref="Value"/> is set; otherwise <see cref="Error"/> is.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>The value of a successful action; <see langword="null"/> on failure.</summary>
    public T? Value { get; }

    /// <summary>The failure; <see langword="null"/> on success.</summary>
    public EntraActionError? Error { get; }

    /// <summary>A successful result.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The result.</returns>
    public static EntraActionResult<T> Success(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new EntraActionResult<T>(value, null);
    }

    /// <summary>A failed result.</summary>
    /// <param name="error">The failure.</param>
    /// <returns>The result.</returns>
    public static EntraActionResult<T> Failure(EntraActionError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new EntraActionResult<T>(default, error);
    }

    /// <summary>Returns this result when it succeeded; otherwise throws.</summary>
    /// <returns>This result.</returns>
    /// <exception cref="EntraActionException">The action failed; the exception carries <see cref="Error"/>.</exception>
    public EntraActionResult<T> EnsureSuccess() => Succeeded ? this : throw new EntraActionException(Error);

    /// <summary>Returns <see cref="Value"/> when the action succeeded; otherwise throws.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="EntraActionException">The action failed; the exception carries <see cref="Error"/>.</exception>
    public T GetValueOrThrow() => Succeeded ? Value : throw new EntraActionException(Error);

    /// <inheritdoc />
    public override string ToString() => Succeeded ? $"Succeeded: {Value}" : $"Failed: {Error}";
}
