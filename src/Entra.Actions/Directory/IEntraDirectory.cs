namespace Entra.Actions;

/// <summary>
/// The seam between the actions and Microsoft Graph. The library's implementation calls Graph through
/// the Graph SDK; tests and hosts can substitute their own. Implementations never throw for directory
/// or service outcomes (they return failed results) and receive only ids the actions have validated.
/// </summary>
public interface IEntraDirectory
{
    /// <summary>Reads a user (<c>GET /users/{id | userPrincipalName}</c>).</summary>
    /// <param name="userId">A validated object id or userPrincipalName.</param>
    /// <param name="additionalProperties">Validated extra property names to select besides the default ones.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The user, or a failure.</returns>
    Task<EntraActionResult<EntraUser>> GetUserAsync(string userId, IReadOnlyCollection<string> additionalProperties, CancellationToken cancellationToken = default);

    /// <summary>Reads a group (<c>GET /groups/{id}</c>).</summary>
    /// <param name="groupId">A validated object id.</param>
    /// <param name="additionalProperties">Validated extra property names to select besides the default ones.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The group, or a failure.</returns>
    Task<EntraActionResult<EntraGroup>> GetGroupAsync(string groupId, IReadOnlyCollection<string> additionalProperties, CancellationToken cancellationToken = default);

    /// <summary>Adds a directory object to a group (<c>POST /groups/{id}/members/$ref</c>).</summary>
    /// <param name="groupId">A validated group object id.</param>
    /// <param name="memberId">A validated member object id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="MembershipOutcome.Added"/>, <see cref="MembershipOutcome.AlreadyMember"/>, or a failure.</returns>
    Task<EntraActionResult<MembershipOutcome>> AddGroupMemberAsync(string groupId, string memberId, CancellationToken cancellationToken = default);

    /// <summary>Removes a member reference from a group (<c>DELETE /groups/{id}/members/{id}/$ref</c>, never the object itself).</summary>
    /// <param name="groupId">A validated group object id.</param>
    /// <param name="memberId">A validated member object id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="MembershipOutcome.Removed"/>, <see cref="MembershipOutcome.NotAMember"/>, or a failure.</returns>
    Task<EntraActionResult<MembershipOutcome>> RemoveGroupMemberAsync(string groupId, string memberId, CancellationToken cancellationToken = default);
}
