using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Directory.Internal;

/// <summary>Tells whether an object is a direct member of a group, in one request: what a dry run needs to say what a change would do.</summary>
internal interface IMembershipProbe
{
    /// <summary>Whether <paramref name="member"/> is a direct member of <paramref name="group"/>.</summary>
    /// <param name="group">The group (read just before, so a 404 means "not a member").</param>
    /// <param name="member">The member's object id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Whether it is a member, or the failure.</returns>
    Task<EntraActionResult<bool>> IsDirectMemberAsync(ObjectId group, ObjectId member, CancellationToken cancellationToken);
}
