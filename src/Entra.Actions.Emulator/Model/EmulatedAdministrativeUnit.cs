namespace Entra.Actions.Emulator;

/// <summary>
/// An administrative unit in the emulated directory. Its direct members are kept by <see cref="EmulatedDirectory"/>
/// (<see cref="EmulatedDirectory.AddAdministrativeUnit(EmulatedAdministrativeUnit, IEnumerable{Guid})"/>) and show up in their
/// <c>memberOf</c> and <c>transitiveMemberOf</c>; membership is not inherited through groups.
/// </summary>
/// <remarks>Property names follow the Microsoft Graph <c>administrativeUnit</c> resource.</remarks>
public sealed record EmulatedAdministrativeUnit
{
    /// <summary>Gets the object id.</summary>
    public required Guid Id { get; init; }

    /// <summary>Gets the display name.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Gets the description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the visibility: <see langword="null"/> (public, the default) or <c>HiddenMembership</c>.</summary>
    public string? Visibility { get; init; }
}
