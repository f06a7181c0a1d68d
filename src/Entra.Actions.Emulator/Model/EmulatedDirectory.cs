namespace Entra.Actions.Emulator;

/// <summary>
/// The in-memory directory behind the emulator: users, groups, direct memberships (groups may nest), directory roles and
/// administrative units with their members, and the organization.
/// Thread-safe: every member may be called concurrently with requests being served.
/// </summary>
/// <remarks>
/// Seed it from code (the <c>Add*</c> methods return the directory so calls chain), from JSON
/// (<see cref="FromJson(string)"/>, <see cref="FromJsonFile(string)"/>), or start from <see cref="DemoTenant.Create"/>.
/// Seeding bypasses Graph's rules (dynamic groups may be given members); requests through the emulator enforce them.
/// </remarks>
public sealed partial class EmulatedDirectory
{
    private readonly Dictionary<Guid, EmulatedUser> _users = [];
    private readonly Dictionary<string, Guid> _usersByUpn = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Guid, EmulatedGroup> _groups = [];
    private readonly Dictionary<Guid, List<Guid>> _members = [];
    private EmulatedOrganization _organization;

    /// <summary>Initializes a new, empty directory for an organization.</summary>
    /// <param name="organization">The tenant.</param>
    public EmulatedDirectory(EmulatedOrganization organization)
    {
        ArgumentNullException.ThrowIfNull(organization);
        _organization = organization;
    }

    /// <summary>Gets the lock that guards the directory; request handlers hold it for multi-step atomic changes.</summary>
    internal Lock Gate { get; } = new();

    /// <summary>Gets or sets the organization (tenant).</summary>
    public EmulatedOrganization Organization
    {
        get { lock (Gate) { return _organization; } }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (Gate) { _organization = value; }
        }
    }

    /// <summary>Gets the tenant id.</summary>
    public Guid TenantId => Organization.Id;

    /// <summary>Gets a snapshot of all users, in insertion order.</summary>
    public IReadOnlyList<EmulatedUser> Users
    {
        get { lock (Gate) { return [.. _users.Values]; } }
    }

    /// <summary>Gets a snapshot of all groups, in insertion order.</summary>
    public IReadOnlyList<EmulatedGroup> Groups
    {
        get { lock (Gate) { return [.. _groups.Values]; } }
    }

    /// <summary>Gets the number of users (it decides the tenant-size throttling quota).</summary>
    public int UserCount
    {
        get { lock (Gate) { return _users.Count; } }
    }

    /// <summary>Finds a user by object id or by user principal name (case-insensitive).</summary>
    /// <param name="idOrUserPrincipalName">The id or UPN.</param>
    /// <returns>The user, or <see langword="null"/>.</returns>
    public EmulatedUser? FindUser(string idOrUserPrincipalName)
    {
        ArgumentNullException.ThrowIfNull(idOrUserPrincipalName);
        lock (Gate)
        {
            return FindUserUnlocked(idOrUserPrincipalName);
        }
    }

    /// <summary>Finds a group by object id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The group, or <see langword="null"/>.</returns>
    public EmulatedGroup? FindGroup(Guid id)
    {
        lock (Gate)
        {
            return _groups.GetValueOrDefault(id);
        }
    }

    /// <summary>Gets the direct member ids of a group, in the order they were added.</summary>
    /// <param name="groupId">The group id.</param>
    /// <returns>The ids; empty for an unknown group.</returns>
    public IReadOnlyList<Guid> GetMemberIds(Guid groupId)
    {
        lock (Gate)
        {
            return _members.TryGetValue(groupId, out var list) ? [.. list] : [];
        }
    }

    /// <summary>Gets the transitive member ids of a group (members of nested groups, and the nested groups themselves).</summary>
    /// <param name="groupId">The group id.</param>
    /// <returns>The distinct ids.</returns>
    public IReadOnlyList<Guid> GetTransitiveMemberIds(Guid groupId)
    {
        lock (Gate)
        {
            return TransitiveMembersUnlocked(groupId);
        }
    }

    /// <summary>Gets a value indicating whether an object is a direct member of a group.</summary>
    /// <param name="groupId">The group id.</param>
    /// <param name="memberId">The member id.</param>
    /// <returns><see langword="true"/> for a direct member.</returns>
    public bool IsMember(Guid groupId, Guid memberId)
    {
        lock (Gate)
        {
            return _members.TryGetValue(groupId, out var list) && list.Contains(memberId);
        }
    }

    /// <summary>Gets the ids of the groups an object is a direct member of.</summary>
    /// <param name="memberId">The user or group id.</param>
    /// <returns>The group ids.</returns>
    public IReadOnlyList<Guid> GetMemberOf(Guid memberId)
    {
        lock (Gate)
        {
            return MemberOfUnlocked(memberId);
        }
    }

    /// <summary>Gets the ids of the groups an object is a direct or nested member of.</summary>
    /// <param name="memberId">The user or group id.</param>
    /// <returns>The distinct group ids.</returns>
    public IReadOnlyList<Guid> GetTransitiveMemberOf(Guid memberId)
    {
        lock (Gate)
        {
            return TransitiveMemberOfUnlocked(memberId);
        }
    }
}
