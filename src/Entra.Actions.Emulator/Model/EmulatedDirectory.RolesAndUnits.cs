namespace Entra.Actions.Emulator;

// Directory roles and administrative units: who holds a role, who is in a unit, and how both show up in memberOf.
public sealed partial class EmulatedDirectory
{
    private readonly Dictionary<Guid, EmulatedDirectoryRole> _roles = [];
    private readonly Dictionary<Guid, List<Guid>> _roleMembers = [];
    private readonly Dictionary<Guid, EmulatedAdministrativeUnit> _units = [];
    private readonly Dictionary<Guid, List<Guid>> _unitMembers = [];

    /// <summary>Gets a snapshot of all activated directory roles, in insertion order.</summary>
    public IReadOnlyList<EmulatedDirectoryRole> DirectoryRoles
    {
        get { lock (Gate) { return [.. _roles.Values]; } }
    }

    /// <summary>Gets a snapshot of all administrative units, in insertion order.</summary>
    public IReadOnlyList<EmulatedAdministrativeUnit> AdministrativeUnits
    {
        get { lock (Gate) { return [.. _units.Values]; } }
    }

    /// <summary>Adds an activated directory role with its holders: users, or groups that are assignable to roles.</summary>
    /// <param name="role">The role.</param>
    /// <param name="memberIds">The ids of the users and role-assignable groups that hold the role.</param>
    /// <returns>This directory.</returns>
    /// <exception cref="ArgumentException">The id is taken, or a member is neither a user nor a role-assignable group.</exception>
    public EmulatedDirectory AddDirectoryRole(EmulatedDirectoryRole role, params IEnumerable<Guid> memberIds)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(memberIds);
        lock (Gate)
        {
            if (IsTakenUnlocked(role.Id))
            {
                throw IdTaken(role.Id, nameof(role));
            }

            _roles.Add(role.Id, role);
            _roleMembers.Add(role.Id, []);
            foreach (var memberId in memberIds)
            {
                AddDirectoryRoleMemberUnlocked(role.Id, memberId);
            }
        }

        return this;
    }

    /// <summary>Gives a user or a role-assignable group a directory role (seeding). Adding an existing holder is a no-op.</summary>
    /// <param name="roleId">The role id.</param>
    /// <param name="memberId">The user or group id.</param>
    /// <returns>This directory.</returns>
    /// <exception cref="ArgumentException">The role does not exist, or the member is neither a user nor a role-assignable group.</exception>
    public EmulatedDirectory AddDirectoryRoleMember(Guid roleId, Guid memberId)
    {
        lock (Gate)
        {
            AddDirectoryRoleMemberUnlocked(roleId, memberId);
        }

        return this;
    }

    /// <summary>Adds an administrative unit with its direct members (users or groups).</summary>
    /// <param name="unit">The administrative unit.</param>
    /// <param name="memberIds">The ids of the users and groups in the unit.</param>
    /// <returns>This directory.</returns>
    /// <exception cref="ArgumentException">The id is taken, or a member is neither a user nor a group.</exception>
    public EmulatedDirectory AddAdministrativeUnit(EmulatedAdministrativeUnit unit, params IEnumerable<Guid> memberIds)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(memberIds);
        lock (Gate)
        {
            if (IsTakenUnlocked(unit.Id))
            {
                throw IdTaken(unit.Id, nameof(unit));
            }

            _units.Add(unit.Id, unit);
            _unitMembers.Add(unit.Id, []);
            foreach (var memberId in memberIds)
            {
                AddAdministrativeUnitMemberUnlocked(unit.Id, memberId);
            }
        }

        return this;
    }

    /// <summary>Adds a user or group to an administrative unit (seeding). Adding an existing member is a no-op.</summary>
    /// <param name="unitId">The administrative unit id.</param>
    /// <param name="memberId">The user or group id.</param>
    /// <returns>This directory.</returns>
    /// <exception cref="ArgumentException">The unit does not exist, or the member is neither a user nor a group.</exception>
    public EmulatedDirectory AddAdministrativeUnitMember(Guid unitId, Guid memberId)
    {
        lock (Gate)
        {
            AddAdministrativeUnitMemberUnlocked(unitId, memberId);
        }

        return this;
    }

    /// <summary>Finds an activated directory role by object id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The role, or <see langword="null"/>.</returns>
    public EmulatedDirectoryRole? FindDirectoryRole(Guid id)
    {
        lock (Gate)
        {
            return _roles.GetValueOrDefault(id);
        }
    }

    /// <summary>Finds an administrative unit by object id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The unit, or <see langword="null"/>.</returns>
    public EmulatedAdministrativeUnit? FindAdministrativeUnit(Guid id)
    {
        lock (Gate)
        {
            return _units.GetValueOrDefault(id);
        }
    }

    /// <summary>Gets the ids of the users and groups that hold a directory role directly, in the order they were added.</summary>
    /// <param name="roleId">The role id.</param>
    /// <returns>The ids; empty for an unknown role.</returns>
    public IReadOnlyList<Guid> GetDirectoryRoleMemberIds(Guid roleId)
    {
        lock (Gate)
        {
            return _roleMembers.TryGetValue(roleId, out var list) ? [.. list] : [];
        }
    }

    /// <summary>Gets the ids of the direct members of an administrative unit, in the order they were added.</summary>
    /// <param name="unitId">The administrative unit id.</param>
    /// <returns>The ids; empty for an unknown unit.</returns>
    public IReadOnlyList<Guid> GetAdministrativeUnitMemberIds(Guid unitId)
    {
        lock (Gate)
        {
            return _unitMembers.TryGetValue(unitId, out var list) ? [.. list] : [];
        }
    }

    internal EmulatedDirectoryRole? DirectoryRoleUnlocked(Guid id) => _roles.GetValueOrDefault(id);

    internal EmulatedAdministrativeUnit? AdministrativeUnitUnlocked(Guid id) => _units.GetValueOrDefault(id);

    /// <summary>Whether any directory object (user, group, role or administrative unit) has the id.</summary>
    internal bool IsTakenUnlocked(Guid id) => ExistsUnlocked(id) || _roles.ContainsKey(id) || _units.ContainsKey(id);

    /// <summary>What <c>memberOf</c> lists: the groups, roles and administrative units the object is a direct member of.</summary>
    internal List<Guid> DirectoryMemberOfUnlocked(Guid memberId) =>
        [.. MemberOfUnlocked(memberId), .. Holding(_roleMembers, [memberId]), .. Holding(_unitMembers, [memberId])];

    /// <summary>What <c>transitiveMemberOf</c> lists: every group through nesting, the roles the object or any of those groups holds
    /// (a role held by a role-assignable group counts for its members), and only the administrative units the object is directly in.</summary>
    internal List<Guid> TransitiveDirectoryMemberOfUnlocked(Guid memberId)
    {
        var groups = TransitiveMemberOfUnlocked(memberId);
        return [.. groups, .. Holding(_roleMembers, [memberId, .. groups]), .. Holding(_unitMembers, [memberId])];
    }

    /// <summary>Takes a deleted user or group out of every role and administrative unit.</summary>
    private void RemoveFromRolesAndUnitsUnlocked(Guid id)
    {
        foreach (var list in _roleMembers.Values.Concat(_unitMembers.Values))
        {
            list.Remove(id);
        }
    }

    private bool DeleteRoleOrUnitUnlocked(Guid id) =>
        (_roles.Remove(id) && _roleMembers.Remove(id)) || (_units.Remove(id) && _unitMembers.Remove(id));

    private static IEnumerable<Guid> Holding(Dictionary<Guid, List<Guid>> memberships, HashSet<Guid> members) =>
        memberships.Where(pair => pair.Value.Exists(members.Contains)).Select(pair => pair.Key);

    private void AddDirectoryRoleMemberUnlocked(Guid roleId, Guid memberId)
    {
        if (!_roleMembers.TryGetValue(roleId, out var list))
        {
            throw new ArgumentException($"Directory role '{roleId}' does not exist.", nameof(roleId));
        }

        if (!_users.ContainsKey(memberId) && _groups.GetValueOrDefault(memberId)?.IsAssignableToRole != true)
        {
            throw new ArgumentException($"Member '{memberId}' is neither a user nor a group that is assignable to roles.", nameof(memberId));
        }

        if (!list.Contains(memberId))
        {
            list.Add(memberId);
        }
    }

    private void AddAdministrativeUnitMemberUnlocked(Guid unitId, Guid memberId)
    {
        if (!_unitMembers.TryGetValue(unitId, out var list))
        {
            throw new ArgumentException($"Administrative unit '{unitId}' does not exist.", nameof(unitId));
        }

        if (!ExistsUnlocked(memberId))
        {
            throw new ArgumentException($"Member '{memberId}' is neither a user nor a group.", nameof(memberId));
        }

        if (!list.Contains(memberId))
        {
            list.Add(memberId);
        }
    }
}
