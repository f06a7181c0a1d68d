using System.Text.Json;
using System.Text.Json.Nodes;

namespace Entra.Actions.Emulator;

/// <summary>
/// The in-memory directory behind the emulator: users, groups, direct memberships (groups may nest) and the organization.
/// Thread-safe: every member may be called concurrently with requests being served.
/// </summary>
/// <remarks>
/// Seed it from code (the <c>Add*</c> methods return the directory so calls chain), from JSON
/// (<see cref="FromJson(string)"/>, <see cref="FromJsonFile(string)"/>), or start from <see cref="DemoTenant.Create"/>.
/// Seeding bypasses Graph's rules (dynamic groups may be given members); requests through the emulator enforce them.
/// </remarks>
public sealed class EmulatedDirectory
{
    private static readonly JsonSerializerOptions SeedJsonOptions = new(JsonSerializerDefaults.Web);

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

    /// <summary>Adds a user.</summary>
    /// <param name="user">The user.</param>
    /// <returns>This directory.</returns>
    /// <exception cref="ArgumentException">The id or the user principal name is already taken.</exception>
    public EmulatedDirectory AddUser(EmulatedUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (Gate)
        {
            if (ExistsUnlocked(user.Id))
            {
                throw new ArgumentException($"An object with id '{user.Id}' already exists.", nameof(user));
            }

            if (_usersByUpn.ContainsKey(user.UserPrincipalName))
            {
                throw new ArgumentException($"A user with userPrincipalName '{user.UserPrincipalName}' already exists.", nameof(user));
            }

            _users.Add(user.Id, user);
            _usersByUpn.Add(user.UserPrincipalName, user.Id);
        }

        return this;
    }

    /// <summary>Adds a user, or replaces the user with the same id (memberships are kept).</summary>
    /// <param name="user">The user.</param>
    /// <returns>This directory.</returns>
    /// <exception cref="ArgumentException">The id is a group's, or the user principal name belongs to another user.</exception>
    public EmulatedDirectory AddOrReplaceUser(EmulatedUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (Gate)
        {
            if (_groups.ContainsKey(user.Id))
            {
                throw new ArgumentException($"An object with id '{user.Id}' already exists (a group).", nameof(user));
            }

            if (_usersByUpn.TryGetValue(user.UserPrincipalName, out var owner) && owner != user.Id)
            {
                throw new ArgumentException($"A user with userPrincipalName '{user.UserPrincipalName}' already exists.", nameof(user));
            }

            if (_users.TryGetValue(user.Id, out var old))
            {
                _usersByUpn.Remove(old.UserPrincipalName);
            }

            _users[user.Id] = user;
            _usersByUpn[user.UserPrincipalName] = user.Id;
        }

        return this;
    }

    /// <summary>Adds a group with optional direct members (users or groups that must already exist).</summary>
    /// <param name="group">The group.</param>
    /// <param name="memberIds">Direct member ids.</param>
    /// <returns>This directory.</returns>
    /// <exception cref="ArgumentException">The id is taken or a member does not exist.</exception>
    public EmulatedDirectory AddGroup(EmulatedGroup group, params IEnumerable<Guid> memberIds)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(memberIds);
        lock (Gate)
        {
            if (ExistsUnlocked(group.Id))
            {
                throw new ArgumentException($"An object with id '{group.Id}' already exists.", nameof(group));
            }

            _groups.Add(group.Id, group);
            _members.Add(group.Id, []);
            foreach (var memberId in memberIds)
            {
                AddMemberUnlocked(group.Id, memberId);
            }
        }

        return this;
    }

    /// <summary>Replaces a group's properties (memberships are kept), or adds the group.</summary>
    /// <param name="group">The group.</param>
    /// <returns>This directory.</returns>
    /// <exception cref="ArgumentException">The id is a user's.</exception>
    public EmulatedDirectory AddOrReplaceGroup(EmulatedGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        lock (Gate)
        {
            if (_users.ContainsKey(group.Id))
            {
                throw new ArgumentException($"An object with id '{group.Id}' already exists (a user).", nameof(group));
            }

            _groups[group.Id] = group;
            _members.TryAdd(group.Id, []);
        }

        return this;
    }

    /// <summary>Adds a direct member to a group without Graph's rules (seeding). Adding an existing member is a no-op.</summary>
    /// <param name="groupId">The group id.</param>
    /// <param name="memberId">The user or group id.</param>
    /// <returns>This directory.</returns>
    /// <exception cref="ArgumentException">The group or the member does not exist.</exception>
    public EmulatedDirectory AddMember(Guid groupId, Guid memberId)
    {
        lock (Gate)
        {
            AddMemberUnlocked(groupId, memberId);
        }

        return this;
    }

    /// <summary>Removes a direct member.</summary>
    /// <param name="groupId">The group id.</param>
    /// <param name="memberId">The member id.</param>
    /// <returns><see langword="true"/> if the member was removed.</returns>
    public bool RemoveMember(Guid groupId, Guid memberId)
    {
        lock (Gate)
        {
            return _members.TryGetValue(groupId, out var list) && list.Remove(memberId);
        }
    }

    /// <summary>Deletes a user or group and every membership that refers to it.</summary>
    /// <param name="id">The object id.</param>
    /// <returns><see langword="true"/> if an object was deleted.</returns>
    public bool DeleteObject(Guid id)
    {
        lock (Gate)
        {
            return DeleteObjectUnlocked(id);
        }
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

    /// <summary>
    /// Creates a directory from JSON: <c>{"organization":{...},"users":[{...}],"groups":[{..., "members":["&lt;id&gt;"]}]}</c>,
    /// using Graph's property names (camelCase).
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The directory.</returns>
    /// <exception cref="JsonException">The JSON is invalid or misses required properties.</exception>
    public static EmulatedDirectory FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var root = JsonNode.Parse(json)?.AsObject() ?? throw new JsonException("The seed must be a JSON object.");
        var organization = root["organization"]?.Deserialize<EmulatedOrganization>(SeedJsonOptions)
            ?? throw new JsonException("The seed must contain an 'organization' object with 'id' and 'displayName'.");
        var directory = new EmulatedDirectory(organization);
        foreach (var userNode in root["users"]?.AsArray() ?? [])
        {
            directory.AddUser(userNode.Deserialize<EmulatedUser>(SeedJsonOptions) ?? throw new JsonException("A user entry is null."));
        }

        var memberships = new List<(Guid Group, Guid Member)>();
        foreach (var groupNode in root["groups"]?.AsArray() ?? [])
        {
            var group = groupNode.Deserialize<EmulatedGroup>(SeedJsonOptions) ?? throw new JsonException("A group entry is null.");
            directory.AddGroup(group);
            foreach (var member in groupNode!["members"]?.AsArray() ?? [])
            {
                memberships.Add((group.Id, member!.GetValue<Guid>()));
            }
        }

        foreach (var (group, member) in memberships)
        {
            directory.AddMember(group, member);
        }

        return directory;
    }

    /// <summary>Creates a directory from a JSON file (see <see cref="FromJson(string)"/>).</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The directory.</returns>
    public static EmulatedDirectory FromJsonFile(string path) => FromJson(File.ReadAllText(path));

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
