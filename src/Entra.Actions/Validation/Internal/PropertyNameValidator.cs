using System.Diagnostics.CodeAnalysis;

namespace Entra.Actions.Validation.Internal;

/// <summary>
/// Validates the extra property names a caller asks a lookup to return. They end up in <c>$select</c>, so only
/// plain Graph property names pass (no spaces, commas, <c>$</c>, slashes or OData expressions).
/// </summary>
internal static class PropertyNameValidator
{
    /// <summary>The most extra properties one lookup may ask for.</summary>
    public const int MaxProperties = 50;

    /// <summary>The longest property name accepted.</summary>
    public const int MaxNameLength = 128;

    /// <summary>The user properties every lookup returns (the <see cref="EntraUser"/> members); the Graph implementation selects these.</summary>
    public static IReadOnlyList<string> DefaultUserProperties { get; } =
        ["id", "displayName", "givenName", "surname", "mail", "userPrincipalName", "jobTitle"];

    /// <summary>The group properties every lookup returns (the <see cref="EntraGroup"/> members); the Graph implementation selects these.</summary>
    public static IReadOnlyList<string> DefaultGroupProperties { get; } =
    [
        "id", "displayName", "description", "mail", "mailNickname", "mailEnabled", "securityEnabled", "groupTypes",
        "visibility", "createdDateTime", "isAssignableToRole", "onPremisesSyncEnabled", "membershipRule",
    ];

    private static readonly HashSet<string> DefaultUserSet = new(DefaultUserProperties, StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> DefaultGroupSet = new(DefaultGroupProperties, StringComparer.OrdinalIgnoreCase);

    /// <summary>Validates extra user property names.</summary>
    /// <param name="names">The caller's names; <see langword="null"/> means none.</param>
    /// <param name="properties">The names to select besides the defaults: distinct (case-insensitive), defaults removed, in the caller's order.</param>
    /// <param name="error">An <see cref="EntraErrorKind.InvalidInput"/> error naming the offending property.</param>
    /// <returns>Whether all names are valid.</returns>
    public static bool TryValidateUserProperties(
        IEnumerable<string>? names,
        [NotNullWhen(true)] out IReadOnlyCollection<string>? properties,
        [NotNullWhen(false)] out EntraActionError? error) =>
        TryValidate(names, DefaultUserSet, out properties, out error);

    /// <summary>Validates extra group property names.</summary>
    /// <param name="names">The caller's names; <see langword="null"/> means none.</param>
    /// <param name="properties">The names to select besides the defaults: distinct (case-insensitive), defaults removed, in the caller's order.</param>
    /// <param name="error">An <see cref="EntraErrorKind.InvalidInput"/> error naming the offending property.</param>
    /// <returns>Whether all names are valid.</returns>
    public static bool TryValidateGroupProperties(
        IEnumerable<string>? names,
        [NotNullWhen(true)] out IReadOnlyCollection<string>? properties,
        [NotNullWhen(false)] out EntraActionError? error) =>
        TryValidate(names, DefaultGroupSet, out properties, out error);

    /// <summary>Whether <paramref name="name"/> is a plain Graph property name: a letter, then letters, digits or underscores.</summary>
    /// <param name="name">The name.</param>
    /// <returns>Whether it is valid.</returns>
    public static bool IsValidName([NotNullWhen(true)] string? name)
    {
        // A loop rather than a regex: '$' in a pattern also matches before a trailing newline.
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || !char.IsAsciiLetter(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryValidate(
        IEnumerable<string>? names,
        HashSet<string> defaults,
        [NotNullWhen(true)] out IReadOnlyCollection<string>? properties,
        [NotNullWhen(false)] out EntraActionError? error)
    {
        properties = null;
        if (names is null)
        {
            properties = [];
            error = null;
            return true;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var selected = new List<string>();
        var position = 0;
        foreach (var name in names)
        {
            position++;
            if (!IsValidName(name))
            {
                var shown = name is null ? "(null)" : EntraIdValidator.Quote(name);
                error = new EntraActionError(
                    EntraErrorKind.InvalidInput,
                    $"Property {shown} (item {position} of the extra properties) is not a valid Graph property name. Expected a letter followed by letters, digits or underscores, at most {MaxNameLength} characters, for example 'department'.");
                return false;
            }

            if (defaults.Contains(name) || !seen.Add(name))
            {
                continue;
            }

            selected.Add(name);
            if (selected.Count > MaxProperties)
            {
                error = new EntraActionError(
                    EntraErrorKind.InvalidInput,
                    $"Too many extra properties: at most {MaxProperties} distinct names besides the default ones may be requested.");
                return false;
            }
        }

        properties = selected.ToArray();
        error = null;
        return true;
    }
}
