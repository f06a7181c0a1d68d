namespace Entra.Actions;

/// <summary>
/// The <see cref="IEntraActions"/> facade: it only delegates to the four action classes, which own validation,
/// permissions, the directory calls and the mapping of outcomes. Thread-safe.
/// </summary>
public sealed class EntraActions : IEntraActions
{
    private readonly LookupUserAction _lookupUser;
    private readonly LookupGroupAction _lookupGroup;
    private readonly AddUserToGroupAction _addUserToGroup;
    private readonly RemoveMemberFromGroupAction _removeMemberFromGroup;

    /// <summary>Creates the facade over the four actions.</summary>
    /// <param name="lookupUser">The Look up user action.</param>
    /// <param name="lookupGroup">The Look up group action.</param>
    /// <param name="addUserToGroup">The Add user to group action.</param>
    /// <param name="removeMemberFromGroup">The Remove member from group action.</param>
    public EntraActions(
        LookupUserAction lookupUser,
        LookupGroupAction lookupGroup,
        AddUserToGroupAction addUserToGroup,
        RemoveMemberFromGroupAction removeMemberFromGroup)
    {
        ArgumentNullException.ThrowIfNull(lookupUser);
        ArgumentNullException.ThrowIfNull(lookupGroup);
        ArgumentNullException.ThrowIfNull(addUserToGroup);
        ArgumentNullException.ThrowIfNull(removeMemberFromGroup);
        _lookupUser = lookupUser;
        _lookupGroup = lookupGroup;
        _addUserToGroup = addUserToGroup;
        _removeMemberFromGroup = removeMemberFromGroup;
    }

    /// <inheritdoc />
    public Task<EntraActionResult<EntraUser>> LookupUserAsync(string userId, CancellationToken cancellationToken = default) =>
        _lookupUser.ExecuteAsync(userId, cancellationToken);

    /// <inheritdoc />
    public Task<EntraActionResult<EntraUser>> LookupUserAsync(string userId, IEnumerable<string>? additionalProperties, CancellationToken cancellationToken = default) =>
        _lookupUser.ExecuteAsync(userId, additionalProperties, cancellationToken);

    /// <inheritdoc />
    public Task<EntraActionResult<EntraGroup>> LookupGroupAsync(string groupId, CancellationToken cancellationToken = default) =>
        _lookupGroup.ExecuteAsync(groupId, cancellationToken);

    /// <inheritdoc />
    public Task<EntraActionResult<EntraGroup>> LookupGroupAsync(string groupId, IEnumerable<string>? additionalProperties, CancellationToken cancellationToken = default) =>
        _lookupGroup.ExecuteAsync(groupId, additionalProperties, cancellationToken);

    /// <inheritdoc />
    public Task<EntraActionResult<MembershipChange>> AddUserToGroupAsync(string userId, string groupId, CancellationToken cancellationToken = default) =>
        _addUserToGroup.ExecuteAsync(userId, groupId, cancellationToken);

    /// <inheritdoc />
    public Task<EntraActionResult<MembershipChange>> RemoveMemberFromGroupAsync(string memberId, string groupId, CancellationToken cancellationToken = default) =>
        _removeMemberFromGroup.ExecuteAsync(memberId, groupId, cancellationToken);

    /// <inheritdoc />
    public Task<EntraActionResult<MembershipChange>> AddUserToGroupAsync(string userId, string groupId, EntraWriteOptions options, CancellationToken cancellationToken = default) =>
        _addUserToGroup.ExecuteAsync(userId, groupId, options, cancellationToken);

    /// <inheritdoc />
    public Task<EntraActionResult<MembershipChange>> RemoveMemberFromGroupAsync(string memberId, string groupId, EntraWriteOptions options, CancellationToken cancellationToken = default) =>
        _removeMemberFromGroup.ExecuteAsync(memberId, groupId, options, cancellationToken);
}
