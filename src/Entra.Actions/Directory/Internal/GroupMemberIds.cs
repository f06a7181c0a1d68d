namespace Entra.Actions.Directory.Internal;

/// <summary>A group's direct member ids as read by <see cref="IEntraBulkDirectory.GetGroupMemberIdsAsync"/>.</summary>
/// <param name="Ids">The member object ids read (lower-case GUIDs).</param>
/// <param name="IsComplete">Whether every page was read.</param>
internal sealed record GroupMemberIds(IReadOnlySet<string> Ids, bool IsComplete);
