namespace Entra.Actions;

/// <summary>A member of a group as List group members returns it: its id, type and the names a flow shows or matches on.</summary>
/// <remarks>
/// Graph lists a member whose type the connection may not read (a device without <c>Device.Read.All</c>, say) with only its
/// id and type; the names are then <see langword="null"/>.
/// </remarks>
public sealed class EntraDirectoryObject
{
    /// <summary>The object id (GUID).</summary>
    public required string Id { get; init; }

    /// <summary>The display name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The userPrincipalName, for a user.</summary>
    public string? UserPrincipalName { get; init; }

    /// <summary>The SMTP address, for a user, a mail-enabled group or a contact.</summary>
    public string? Mail { get; init; }

    /// <summary>What kind of object it is.</summary>
    public EntraObjectType ObjectType { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{ObjectType} {Id} ({DisplayName})";
}
