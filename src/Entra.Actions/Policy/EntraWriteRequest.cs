namespace Entra.Actions;

/// <summary>A membership change about to be made, as an <see cref="IEntraWritePolicy"/> sees it.</summary>
public sealed class EntraWriteRequest
{
    /// <summary>The catalog id of the action (<c>entra.add_user_to_group</c>, <c>entra.bulk_remove_members_from_group</c>, ...).</summary>
    public required string ActionId { get; init; }

    /// <summary>The connection's name, or <see langword="null"/> for the services registered by <c>AddEntraActions</c> directly.</summary>
    public string? ConnectionName { get; init; }

    /// <summary>Whether the member is being added (<see langword="true"/>) or removed.</summary>
    public required bool IsAdd { get; init; }

    /// <summary>The member's object id (a GUID).</summary>
    public required string MemberId { get; init; }

    /// <summary>
    /// The user as read just before (with <c>userType</c> in <see cref="EntraUser.AdditionalProperties"/> when Graph returned it),
    /// or <see langword="null"/> when the member was not read (a removal by object id, where any member type may be removed).
    /// </summary>
    public EntraUser? User { get; init; }

    /// <summary>The group as read just before, with its derived <see cref="EntraGroup.Kind"/>.</summary>
    public required EntraGroup Group { get; init; }

    /// <summary>Whether this is a dry run (nothing will be written either way).</summary>
    public bool IsDryRun { get; init; }
}
