using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Directory.Internal;

/// <summary>
/// Reads a group for a membership change through a short-lived, bounded cache, so repeated writes to the same group
/// do not repeat the group-kind check on every call. Implemented by the Graph directory (one cache per connection);
/// a directory that does not implement it is simply read every time.
/// </summary>
internal interface IGroupKindReader
{
    /// <summary>Reads the group (default properties), from the cache when a recent read is there.</summary>
    Task<EntraActionResult<EntraGroup>> GetGroupForMembershipChangeAsync(ObjectId groupId, CancellationToken cancellationToken);

    /// <summary>Reads the group (default properties) from Graph, never from the cache: does it still exist?</summary>
    Task<EntraActionResult<EntraGroup>> ReadGroupAsync(ObjectId groupId, CancellationToken cancellationToken);

    /// <summary>Drops a cached group, for example after Graph refused a write the cached kind allowed.</summary>
    void ForgetGroup(ObjectId groupId);
}
