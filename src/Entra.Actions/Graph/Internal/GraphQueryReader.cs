using Entra.Actions.Directory.Internal;
using Entra.Actions.Models.Internal;
using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Graph.Internal;

/// <summary>
/// The Graph reads behind the query actions. Text goes only into OData string literals (<see cref="ODataLiteral"/>) inside a
/// query parameter escaped as a whole; ids only as validated path segments. Every read is a default (not advanced) query, so
/// none needs <c>ConsistencyLevel: eventual</c> and none sees a stale index.
/// </summary>
internal sealed class GraphQueryReader : IEntraQueryDirectory
{
    /// <summary>The user properties Search users matches the start of.</summary>
    internal static readonly string[] SearchedUserProperties = ["displayName", "givenName", "surname", "mail", "userPrincipalName"];

    /// <summary>The group properties Find group matches exactly.</summary>
    internal static readonly string[] GroupNameProperties = ["displayName", "mail", "mailNickname"];

    private const string MemberSelect = "id,displayName,userPrincipalName,mail";
    private const string GroupSummarySelect = "id,displayName,groupTypes,mailEnabled,securityEnabled";
    private const string GroupODataType = "#microsoft.graph.group";

    private readonly GraphCaller _caller;
    private readonly GraphPager _pager;

    public GraphQueryReader(GraphCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        _caller = caller;
        _pager = new GraphPager(caller);
    }

    public Task<EntraActionResult<ListRead<EntraUser>>> SearchUsersAsync(string prefix, int limit, CancellationToken cancellationToken)
    {
        // Graph refuses a startswith value over 120 characters (400 Request_UnsupportedQuery). A longer prefix is asked for by
        // its first 120 characters, and the answer is narrowed here to the users that start with the whole of it.
        var sent = GraphLimits.StartsWithValue(prefix);
        var literal = ODataLiteral.Quote(sent);
        var filter = string.Join(" or ", SearchedUserProperties.Select(property => $"startswith({property},{literal})"));
        var uri = _caller.Transport.Url($"/users?$filter={Uri.EscapeDataString(filter)}&$select={GraphModels.DefaultUserSelect}&$top={GraphPager.PageSize(limit)}");
        Func<UserWire, EntraUser?> map = sent.Length == prefix.Length
            ? static user => user.Id is null ? null : GraphModels.ToUser(user, [])
            : user => user.Id is null || !StartsWithWhole(user, prefix) ? null : GraphModels.ToUser(user, []);
        return _pager.ReadAsync(uri, GraphJsonContext.Default.UserPageWire, map, limit, cancellationToken);
    }

    private static bool StartsWithWhole(UserWire user, string prefix) =>
        new[] { user.DisplayName, user.GivenName, user.Surname, user.Mail, user.UserPrincipalName }
            .Any(value => value is not null && value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    public Task<EntraActionResult<ListRead<EntraGroup>>> FindGroupsByNameAsync(string name, int limit, CancellationToken cancellationToken)
    {
        var literal = ODataLiteral.Quote(name);
        var filter = string.Join(" or ", GroupNameProperties.Select(property => $"{property} eq {literal}"));
        var uri = _caller.Transport.Url($"/groups?$filter={Uri.EscapeDataString(filter)}&$select={GraphModels.DefaultGroupSelect}&$top={GraphPager.PageSize(limit)}");
        return _pager.ReadAsync<GroupWire, GroupPageWire, EntraGroup>(
            uri, GraphJsonContext.Default.GroupPageWire, static group => group.Id is null ? null : GraphModels.ToGroup(group, []), limit, cancellationToken);
    }

    public Task<EntraActionResult<ListRead<EntraDirectoryObject>>> ListGroupMembersAsync(ObjectId group, bool transitive, int limit, CancellationToken cancellationToken)
    {
        var uri = _caller.Transport.Url(
            $"/groups/{group.Value}/{(transitive ? "transitiveMembers" : "members")}?$select={MemberSelect}&$top={GraphPager.PageSize(limit)}");
        return _pager.ReadAsync<DirectoryObjectWire, DirectoryObjectPageWire, EntraDirectoryObject>(
            uri, GraphJsonContext.Default.DirectoryObjectPageWire, static member => member.Id is null ? null : ToDirectoryObject(member), limit, cancellationToken);
    }

    public Task<EntraActionResult<ListRead<EntraGroupSummary>>> ListUserGroupsAsync(ValidatedId user, bool transitive, int limit, CancellationToken cancellationToken)
    {
        // memberOf also lists directory roles and administrative units; they are told apart by @odata.type and left out here,
        // which needs no advanced query (an OData cast with $count would).
        var uri = _caller.Transport.Url(
            $"/users/{Uri.EscapeDataString(user.Value)}/{(transitive ? "transitiveMemberOf" : "memberOf")}?$select={GroupSummarySelect}&$top={GraphPager.PageSize(limit)}");
        return _pager.ReadAsync<DirectoryObjectWire, DirectoryObjectPageWire, EntraGroupSummary>(
            uri, GraphJsonContext.Default.DirectoryObjectPageWire, static item => ToGroupSummary(item), limit, cancellationToken);
    }

    public Task<EntraActionResult<bool>> IsTransitiveMemberAsync(ValidatedId user, ObjectId group, CancellationToken cancellationToken)
    {
        var uri = _caller.Transport.Url($"/users/{Uri.EscapeDataString(user.Value)}/checkMemberGroups");
        return _caller.SendAsync(
            HttpMethod.Post,
            uri,
            GraphBodies.CheckMemberGroups(group),
            GraphJsonContext.Default.StringListWire,
            answer => answer?.Value is { } ids
                ? EntraActionResult.Success(ids.Contains(group.Value, StringComparer.OrdinalIgnoreCase))
                : GraphCaller.Malformed<bool>("group id collection"),
            cancellationToken);
    }

    public Task<EntraActionResult<DirectMembership>> GetDirectMembershipAsync(ObjectId group, ObjectId member, CancellationToken cancellationToken)
    {
        var uri = _caller.Transport.Url($"/groups/{group.Value}/members/{member.Value}?$select=id");
        return _caller.SendAsync(
            HttpMethod.Get,
            uri,
            content: null,
            static async (response, token) =>
            {
                var found = await GraphCaller.ReadAsync(response, GraphJsonContext.Default.DirectoryObjectWire, token).ConfigureAwait(false);
                return found?.Id is null
                    ? GraphCaller.Malformed<DirectMembership>("member")
                    : EntraActionResult.Success(new DirectMembership(IsMember: true, ObjectTypeOf(found.ODataType)));
            },
            static error => error.Kind == EntraErrorKind.NotFound ? EntraActionResult.Success(DirectMembership.None) : null,
            cancellationToken);
    }

    public Task<EntraActionResult<ObjectId>> ResolveUserAsync(ValidatedId user, CancellationToken cancellationToken)
    {
        var uri = _caller.Transport.Url($"/users/{Uri.EscapeDataString(user.Value)}?$select=id");
        return _caller.SendAsync(
            HttpMethod.Get,
            uri,
            content: null,
            GraphJsonContext.Default.IdWire,
            static found => EntraIdValidator.TryValidate(found?.Id, EntraIdValidator.UserIdInput, out var id, out _)
                ? EntraActionResult.Success(id)
                : GraphCaller.Malformed<ObjectId>("user"),
            cancellationToken);
    }

    public Task<EntraActionResult<bool>> GroupExistsAsync(ObjectId group, CancellationToken cancellationToken)
    {
        var uri = _caller.Transport.Url($"/groups/{group.Value}?$select=id");
        return _caller.SendAsync(
            HttpMethod.Get,
            uri,
            content: null,
            static (response, token) => Task.FromResult(EntraActionResult.Success(true)),
            static error => error.Kind == EntraErrorKind.NotFound ? EntraActionResult.Success(false) : null,
            cancellationToken);
    }

    /// <summary>The object type Graph names in <c>@odata.type</c>.</summary>
    internal static EntraObjectType ObjectTypeOf(string? odataType) => odataType switch
    {
        "#microsoft.graph.user" => EntraObjectType.User,
        GroupODataType => EntraObjectType.Group,
        "#microsoft.graph.device" => EntraObjectType.Device,
        "#microsoft.graph.servicePrincipal" => EntraObjectType.ServicePrincipal,
        "#microsoft.graph.orgContact" => EntraObjectType.Contact,
        _ => EntraObjectType.Unknown,
    };

    private static EntraDirectoryObject ToDirectoryObject(DirectoryObjectWire member) => new()
    {
        Id = member.Id!,
        DisplayName = member.DisplayName,
        UserPrincipalName = member.UserPrincipalName,
        Mail = member.Mail,
        ObjectType = ObjectTypeOf(member.ODataType),
    };

    private static EntraGroupSummary? ToGroupSummary(DirectoryObjectWire item)
    {
        if (item.Id is null || !string.Equals(item.ODataType, GroupODataType, StringComparison.Ordinal))
        {
            return null;
        }

        var types = (IEnumerable<string>?)item.GroupTypes ?? [];
        return new EntraGroupSummary
        {
            Id = item.Id,
            DisplayName = item.DisplayName,
            Kind = GroupKinds.Of(types, item.MailEnabled ?? false, item.SecurityEnabled ?? false),
            IsDynamic = GraphGroupTypes.IsDynamic(types),
        };
    }
}
