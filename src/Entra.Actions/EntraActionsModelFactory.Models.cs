using System.Collections.ObjectModel;
using System.Text.Json;
using Entra.Actions.Models.Internal;

namespace Entra.Actions;

/// <summary>The models the actions return.</summary>
public static partial class EntraActionsModelFactory
{
    /// <summary>Builds what Add and Remove return.</summary>
    /// <param name="memberId">The member's object id.</param>
    /// <param name="groupId">The group's object id.</param>
    /// <param name="outcome">What happened (or, in a dry run, would have happened).</param>
    /// <param name="isDryRun">Whether this was a dry run; <see cref="Entra.Actions.MembershipChange.Changed"/> is then false.</param>
    /// <returns>The change.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="memberId"/> or <paramref name="groupId"/> is <see langword="null"/>.</exception>
    public static MembershipChange MembershipChange(string memberId, string groupId, MembershipOutcome outcome = MembershipOutcome.Added, bool isDryRun = false)
    {
        ArgumentNullException.ThrowIfNull(memberId);
        ArgumentNullException.ThrowIfNull(groupId);
        return new() { MemberId = memberId, GroupId = groupId, Outcome = outcome, IsDryRun = isDryRun };
    }

    /// <summary>Builds a user, as Look up user, Search users and the bulk lookup return it.</summary>
    /// <param name="id">The object id.</param>
    /// <param name="displayName">The display name, or <see langword="null"/>.</param>
    /// <param name="givenName">The given name, or <see langword="null"/>.</param>
    /// <param name="surname">The surname, or <see langword="null"/>.</param>
    /// <param name="mail">The mail address, or <see langword="null"/>.</param>
    /// <param name="userPrincipalName">The userPrincipalName, or <see langword="null"/>.</param>
    /// <param name="jobTitle">The job title, or <see langword="null"/>.</param>
    /// <param name="additionalProperties">Extra Graph properties by name (names match case-insensitively, as in a real user); none when <see langword="null"/>.</param>
    /// <returns>The user.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/>.</exception>
    public static EntraUser EntraUser(
        string id,
        string? displayName = null,
        string? givenName = null,
        string? surname = null,
        string? mail = null,
        string? userPrincipalName = null,
        string? jobTitle = null,
        IReadOnlyDictionary<string, JsonElement>? additionalProperties = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        return new()
        {
            Id = id,
            DisplayName = displayName,
            GivenName = givenName,
            Surname = surname,
            Mail = mail,
            UserPrincipalName = userPrincipalName,
            JobTitle = jobTitle,
            AdditionalProperties = Properties(additionalProperties),
        };
    }

    /// <summary>
    /// Builds a group, as Look up group and Find group return it. Its <see cref="Entra.Actions.EntraGroup.Kind"/> and
    /// <see cref="Entra.Actions.EntraGroup.IsDynamic"/> follow from <paramref name="groupTypes"/>, <paramref name="mailEnabled"/> and
    /// <paramref name="securityEnabled"/>, as in a real group; the defaults make a security group.
    /// </summary>
    /// <param name="id">The object id.</param>
    /// <param name="displayName">The display name, or <see langword="null"/>.</param>
    /// <param name="description">The description, or <see langword="null"/>.</param>
    /// <param name="mail">The mail address, or <see langword="null"/>.</param>
    /// <param name="mailNickname">The mail nickname, or <see langword="null"/>.</param>
    /// <param name="mailEnabled">Whether the group is mail-enabled.</param>
    /// <param name="securityEnabled">Whether the group is security-enabled (default <see langword="true"/>).</param>
    /// <param name="groupTypes">Graph's <c>groupTypes</c> (<see cref="Entra.Actions.EntraGroup.UnifiedGroupType"/>,
    /// <see cref="Entra.Actions.EntraGroup.DynamicMembershipGroupType"/>); none when <see langword="null"/>.</param>
    /// <param name="visibility">The visibility, or <see langword="null"/>.</param>
    /// <param name="createdDateTime">When the group was created, or <see langword="null"/>.</param>
    /// <param name="isAssignableToRole">Whether the group can be assigned to a directory role.</param>
    /// <param name="onPremisesSyncEnabled">Whether the group is synced from on-premises, or <see langword="null"/>.</param>
    /// <param name="membershipRule">The dynamic membership rule, or <see langword="null"/>.</param>
    /// <param name="additionalProperties">Extra Graph properties by name (names match case-insensitively); none when <see langword="null"/>.</param>
    /// <returns>The group.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/>.</exception>
    public static EntraGroup EntraGroup(
        string id,
        string? displayName = null,
        string? description = null,
        string? mail = null,
        string? mailNickname = null,
        bool mailEnabled = false,
        bool securityEnabled = true,
        IEnumerable<string>? groupTypes = null,
        string? visibility = null,
        DateTimeOffset? createdDateTime = null,
        bool isAssignableToRole = false,
        bool? onPremisesSyncEnabled = null,
        string? membershipRule = null,
        IReadOnlyDictionary<string, JsonElement>? additionalProperties = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        return new()
        {
            Id = id,
            DisplayName = displayName,
            Description = description,
            Mail = mail,
            MailNickname = mailNickname,
            MailEnabled = mailEnabled,
            SecurityEnabled = securityEnabled,
            GroupTypes = [.. groupTypes ?? []],
            Visibility = visibility,
            CreatedDateTime = createdDateTime,
            IsAssignableToRole = isAssignableToRole,
            OnPremisesSyncEnabled = onPremisesSyncEnabled,
            MembershipRule = membershipRule,
            AdditionalProperties = Properties(additionalProperties),
        };
    }

    /// <summary>Builds one group of an <see cref="Entra.Actions.EntraUserGroupList"/>.</summary>
    /// <param name="id">The group's object id.</param>
    /// <param name="displayName">The display name, or <see langword="null"/>.</param>
    /// <param name="kind">The group's kind.</param>
    /// <param name="isDynamic">Whether membership is rule-based.</param>
    /// <returns>The group summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/>.</exception>
    public static EntraGroupSummary EntraGroupSummary(string id, string? displayName = null, EntraGroupKind kind = EntraGroupKind.Security, bool isDynamic = false)
    {
        ArgumentNullException.ThrowIfNull(id);
        return new() { Id = id, DisplayName = displayName, Kind = kind, IsDynamic = isDynamic };
    }

    /// <summary>Builds one member of an <see cref="Entra.Actions.EntraGroupMemberList"/>.</summary>
    /// <param name="id">The object id.</param>
    /// <param name="displayName">The display name, or <see langword="null"/>.</param>
    /// <param name="userPrincipalName">The userPrincipalName (users), or <see langword="null"/>.</param>
    /// <param name="mail">The mail address, or <see langword="null"/>.</param>
    /// <param name="objectType">What kind of object it is.</param>
    /// <returns>The directory object.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/>.</exception>
    public static EntraDirectoryObject EntraDirectoryObject(
        string id, string? displayName = null, string? userPrincipalName = null, string? mail = null, EntraObjectType objectType = EntraObjectType.User)
    {
        ArgumentNullException.ThrowIfNull(id);
        return new() { Id = id, DisplayName = displayName, UserPrincipalName = userPrincipalName, Mail = mail, ObjectType = objectType };
    }

    /// <summary>Builds what List group members returns.</summary>
    /// <param name="members">The members; none when <see langword="null"/>.</param>
    /// <param name="truncated">Whether the group has more members than were returned.</param>
    /// <returns>The member list.</returns>
    public static EntraGroupMemberList EntraGroupMemberList(IEnumerable<EntraDirectoryObject>? members = null, bool truncated = false) =>
        new() { Members = [.. members ?? []], Truncated = truncated };

    /// <summary>Builds what Search users returns.</summary>
    /// <param name="users">The users found; none when <see langword="null"/>.</param>
    /// <param name="truncated">Whether more users matched than were returned.</param>
    /// <returns>The search result.</returns>
    public static EntraUserSearchResult EntraUserSearchResult(IEnumerable<EntraUser>? users = null, bool truncated = false) =>
        new() { Users = [.. users ?? []], Truncated = truncated };

    /// <summary>Builds what List user groups returns.</summary>
    /// <param name="groups">The groups; none when <see langword="null"/>.</param>
    /// <param name="truncated">Whether the user is in more groups than were returned.</param>
    /// <returns>The group list.</returns>
    public static EntraUserGroupList EntraUserGroupList(IEnumerable<EntraGroupSummary>? groups = null, bool truncated = false) =>
        new() { Groups = [.. groups ?? []], Truncated = truncated };

    /// <summary>Builds what Check membership returns.</summary>
    /// <param name="groupId">The group's object id.</param>
    /// <param name="isMember">Whether the user is a member.</param>
    /// <param name="transitive">Whether nested memberships counted.</param>
    /// <returns>The check.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="groupId"/> is <see langword="null"/>.</exception>
    public static EntraMembershipCheck EntraMembershipCheck(string groupId, bool isMember, bool transitive = false)
    {
        ArgumentNullException.ThrowIfNull(groupId);
        return new() { GroupId = groupId, IsMember = isMember, Transitive = transitive };
    }

    /// <summary>A read-only, case-insensitive copy, as the library's own models hold extra properties.</summary>
    private static IReadOnlyDictionary<string, JsonElement> Properties(IReadOnlyDictionary<string, JsonElement>? given)
    {
        if (given is null || given.Count == 0)
        {
            return EmptyProperties.Instance;
        }

        var copy = new Dictionary<string, JsonElement>(given.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in given)
        {
            copy[name] = value.Clone();
        }

        return new ReadOnlyDictionary<string, JsonElement>(copy);
    }
}
