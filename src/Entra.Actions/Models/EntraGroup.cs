using System.Text.Json;
using Entra.Actions.Models.Internal;

namespace Entra.Actions;

/// <summary>A group as returned by the Lookup group action, with its derived <see cref="Kind"/>.</summary>
public sealed class EntraGroup
{
    /// <summary>The <c>groupTypes</c> value that marks a Microsoft 365 group.</summary>
    public const string UnifiedGroupType = GraphGroupTypes.Unified;

    /// <summary>The <c>groupTypes</c> value that marks a group whose members come from a membership rule.</summary>
    public const string DynamicMembershipGroupType = GraphGroupTypes.DynamicMembership;

    /// <summary>The object id (GUID).</summary>
    public required string Id { get; init; }

    /// <summary>The display name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary>The SMTP address, for mail-enabled groups.</summary>
    public string? Mail { get; init; }

    /// <summary>The mail alias.</summary>
    public string? MailNickname { get; init; }

    /// <summary>Whether the group is mail-enabled.</summary>
    public bool MailEnabled { get; init; }

    /// <summary>Whether the group is a security group.</summary>
    public bool SecurityEnabled { get; init; }

    /// <summary>Graph's <c>groupTypes</c> (for example <c>Unified</c>, <c>DynamicMembership</c>).</summary>
    public IReadOnlyList<string> GroupTypes { get; init; } = [];

    /// <summary>The visibility (<c>Public</c>, <c>Private</c>, <c>HiddenMembership</c>), when set.</summary>
    public string? Visibility { get; init; }

    /// <summary>When the group was created.</summary>
    public DateTimeOffset? CreatedDateTime { get; init; }

    /// <summary>Whether Microsoft Entra roles can be assigned to the group (changing its members needs <c>RoleManagement.ReadWrite.Directory</c>).</summary>
    public bool IsAssignableToRole { get; init; }

    /// <summary><see langword="true"/> when the group is synchronized from on-premises Active Directory (its membership is mastered there).</summary>
    public bool? OnPremisesSyncEnabled { get; init; }

    /// <summary>The membership rule of a dynamic group.</summary>
    public string? MembershipRule { get; init; }

    /// <summary>The kind derived from <see cref="GroupTypes"/>, <see cref="MailEnabled"/> and <see cref="SecurityEnabled"/>.</summary>
    public EntraGroupKind Kind => GroupKinds.Of(GroupTypes, MailEnabled, SecurityEnabled);

    /// <summary>Whether membership comes from a rule (<c>groupTypes</c> contains <c>DynamicMembership</c>) rather than being assigned.</summary>
    public bool IsDynamic => GraphGroupTypes.IsDynamic(GroupTypes);

    /// <summary>The extra properties the caller asked for, by their Graph names, as Graph returned them.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalProperties { get; init; } = EmptyProperties.Instance;

    /// <inheritdoc />
    public override string ToString() => $"Group {Id} ({DisplayName}, {Kind}{(IsDynamic ? ", dynamic" : string.Empty)})";
}
