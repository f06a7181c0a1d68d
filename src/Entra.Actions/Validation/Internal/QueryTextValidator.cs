using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Entra.Actions.Validation.Internal;

/// <summary>
/// The one place where free text that goes into a Graph query (a search prefix, a group name) and the limits of list reads are
/// validated. Text is only ever sent as an escaped OData string literal inside an escaped query parameter, so no character can
/// change a query's meaning; this check refuses what no directory name contains (control characters, broken UTF-16) and
/// bounds the length.
/// </summary>
internal static class QueryTextValidator
{
    /// <summary>
    /// Validates query text: surrounding white space is trimmed; what remains must be 1 to <paramref name="maxLength"/>
    /// characters without control characters or unpaired surrogates.
    /// </summary>
    /// <param name="value">The caller's input.</param>
    /// <param name="inputName">The input's name for the message.</param>
    /// <param name="maxLength">The most characters allowed, white space included.</param>
    /// <param name="text">The trimmed text when valid.</param>
    /// <param name="error">An <see cref="EntraErrorKind.InvalidInput"/> error when not valid.</param>
    /// <returns>Whether the value is valid.</returns>
    public static bool TryValidate(string? value, string inputName, int maxLength, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out EntraActionError? error)
    {
        text = null;
        if (value is null)
        {
            error = Invalid($"{inputName} is required.");
            return false;
        }

        if (value.Length > maxLength)
        {
            error = Invalid(string.Create(CultureInfo.InvariantCulture, $"{inputName} is {value.Length} characters long; at most {maxLength} are allowed."));
            return false;
        }

        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            error = Invalid($"{inputName} must contain a character other than white space.");
            return false;
        }

        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (char.IsControl(c))
            {
                error = Invalid($"{inputName} {EntraIdValidator.Quote(value)} contains a control character; names never do.");
                return false;
            }

            if (char.IsSurrogate(c) && Rune.DecodeFromUtf16(trimmed.AsSpan(i), out _, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                i += consumed - 1;
            }
            else if (char.IsSurrogate(c))
            {
                error = Invalid($"{inputName} is not valid text (an unpaired UTF-16 surrogate).");
                return false;
            }
        }

        text = trimmed;
        error = null;
        return true;
    }

    /// <summary>Validates the most items a list read returns: 1 to <paramref name="max"/>.</summary>
    /// <param name="value">The caller's limit.</param>
    /// <param name="inputName">The input's name for the message.</param>
    /// <param name="max">The largest limit allowed.</param>
    /// <param name="error">An <see cref="EntraErrorKind.InvalidInput"/> error when out of range.</param>
    /// <returns>Whether the value is valid.</returns>
    public static bool TryValidateLimit(int value, string inputName, int max, [NotNullWhen(false)] out EntraActionError? error)
    {
        error = value < 1 || value > max
            ? Invalid(string.Create(CultureInfo.InvariantCulture, $"{inputName} must be between 1 and {max:N0}, not {value}."))
            : null;
        return error is null;
    }

    private static EntraActionError Invalid(string message) => new(EntraErrorKind.InvalidInput, message);
}
