using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Graph.Internal;

/// <summary>Reads one user or one group: <c>GET /users/{id}</c>, <c>GET /groups/{id}</c>, with <c>$select</c> only for extra properties.</summary>
internal sealed class GraphObjectReader
{
    private readonly GraphCaller _caller;

    public GraphObjectReader(GraphCaller caller)
    {
        _caller = caller;
    }

    public Task<EntraActionResult<EntraUser>> GetUserAsync(string userId, IReadOnlyCollection<string> additionalProperties, CancellationToken cancellationToken)
    {
        // The seam is public: ids are checked here too, by the same validator, so no caller can build a request from a raw id.
        if (!EntraIdValidator.TryValidateUserId(userId, EntraIdValidator.UserIdInput, out var user, out var invalid)
            || !PropertyNameValidator.TryValidateUserProperties(additionalProperties, out var extra, out invalid))
        {
            return Task.FromResult(EntraActionResult.Failure<EntraUser>(invalid));
        }

        // One escaped segment: a guest's '#' and '@' travel as %23 and %40.
        var uri = _caller.Transport.Url("/users/" + Uri.EscapeDataString(user.Value) + GraphModels.SelectQuery(GraphModels.DefaultUserSelect, extra));
        return _caller.SendAsync(
            HttpMethod.Get,
            uri,
            content: null,
            GraphJsonContext.Default.UserWire,
            found => found?.Id is null ? GraphCaller.Malformed<EntraUser>("user") : EntraActionResult.Success(GraphModels.ToUser(found, extra)),
            cancellationToken);
    }

    public Task<EntraActionResult<EntraGroup>> GetGroupAsync(string groupId, IReadOnlyCollection<string> additionalProperties, CancellationToken cancellationToken)
    {
        if (!EntraIdValidator.TryValidateObjectId(groupId, EntraIdValidator.GroupIdInput, out var id, out var invalid)
            || !PropertyNameValidator.TryValidateGroupProperties(additionalProperties, out var extra, out invalid))
        {
            return Task.FromResult(EntraActionResult.Failure<EntraGroup>(invalid));
        }

        return ReadGroupAsync(id, extra, cancellationToken);
    }

    /// <summary>Reads a group by an id the validator already made (the default properties).</summary>
    public Task<EntraActionResult<EntraGroup>> GetGroupAsync(ObjectId groupId, CancellationToken cancellationToken) =>
        ReadGroupAsync(groupId.Value, [], cancellationToken);

    /// <summary>
    /// Reads <c>/groups/{group}/members/{member}</c>: Graph answers the member for a direct member and 404 otherwise (the group
    /// was read just before, so the 404 is about the member).
    /// </summary>
    /// <param name="group">The group.</param>
    /// <param name="member">The member.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Whether it is a direct member, or the failure.</returns>
    public Task<EntraActionResult<bool>> IsDirectMemberAsync(ObjectId group, ObjectId member, CancellationToken cancellationToken)
    {
        var uri = _caller.Transport.Url("/groups/" + Uri.EscapeDataString(group.Value) + "/members/" + Uri.EscapeDataString(member.Value) + "?$select=id");
        return _caller.SendAsync(
            HttpMethod.Get,
            uri,
            content: null,
            static (response, token) => Task.FromResult(EntraActionResult.Success(true)),
            static error => error.Kind == EntraErrorKind.NotFound ? EntraActionResult.Success(false) : null,
            cancellationToken);
    }

    private Task<EntraActionResult<EntraGroup>> ReadGroupAsync(string id, IReadOnlyCollection<string> extra, CancellationToken cancellationToken)
    {
        var uri = _caller.Transport.Url("/groups/" + Uri.EscapeDataString(id) + GraphModels.SelectQuery(GraphModels.DefaultGroupSelect, extra));
        return _caller.SendAsync(
            HttpMethod.Get,
            uri,
            content: null,
            GraphJsonContext.Default.GroupWire,
            group => group?.Id is null ? GraphCaller.Malformed<EntraGroup>("group") : EntraActionResult.Success(GraphModels.ToGroup(group, extra)),
            cancellationToken);
    }
}
