namespace Entra.Actions;

/// <summary>Creates <see cref="EntraActionResult{T}"/> values with type inference.</summary>
public static class EntraActionResult
{
    /// <summary>A successful result carrying <paramref name="value"/>.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The result.</returns>
    public static EntraActionResult<T> Success<T>(T value) => EntraActionResult<T>.Success(value);

    /// <summary>A failed result carrying <paramref name="error"/>.</summary>
    /// <typeparam name="T">The value type the action would have produced.</typeparam>
    /// <param name="error">The failure.</param>
    /// <returns>The result.</returns>
    public static EntraActionResult<T> Failure<T>(EntraActionError error) => EntraActionResult<T>.Failure(error);
}
