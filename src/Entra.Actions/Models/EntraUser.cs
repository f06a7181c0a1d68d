using System.Text.Json;
using Entra.Actions.Models.Internal;

namespace Entra.Actions;

/// <summary>A user as returned by the Lookup user action.</summary>
public sealed class EntraUser
{
    /// <summary>The object id (GUID).</summary>
    public required string Id { get; init; }

    /// <summary>The name shown in the address book.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The given (first) name.</summary>
    public string? GivenName { get; init; }

    /// <summary>The surname (family name).</summary>
    public string? Surname { get; init; }

    /// <summary>The primary SMTP address.</summary>
    public string? Mail { get; init; }

    /// <summary>The userPrincipalName (sign-in name); guests have <c>#EXT#</c> in it.</summary>
    public string? UserPrincipalName { get; init; }

    /// <summary>The job title.</summary>
    public string? JobTitle { get; init; }

    /// <summary>
    /// The extra properties the caller asked for, by their Graph names, as Graph returned them
    /// (a property Graph returned as <c>null</c> is present with a JSON null value).
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalProperties { get; init; } = EmptyProperties.Instance;

    /// <inheritdoc />
    public override string ToString() => $"User {Id} ({DisplayName})";
}
