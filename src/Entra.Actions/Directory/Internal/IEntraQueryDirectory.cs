using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Directory.Internal;

/// <summary>
/// The directory reads behind the query actions (search users, find group, list members, check membership, list a user's
/// groups). Text arrives validated and ids as the validator's types, so no caller can put raw input into a request. Every
/// failure is a failed result; only the caller's cancellation escapes.
/// </summary>
internal interface IEntraQueryDirectory
{
    /// <summary>Users whose display name, given name, surname, mail or userPrincipalName starts with <paramref name="prefix"/>.</summary>
    Task<EntraActionResult<ListRead<EntraUser>>> SearchUsersAsync(string prefix, int limit, CancellationToken cancellationToken);

    /// <summary>Groups whose display name, mail or mail nickname equals <paramref name="name"/> (case-insensitive).</summary>
    Task<EntraActionResult<ListRead<EntraGroup>>> FindGroupsByNameAsync(string name, int limit, CancellationToken cancellationToken);

    /// <summary>A group's members, direct or transitive; 404 when the group does not exist.</summary>
    Task<EntraActionResult<ListRead<EntraDirectoryObject>>> ListGroupMembersAsync(ObjectId group, bool transitive, int limit, CancellationToken cancellationToken);

    /// <summary>The groups a user is a member of (directory roles and administrative units left out); 404 when the user does not exist.</summary>
    Task<EntraActionResult<ListRead<EntraGroupSummary>>> ListUserGroupsAsync(ValidatedId user, bool transitive, int limit, CancellationToken cancellationToken);

    /// <summary>Whether the user is a member of the group directly or through nesting (<c>checkMemberGroups</c>); 404 when the user does not exist.</summary>
    Task<EntraActionResult<bool>> IsTransitiveMemberAsync(ValidatedId user, ObjectId group, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="member"/> is a direct member of <paramref name="group"/> (Graph answers 404 when not), and its type.</summary>
    Task<EntraActionResult<DirectMembership>> GetDirectMembershipAsync(ObjectId group, ObjectId member, CancellationToken cancellationToken);

    /// <summary>The user's object id; <see cref="EntraErrorKind.NotFound"/> when no such user exists.</summary>
    Task<EntraActionResult<ObjectId>> ResolveUserAsync(ValidatedId user, CancellationToken cancellationToken);

    /// <summary>Whether the group exists (Graph answers 404 otherwise).</summary>
    Task<EntraActionResult<bool>> GroupExistsAsync(ObjectId group, CancellationToken cancellationToken);
}
