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

    public bool HasAny(IEnumerable<string> permissions) => IsUnrestricted || permissions.Any(Permissions.Contains);
}
