namespace Entra.Actions.Emulator;

// The reads and writes request handlers make while they hold Gate, for multi-step changes that must be atomic.
public sealed partial class EmulatedDirectory
{
    internal bool ExistsUnlocked(Guid id) => _users.ContainsKey(id) || _groups.ContainsKey(id);

    internal EmulatedUser? FindUserUnlocked(string idOrUpn) =>
        Guid.TryParse(idOrUpn, out var id)
            ? _users.GetValueOrDefault(id)
            : _usersByUpn.TryGetValue(idOrUpn, out var byUpn) ? _users[byUpn] : null;

    internal EmulatedUser? UserUnlocked(Guid id) => _users.GetValueOrDefault(id);

    internal EmulatedGroup? GroupUnlocked(Guid id) => _groups.GetValueOrDefault(id);

    internal List<Guid> MembersUnlocked(Guid groupId) => _members[groupId];

    internal IEnumerable<EmulatedUser> UsersUnlocked => _users.Values;

    internal IEnumerable<EmulatedGroup> GroupsUnlocked => _groups.Values;

    internal void SetGroupUnlocked(EmulatedGroup group) => _groups[group.Id] = group;

    internal bool DeleteObjectUnlocked(Guid id)
    {
        var removed = false;
        if (_users.Remove(id, out var user))
        {
            _usersByUpn.Remove(user.UserPrincipalName);
            removed = true;
        }
        else if (_groups.Remove(id))
        {
            _members.Remove(id);
            removed = true;
        }

        if (removed)
        {
            foreach (var list in _members.Values)
            {
                list.Remove(id);
            }

            RemoveFromRolesAndUnitsUnlocked(id);
        }

        return removed;
    }

    internal List<Guid> MemberOfUnlocked(Guid memberId) =>
        [.. _members.Where(pair => pair.Value.Contains(memberId)).Select(pair => pair.Key)];

    internal List<Guid> TransitiveMemberOfUnlocked(Guid memberId)
    {
        var result = new List<Guid>();
        var seen = new HashSet<Guid>();
        var queue = new Queue<Guid>([memberId]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var groupId in MemberOfUnlocked(current))
            {
                if (seen.Add(groupId))
                {
                    result.Add(groupId);
                    queue.Enqueue(groupId);
                }
            }
        }

        return result;
    }

    internal List<Guid> TransitiveMembersUnlocked(Guid groupId)
    {
        var result = new List<Guid>();
        var seen = new HashSet<Guid> { groupId };
        var queue = new Queue<Guid>([groupId]);
        while (queue.TryDequeue(out var current))
        {
            if (!_members.TryGetValue(current, out var list))
            {
                continue;
            }

            foreach (var memberId in list)
            {
                if (seen.Add(memberId))
                {
                    result.Add(memberId);
                    queue.Enqueue(memberId);
                }
            }
        }

        return result;
    }

    private void AddMemberUnlocked(Guid groupId, Guid memberId)
    {
        if (!_members.TryGetValue(groupId, out var list))
        {
            throw new ArgumentException($"Group '{groupId}' does not exist.", nameof(groupId));
        }

        if (!ExistsUnlocked(memberId) || memberId == groupId)
        {
            throw new ArgumentException($"Member '{memberId}' does not exist or is the group itself.", nameof(memberId));
        }

        if (!list.Contains(memberId))
        {
            list.Add(memberId);
        }
    }
}
