using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Entra.Actions.Validation.Internal;

/// <summary>
/// The one place where ids are validated before any Graph request is built.
/// </summary>
/// <remarks>
/// Validation is an allow-list, not a deny-list: the Graph SDK leaves <c>.</c> and <c>..</c> unescaped (System.Uri then
/// collapses them, so <c>Members[".."].Ref</c> would DELETE <c>/groups/{id}/$ref</c>), and <c>$batch</c> step URLs are
/// unescaped entirely. Only GUIDs and strictly formed userPrincipalNames can reach a URL.
/// </remarks>
internal static class EntraIdValidator
{
    /// <summary>The input name used in messages for a user id.</summary>
    public const string UserIdInput = "User ID";

    /// <summary>The input name used in messages for a group id.</summary>
    public const string GroupIdInput = "Group ID";

    /// <summary>The input name used in messages for a member id.</summary>
    public const string MemberIdInput = "Member ID";

    /// <summary>Entra's limit for a whole userPrincipalName.</summary>
    public const int MaxUserPrincipalNameLength = 113;

    private const int MaxDomainLabelLength = 63;
    private const int MaxQuotedLength = 64;
    private const int GuidDLength = 36;

    private const string ObjectIdExpectation =
        "an object id: a GUID such as 00000000-0000-0000-0000-000000000000";

    private const string UserIdExpectation =
        "an object id (a GUID such as 00000000-0000-0000-0000-000000000000) or a userPrincipalName such as adele@contoso.com";

    /// <summary>Validates an object id (group id, member id): a GUID in the hyphenated form.</summary>
    /// <param name="value">The caller's input.</param>
    /// <param name="inputName">The input's name for the message, for example <see cref="GroupIdInput"/>.</param>
    /// <param name="objectId">The GUID in lower case when valid.</param>
    /// <param name="error">An <see cref="EntraErrorKind.InvalidInput"/> error when not valid.</param>
    /// <returns>Whether the value is valid.</returns>
    public static bool TryValidateObjectId(
        string? value,
        string inputName,
        [NotNullWhen(true)] out string? objectId,
        [NotNullWhen(false)] out EntraActionError? error)
    {
        var valid = TryValidate(value, inputName, out ObjectId id, out error);
        objectId = valid ? id.Value : null;
        return valid;
    }

    /// <summary>Validates an object id (group id, member id) into the type the bulk seam carries: a GUID in the hyphenated form.</summary>
    /// <param name="value">The caller's input (or an id Graph returned).</param>
    /// <param name="inputName">The input's name for the message, for example <see cref="GroupIdInput"/>.</param>
    /// <param name="objectId">The validated id when valid.</param>
    /// <param name="error">An <see cref="EntraErrorKind.InvalidInput"/> error when not valid.</param>
    /// <returns>Whether the value is valid.</returns>
    public static bool TryValidate(
        string? value,
        string inputName,
        out ObjectId objectId,
        [NotNullWhen(false)] out EntraActionError? error)
    {
        if (TryNormalizeGuid(value, out var normalized))
        {
            objectId = new ObjectId(normalized);
            error = null;
            return true;
        }

        objectId = default;
        error = Invalid(value, inputName, ObjectIdExpectation);
        return false;
    }

    /// <summary>Validates a user id: a GUID in the hyphenated form, or a userPrincipalName (guest <c>#EXT#</c> UPNs included).</summary>
    /// <param name="value">The caller's input.</param>
    /// <param name="inputName">The input's name for the message, for example <see cref="UserIdInput"/>.</param>
    /// <param name="id">The validated id and its kind when valid.</param>
    /// <param name="error">An <see cref="EntraErrorKind.InvalidInput"/> error when not valid.</param>
    /// <returns>Whether the value is valid.</returns>
    public static bool TryValidateUserId(
        string? value,
        string inputName,
        out ValidatedId id,
        [NotNullWhen(false)] out EntraActionError? error)
    {
        if (TryNormalizeGuid(value, out var objectId))
        {
            id = new ValidatedId(new ObjectId(objectId));
            error = null;
            return true;
        }

        if (IsUserPrincipalName(value))
        {
            id = new ValidatedId(value);
            error = null;
            return true;
        }

        id = default;
        error = Invalid(value, inputName, UserIdExpectation);
        return false;
    }

    /// <summary>
    /// Whether a userPrincipalName can travel inside a <c>$filter</c> string literal in an unescaped <c>$batch</c> step URL:
    /// letters, digits and <c>. - _ ! ^ ~ '</c> (a quote is doubled) before and after exactly one <c>@</c>. Anything else
    /// (a guest's <c>#EXT#</c>, say) is read on its own path.
    /// </summary>
    /// <param name="userPrincipalName">The name.</param>
    /// <returns>Whether it is safe in a filter.</returns>
    public static bool IsFilterSafeUserPrincipalName(string userPrincipalName)
    {
        ArgumentNullException.ThrowIfNull(userPrincipalName);
        var at = userPrincipalName.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == userPrincipalName.Length - 1 || userPrincipalName.IndexOf('@', at + 1) >= 0 || userPrincipalName.Length > 256)
        {
            return false;
        }

        foreach (var c in userPrincipalName)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '!' or '^' or '~' or '\'' or '@'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Quotes a caller's value for a message: control and invisible characters escaped, long values truncated.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The quoted value, for example <c>'a\u000Ab'</c>.</returns>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(Math.Min(value.Length, MaxQuotedLength) + 24);
        text.Append('\'');
        var shown = Math.Min(value.Length, MaxQuotedLength);
        for (var i = 0; i < shown; i++)
        {
            var c = value[i];
            if (NeedsEscape(c))
            {
                text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        text.Append('\'');
        if (value.Length > MaxQuotedLength)
        {
            text.Append("... (").Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(" characters)");
        }

        return text.ToString();
    }

    private static bool TryNormalizeGuid(string? value, [NotNullWhen(true)] out string? objectId)
    {
        objectId = null;

        // Guid.TryParseExact trims surrounding whitespace; check the exact shape first so " {guid}" is refused.
        if (value is null || value.Length != GuidDLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c != '-' && !char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        if (!Guid.TryParseExact(value, "D", out var guid))
        {
            return false;
        }

        objectId = guid.ToString("D");
        return true;
    }

    private static bool IsUserPrincipalName([NotNullWhen(true)] string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxUserPrincipalNameLength)
        {
            return false;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != value.LastIndexOf('@') || at == value.Length - 1)
        {
            return false;
        }

        return IsLocalPart(value.AsSpan(0, at)) && IsDomain(value.AsSpan(at + 1));
    }

    private static bool IsLocalPart(ReadOnlySpan<char> local)
    {
        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in local)
        {
            // The characters Entra allows in a UPN's username part; '#' also makes guest "#EXT#" UPNs valid.
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('\'' or '.' or '-' or '_' or '!' or '#' or '^' or '~'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDomain(ReadOnlySpan<char> domain)
    {
        if (!domain.Contains('.'))
        {
            return false;
        }

        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.Length is 0 or > MaxDomainLabelLength || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static EntraActionError Invalid(string? value, string inputName, string expectation)
    {
        var message = value switch
        {
            null => $"{inputName} is missing. Expected {expectation}.",
            "" => $"{inputName} is empty. Expected {expectation}.",
            _ when string.IsNullOrWhiteSpace(value) => $"{inputName} {Quote(value)} is only whitespace. Expected {expectation}.",
            _ when value.Any(NeedsEscape) => $"{inputName} {Quote(value)} contains control or invisible characters. Expected {expectation}.",
            _ when value.Trim().Length != value.Length => $"{inputName} {Quote(value)} has leading or trailing whitespace. Expected {expectation}.",
            "." or ".." => $"{inputName} {Quote(value)} is a path segment, not an id. Expected {expectation}.",
            _ => $"{inputName} {Quote(value)} is not valid. Expected {expectation}.",
        };
        return new EntraActionError(EntraErrorKind.InvalidInput, message);
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c)
        || char.IsSurrogate(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
