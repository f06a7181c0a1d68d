namespace Entra.Actions.Emulator;

/// <summary>The caller, as read from the bearer token.</summary>
internal sealed class Principal
{
    /// <summary>The caller used when authentication is disabled: an application that holds every permission.</summary>
    public static readonly Principal Unrestricted = new()
    {
        AppId = "00000000-0000-0000-0000-000000000000",
        IsUnrestricted = true,
    };

    public required string AppId { get; init; }

    public string? TenantId { get; init; }

    public bool IsDelegated { get; init; }

    public Guid? ObjectId { get; init; }

    public string? UserPrincipalName { get; init; }

    public IReadOnlySet<string> Permissions { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    public bool IsUnrestricted { get; init; }

    /// <summary>Whether the caller holds one permission of the set for its kind (delegated scopes or application roles).</summary>
    public bool HasAny(PermissionSet set) =>
        IsUnrestricted || (IsDelegated ? set.Delegated : set.Application).Any(Permissions.Contains);

    /// <summary>Whether <paramref name="key"/> (an id or UPN from the URL, or <see langword="null"/> for <c>/me</c>) names the signed-in user.
    /// Decided from the token alone, so permission can be checked before the object is looked up.</summary>
    public bool IsSelf(string? key) =>
        IsDelegated && (key is null
            || (ObjectId is { } oid && Guid.TryParse(key, out var id) && id == oid)
            || (UserPrincipalName is { } upn && string.Equals(upn, key, StringComparison.OrdinalIgnoreCase)));
}
