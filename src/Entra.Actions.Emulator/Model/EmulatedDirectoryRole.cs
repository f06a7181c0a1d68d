namespace Entra.Actions.Emulator;

/// <summary>
/// An activated directory role (for example Groups Administrator) in the emulated directory. Its holders are kept by
/// <see cref="EmulatedDirectory"/> (<see cref="EmulatedDirectory.AddDirectoryRole(EmulatedDirectoryRole, IEnumerable{Guid})"/>)
/// and show up in their <c>memberOf</c> and <c>transitiveMemberOf</c>.
/// </summary>
/// <remarks>Property names follow the Microsoft Graph <c>directoryRole</c> resource.</remarks>
public sealed record EmulatedDirectoryRole
{
    /// <summary>Gets the object id of the activated role in this tenant.</summary>
    public required Guid Id { get; init; }

    /// <summary>Gets the display name.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Gets the description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the id of the role template the role is based on (the same in every tenant).</summary>
    public required string RoleTemplateId { get; init; }
}
