using Entra.Actions.Directory.Internal;
using Entra.Actions.Validation.Internal;
using Microsoft.Extensions.Options;

namespace Entra.Actions.Graph.Internal;

/// <summary>
/// The library's directory over Graph: the seams the actions and bulk actions use, each call handed to the small reader or
/// writer that owns it. Every failure comes back as a failed result; only the caller's cancellation escapes.
/// </summary>
internal sealed class GraphEntraDirectory : IEntraDirectory, IEntraBulkDirectory, IGroupKindReader, IMembershipProbe
{
    private readonly GraphObjectReader _objects;
    private readonly GraphUserBatchReader _users;
    private readonly GraphMembershipWriter _members;
    private readonly GraphMemberPager _pager;
    private readonly GroupKindCache _groups;

    public GraphEntraDirectory(GraphCaller caller, GraphBatchClient batch, TimeProvider time, IOptions<EntraActionsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(options);
        _objects = new GraphObjectReader(caller);
        _users = new GraphUserBatchReader(caller, batch);
        _members = new GraphMembershipWriter(caller, batch);
        _pager = new GraphMemberPager(caller);
        _groups = new GroupKindCache(time, options.Value.GroupCacheDuration);
    }

    public async Task<EntraActionResult<EntraGroup>> GetGroupForMembershipChangeAsync(ObjectId groupId, CancellationToken cancellationToken)
    {
        if (_groups.TryGet(groupId.Value, out var cached))
        {
            return EntraActionResult.Success(cached);
        }

        var read = await _objects.GetGroupAsync(groupId, cancellationToken).ConfigureAwait(false);
        if (read.Succeeded)
        {
            _groups.Set(read.Value);
        }

        return read;
    }

    public Task<EntraActionResult<EntraGroup>> ReadGroupAsync(ObjectId groupId, CancellationToken cancellationToken) =>
        _objects.GetGroupAsync(groupId, cancellationToken);

    public void ForgetGroup(ObjectId groupId) => _groups.Remove(groupId.Value);

    public Task<EntraActionResult<bool>> IsDirectMemberAsync(ObjectId group, ObjectId member, CancellationToken cancellationToken) =>
        _objects.IsDirectMemberAsync(group, member, cancellationToken);

    public Task<EntraActionResult<EntraUser>> GetUserAsync(string userId, IReadOnlyCollection<string> additionalProperties, CancellationToken cancellationToken = default) =>
        _objects.GetUserAsync(userId, additionalProperties, cancellationToken);

    public Task<EntraActionResult<EntraGroup>> GetGroupAsync(string groupId, IReadOnlyCollection<string> additionalProperties, CancellationToken cancellationToken = default) =>
        _objects.GetGroupAsync(groupId, additionalProperties, cancellationToken);

    public Task<EntraActionResult<MembershipOutcome>> AddGroupMemberAsync(string groupId, string memberId, CancellationToken cancellationToken = default) =>
        _members.AddGroupMemberAsync(groupId, memberId, cancellationToken);

    public Task<EntraActionResult<MembershipOutcome>> RemoveGroupMemberAsync(string groupId, string memberId, CancellationToken cancellationToken = default) =>
        _members.RemoveGroupMemberAsync(groupId, memberId, cancellationToken);

    public Task<EntraActionResult<GroupMemberIds>> GetGroupMemberIdsAsync(ObjectId group, int maxPages, CancellationToken cancellationToken = default) =>
        _pager.GetGroupMemberIdsAsync(group, maxPages, cancellationToken);

    public Task<MemberAddAnswer> AddGroupMembersAsync(ObjectId group, IReadOnlyList<ObjectId> members, CancellationToken cancellationToken = default) =>
        _members.AddGroupMembersAsync(group, members, cancellationToken);

    public Task<IReadOnlyList<MemberAddAnswer>> AddGroupMembersInBatchAsync(ObjectId group, IReadOnlyList<IReadOnlyList<ObjectId>> memberChunks, CancellationToken cancellationToken = default) =>
        _members.AddGroupMembersInBatchAsync(group, memberChunks, cancellationToken);

    public Task<IReadOnlyList<EntraActionResult<MembershipOutcome>>> RemoveGroupMembersAsync(ObjectId group, IReadOnlyList<ObjectId> members, CancellationToken cancellationToken = default) =>
        _members.RemoveGroupMembersAsync(group, members, cancellationToken);

    public Task<IReadOnlyList<EntraActionResult<EntraUser>>> FindUsersByObjectIdsAsync(IReadOnlyList<ObjectId> ids, IReadOnlyCollection<string>? additionalProperties = null, CancellationToken cancellationToken = default) =>
        _users.FindUsersByObjectIdsAsync(ids, additionalProperties ?? [], cancellationToken);

    public Task<IReadOnlyList<EntraActionResult<EntraUser>>> FindUsersByUserPrincipalNamesAsync(IReadOnlyList<ValidatedId> names, IReadOnlyCollection<string>? additionalProperties = null, CancellationToken cancellationToken = default) =>
        _users.FindUsersByUserPrincipalNamesAsync(names, additionalProperties ?? [], cancellationToken);

    public Task<EntraActionResult<IReadOnlyList<EntraUser>>> GetUsersByObjectIdsAsync(IReadOnlyList<ObjectId> ids, IReadOnlyCollection<string>? additionalProperties = null, CancellationToken cancellationToken = default) =>
        _users.GetUsersByObjectIdsAsync(ids, additionalProperties ?? [], cancellationToken);
}
