using System.Text.Json;
using System.Text.Json.Nodes;

namespace Entra.Actions.Emulator;

// Seeding and changes from code or JSON: add, replace, link and delete objects, outside Graph's rules.
public sealed partial class EmulatedDirectory
{
    private static readonly JsonSerializerOptions SeedJsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Adds a user.</summary>
    /// <param name="user">The user.</param>
    /// <returns>This directory.</returns>
    /// <exception cref="ArgumentException">The id or the user principal name is already taken.</exception>
    public EmulatedDirectory AddUser(EmulatedUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (Gate)
        {
            if (IsTakenUnlocked(user.Id))
            {
                throw IdTaken(user.Id, nameof(user));
            }

            if (_usersByUpn.ContainsKey(user.UserPrincipalName))
            {
                throw UpnTaken(user.UserPrincipalName, nameof(user));
            }

            _users.Add(user.Id, user);
            _usersByUpn.Add(user.UserPrincipalName, user.Id);
        }

        return this;
    }

    /// <summary>Adds a user, or replaces the user with the same id (memberships are kept).</summary>
    /// <param name="user">The user.</param>
    /// <returns>This directory.</returns>
    /// <exception cref="ArgumentException">The id is another kind of object's, or the user principal name belongs to another user.</exception>
    public EmulatedDirectory AddOrReplaceUser(EmulatedUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (Gate)
        {
            if (IsTakenUnlocked(user.Id) && !_users.ContainsKey(user.Id))
            {
                throw IdTaken(user.Id, nameof(user), takenBy: "group, role or administrative unit");
            }

            if (_usersByUpn.TryGetValue(user.UserPrincipalName, out var owner) && owner != user.Id)
            {
                throw UpnTaken(user.UserPrincipalName, nameof(user));
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
            if (IsTakenUnlocked(group.Id))
            {
                throw IdTaken(group.Id, nameof(group));
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
    /// <exception cref="ArgumentException">The id is another kind of object's.</exception>
    public EmulatedDirectory AddOrReplaceGroup(EmulatedGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        lock (Gate)
        {
            if (IsTakenUnlocked(group.Id) && !_groups.ContainsKey(group.Id))
            {
                throw IdTaken(group.Id, nameof(group), takenBy: "user, role or administrative unit");
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

    /// <summary>Deletes a user, group, directory role or administrative unit and every membership that refers to it.</summary>
    /// <param name="id">The object id.</param>
    /// <returns><see langword="true"/> if an object was deleted.</returns>
    public bool DeleteObject(Guid id)
    {
        lock (Gate)
        {
            return DeleteObjectUnlocked(id) || DeleteRoleOrUnitUnlocked(id);
        }
    }

    /// <summary>
    /// Creates a directory from JSON: <c>{"organization":{...},"users":[{...}],"groups":[{..., "members":["&lt;id&gt;"]}]}</c>,
    /// optionally with <c>"directoryRoles"</c> and <c>"administrativeUnits"</c> (each entry with its <c>"members"</c>),
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
            memberships.AddRange(Members(groupNode!).Select(member => (group.Id, member)));
        }

        foreach (var (group, member) in memberships)
        {
            directory.AddMember(group, member);
        }

        foreach (var roleNode in root["directoryRoles"]?.AsArray() ?? [])
        {
            var role = roleNode.Deserialize<EmulatedDirectoryRole>(SeedJsonOptions) ?? throw new JsonException("A directory role entry is null.");
            directory.AddDirectoryRole(role, Members(roleNode!));
        }

        foreach (var unitNode in root["administrativeUnits"]?.AsArray() ?? [])
        {
            var unit = unitNode.Deserialize<EmulatedAdministrativeUnit>(SeedJsonOptions) ?? throw new JsonException("An administrative unit entry is null.");
            directory.AddAdministrativeUnit(unit, Members(unitNode!));
        }

        return directory;
    }

    private static List<Guid> Members(JsonNode entry) => [.. (entry["members"]?.AsArray() ?? []).Select(member => member!.GetValue<Guid>())];

    /// <summary>Creates a directory from a JSON file (see <see cref="FromJson(string)"/>).</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The directory.</returns>
    public static EmulatedDirectory FromJsonFile(string path) => FromJson(File.ReadAllText(path));

    private static ArgumentException IdTaken(Guid id, string paramName, string? takenBy = null) =>
        new(takenBy is null ? $"An object with id '{id}' already exists." : $"An object with id '{id}' already exists (a {takenBy}).", paramName);

    private static ArgumentException UpnTaken(string userPrincipalName, string paramName) =>
        new($"A user with userPrincipalName '{userPrincipalName}' already exists.", paramName);
}
