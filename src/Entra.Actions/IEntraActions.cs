namespace Entra.Actions;

/// <summary>
/// The four Microsoft Entra actions. Every call returns a result: directory and service outcomes
/// never throw; only cancellation does (<see cref="OperationCanceledException"/>).
/// Implementations are thread-safe.
/// </summary>
public interface IEntraActions
{
    /// <summary>Looks up a user by object id or userPrincipalName.</summary>
    /// <param name="userId">The user's object id (GUID) or userPrincipalName (guest <c>#EXT#</c> UPNs included).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The user, or a failure (<see cref="EntraErrorKind.NotFound"/>, ...).</returns>
    /// <remarks>Needs <c>User.Read.All</c> (delegated or application).</remarks>
    Task<EntraActionResult<EntraUser>> LookupUserAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Looks up a user and also returns the named extra properties.</summary>
    /// <param name="userId">The user's object id (GUID) or userPrincipalName.</param>
    /// <param name="additionalProperties">Extra Graph property names to return (for example <c>department</c>, <c>accountEnabled</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The user with <see cref="EntraUser.AdditionalProperties"/> filled, or a failure.</returns>
    /// <remarks>Needs <c>User.Read.All</c>; some properties need more (Graph's user resource lists them).</remarks>
    Task<EntraActionResult<EntraUser>> LookupUserAsync(string userId, IEnumerable<string>? additionalProperties, CancellationToken cancellationToken = default);

    /// <summary>Looks up a group by object id.</summary>
    /// <param name="groupId">The group's object id (GUID).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The group with its derived kind, or a failure.</returns>
    /// <remarks>Needs <c>GroupMember.Read.All</c> or <c>Group.Read.All</c>.</remarks>
    Task<EntraActionResult<EntraGroup>> LookupGroupAsync(string groupId, CancellationToken cancellationToken = default);

    /// <summary>Looks up a group and also returns the named extra properties.</summary>
    /// <param name="groupId">The group's object id (GUID).</param>
    /// <param name="additionalProperties">Extra Graph property names to return (for example <c>classification</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The group, or a failure.</returns>
    /// <remarks>Needs <c>GroupMember.Read.All</c> or <c>Group.Read.All</c>.</remarks>
    Task<EntraActionResult<EntraGroup>> LookupGroupAsync(string groupId, IEnumerable<string>? additionalProperties, CancellationToken cancellationToken = default);

    /// <summary>Adds a user to a group. Idempotent: an existing member is a success with <see cref="MembershipOutcome.AlreadyMember"/>.</summary>
    /// <param name="userId">The user's object id (GUID) or userPrincipalName.</param>
    /// <param name="groupId">The group's object id (GUID).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The change, or a failure (<see cref="EntraErrorKind.UnsupportedGroup"/> for groups Graph cannot change, ...).</returns>
    /// <remarks>Needs <c>GroupMember.ReadWrite.All</c> and <c>User.Read.All</c> (the user is read first, so no other object type is added);
    /// a delegated account also needs a directory role such as Groups Administrator, or to own the group.</remarks>
    Task<EntraActionResult<MembershipChange>> AddUserToGroupAsync(string userId, string groupId, CancellationToken cancellationToken = default);

    /// <summary>Removes a direct member from a group. Idempotent: a non-member is a success with <see cref="MembershipOutcome.NotAMember"/>.</summary>
    /// <param name="memberId">The member's object id (GUID), or a user's userPrincipalName.</param>
    /// <param name="groupId">The group's object id (GUID).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The change, or a failure.</returns>
    /// <remarks>Needs <c>GroupMember.ReadWrite.All</c>; a delegated account also needs a directory role such as Groups Administrator, or to own the group.
    /// Only the membership reference (<c>/members/{id}/$ref</c>) is ever deleted, never the member object.</remarks>
    Task<EntraActionResult<MembershipChange>> RemoveMemberFromGroupAsync(string memberId, string groupId, CancellationToken cancellationToken = default);

    /// <summary>Adds a user to a group, or, with <see cref="EntraWriteOptions.DryRun"/>, says what adding would do without writing.</summary>
    /// <param name="userId">The user's object id (GUID) or userPrincipalName.</param>
    /// <param name="groupId">The group's object id (GUID).</param>
    /// <param name="options">How to run it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The change (<see cref="MembershipChange.IsDryRun"/> set in a dry run), or a failure.</returns>
    /// <remarks>Needs <c>GroupMember.ReadWrite.All</c> and <c>User.Read.All</c>.</remarks>
    Task<EntraActionResult<MembershipChange>> AddUserToGroupAsync(string userId, string groupId, EntraWriteOptions options, CancellationToken cancellationToken = default);

    /// <summary>Removes a member from a group, or, with <see cref="EntraWriteOptions.DryRun"/>, says what removing would do without writing.</summary>
    /// <param name="memberId">The member's object id (GUID), or a user's userPrincipalName.</param>
    /// <param name="groupId">The group's object id (GUID).</param>
    /// <param name="options">How to run it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The change (<see cref="MembershipChange.IsDryRun"/> set in a dry run), or a failure.</returns>
    /// <remarks>Needs <c>GroupMember.ReadWrite.All</c> (plus <c>User.Read.All</c> for a userPrincipalName).</remarks>
    Task<EntraActionResult<MembershipChange>> RemoveMemberFromGroupAsync(string memberId, string groupId, EntraWriteOptions options, CancellationToken cancellationToken = default);
}
