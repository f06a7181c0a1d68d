using System.Text.Json;
using System.Text.Json.Serialization;

namespace Entra.Actions.Graph.Internal;

// The shapes Graph answers with, read by the source-generated GraphJsonContext into these, then into the library's models.

/// <summary>A user (also an item of a user page or a getByIds answer); requested extra properties land in <see cref="Extra"/>.</summary>
internal sealed class UserWire
{
    [JsonPropertyName("@odata.type")]
    public string? ODataType { get; set; }

    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("displayName")]
    public string? DisplayName { get; set; }

    [JsonPropertyName("givenName")]
    public string? GivenName { get; set; }

    [JsonPropertyName("surname")]
    public string? Surname { get; set; }

    [JsonPropertyName("mail")]
    public string? Mail { get; set; }

    [JsonPropertyName("userPrincipalName")]
    public string? UserPrincipalName { get; set; }

    [JsonPropertyName("jobTitle")]
    public string? JobTitle { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class GroupWire
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("displayName")]
    public string? DisplayName { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("mail")]
    public string? Mail { get; set; }

    [JsonPropertyName("mailNickname")]
    public string? MailNickname { get; set; }

    [JsonPropertyName("mailEnabled")]
    public bool? MailEnabled { get; set; }

    [JsonPropertyName("securityEnabled")]
    public bool? SecurityEnabled { get; set; }

    [JsonPropertyName("groupTypes")]
    public List<string>? GroupTypes { get; set; }

    [JsonPropertyName("visibility")]
    public string? Visibility { get; set; }

    [JsonPropertyName("createdDateTime")]
    public DateTimeOffset? CreatedDateTime { get; set; }

    [JsonPropertyName("isAssignableToRole")]
    public bool? IsAssignableToRole { get; set; }

    [JsonPropertyName("onPremisesSyncEnabled")]
    public bool? OnPremisesSyncEnabled { get; set; }

    [JsonPropertyName("membershipRule")]
    public string? MembershipRule { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A page of users: a <c>$filter</c> read or a getByIds answer.</summary>
internal sealed class UserPageWire : IPageWire<UserWire>
{
    [JsonPropertyName("value")]
    public List<UserWire>? Value { get; set; }

    [JsonPropertyName("@odata.nextLink")]
    public string? NextLink { get; set; }
}

/// <summary>A page of groups (<c>GET /groups?$filter=...</c>).</summary>
internal sealed class GroupPageWire : IPageWire<GroupWire>
{
    [JsonPropertyName("value")]
    public List<GroupWire>? Value { get; set; }

    [JsonPropertyName("@odata.nextLink")]
    public string? NextLink { get; set; }
}

/// <summary>
/// An item of a directory-object collection (<c>members</c>, <c>transitiveMembers</c>, <c>memberOf</c>): Graph names its type
/// in <c>@odata.type</c> and fills the selected properties the type has.
/// </summary>
internal sealed class DirectoryObjectWire
{
    [JsonPropertyName("@odata.type")]
    public string? ODataType { get; set; }

    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("displayName")]
    public string? DisplayName { get; set; }

    [JsonPropertyName("userPrincipalName")]
    public string? UserPrincipalName { get; set; }

    [JsonPropertyName("mail")]
    public string? Mail { get; set; }

    [JsonPropertyName("groupTypes")]
    public List<string>? GroupTypes { get; set; }

    [JsonPropertyName("mailEnabled")]
    public bool? MailEnabled { get; set; }

    [JsonPropertyName("securityEnabled")]
    public bool? SecurityEnabled { get; set; }
}

internal sealed class DirectoryObjectPageWire : IPageWire<DirectoryObjectWire>
{
    [JsonPropertyName("value")]
    public List<DirectoryObjectWire>? Value { get; set; }

    [JsonPropertyName("@odata.nextLink")]
    public string? NextLink { get; set; }
}

/// <summary>A collection of strings, for example the group ids <c>checkMemberGroups</c> answers with.</summary>
internal sealed class StringListWire
{
    [JsonPropertyName("value")]
    public List<string>? Value { get; set; }
}

internal sealed class IdWire
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }
}

/// <summary>A page of member ids (<c>$select=id</c>) and the link to the next one.</summary>
internal sealed class IdPageWire
{
    [JsonPropertyName("value")]
    public List<IdWire>? Value { get; set; }

    [JsonPropertyName("@odata.nextLink")]
    public string? NextLink { get; set; }
}

internal sealed class OrganizationPageWire
{
    [JsonPropertyName("value")]
    public List<OrganizationWire>? Value { get; set; }
}

internal sealed class OrganizationWire
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("displayName")]
    public string? DisplayName { get; set; }

    [JsonPropertyName("verifiedDomains")]
    public List<VerifiedDomainWire>? VerifiedDomains { get; set; }
}

internal sealed class VerifiedDomainWire
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("isDefault")]
    public bool? IsDefault { get; set; }
}

/// <summary>Graph's error body: <c>{"error":{"code","message","innerError":{"request-id","date"}}}</c>.</summary>
internal sealed class ErrorEnvelopeWire
{
    [JsonPropertyName("error")]
    public ErrorWire? Error { get; set; }
}

internal sealed class ErrorWire
{
    [JsonPropertyName("code")]
    public string? Code { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("innerError")]
    public InnerErrorWire? InnerError { get; set; }
}

internal sealed class InnerErrorWire
{
    [JsonPropertyName("request-id")]
    public string? RequestId { get; set; }

    [JsonPropertyName("date")]
    public string? Date { get; set; }
}

/// <summary>A <c>$batch</c> answer: one response per step, in any order.</summary>
internal sealed class BatchResponseWire
{
    [JsonPropertyName("responses")]
    public List<BatchStepWire>? Responses { get; set; }
}

internal sealed class BatchStepWire
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("status")]
    public int Status { get; set; }

    [JsonPropertyName("headers")]
    public Dictionary<string, JsonElement>? Headers { get; set; }

    [JsonPropertyName("body")]
    public JsonElement Body { get; set; }
}

/// <summary>The source-generated serializer metadata of every shape read from Graph.</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(UserWire))]
[JsonSerializable(typeof(GroupWire))]
[JsonSerializable(typeof(UserPageWire))]
[JsonSerializable(typeof(GroupPageWire))]
[JsonSerializable(typeof(DirectoryObjectWire))]
[JsonSerializable(typeof(DirectoryObjectPageWire))]
[JsonSerializable(typeof(StringListWire))]
[JsonSerializable(typeof(IdPageWire))]
[JsonSerializable(typeof(OrganizationPageWire))]
[JsonSerializable(typeof(ErrorEnvelopeWire))]
[JsonSerializable(typeof(BatchResponseWire))]
internal sealed partial class GraphJsonContext : JsonSerializerContext;
