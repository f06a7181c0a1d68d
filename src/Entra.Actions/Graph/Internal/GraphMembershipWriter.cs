using System.Text.Json;

namespace Entra.Actions.Graph.Internal;

/// <summary>
/// Adds and removes group members: one reference (<c>POST .../members/$ref</c>, <c>DELETE .../members/{id}/$ref</c>), an atomic
/// bind of up to 20 (<c>PATCH /groups/{id}</c> with <c>members@odata.bind</c>), and the same writes as <c>$batch</c> steps.
/// </summary>
internal sealed class GraphMembershipWriter
{
    private readonly GraphCaller _caller;
    private readonly GraphBatchClient _batch;
    private readonly string _baseUrl;

    public GraphMembershipWriter(GraphCaller caller, GraphBatchClient batch)
    {
        _caller = caller;
        _batch = batch;
        _baseUrl = caller.Transport.BaseUrl;
    }

    public Task<EntraActionResult<MembershipOutcome>> AddGroupMemberAsync(string groupId, string memberId, CancellationToken cancellationToken)
    {
        if (!GraphIds.TryValidateMembership(groupId, memberId, out var group, out var member, out var invalid))
        {
            return Task.FromResult(EntraActionResult.Failure<MembershipOutcome>(invalid));
        }

        return _caller.SendAsync(
            HttpMethod.Post,
            _caller.Transport.Url("/groups/" + group + "/members/$ref"),
            GraphBodies.Reference(_baseUrl, member),
            static (_, _) => Task.FromResult(EntraActionResult.Success(MembershipOutcome.Added)),
            recover: error => GraphErrorMapper.IsAlreadyMember(error) ? EntraActionResult.Success(MembershipOutcome.AlreadyMember) : null,
            cancellationToken);
    }

    public Task<EntraActionResult<MembershipOutcome>> RemoveGroupMemberAsync(string groupId, string memberId, CancellationToken cancellationToken)
    {
        if (!GraphIds.TryValidateMembership(groupId, memberId, out var group, out var member, out var invalid))
        {
            return Task.FromResult(EntraActionResult.Failure<MembershipOutcome>(invalid));
        }

        // Always the reference: DELETE .../members/{id} without /$ref deletes the object itself.
        return _caller.SendAsync(
            HttpMethod.Delete,
            _caller.Transport.Url("/groups/" + group + "/members/" + member + "/$ref"),
            content: null,
            static (_, _) => Task.FromResult(EntraActionResult.Success(MembershipOutcome.Removed)),
            recover: error => GraphErrorMapper.IsNotFound(error) ? EntraActionResult.Success(MembershipOutcome.NotAMember) : null,
            cancellationToken);
    }

    public Task<EntraActionResult<MembershipOutcome>> AddGroupMembersAsync(string groupId, IReadOnlyList<string> memberIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(memberIds);
        if (!GraphIds.TryValidateMany(groupId, memberIds, IEntraBulkDirectory.MaxMembersPerWrite, out var group, out var members, out var invalid))
        {
            return Task.FromResult(EntraActionResult.Failure<MembershipOutcome>(invalid));
        }

        // PATCH /groups/{id} with members@odata.bind: at most 20, all or none.
        return _caller.SendAsync(
            HttpMethod.Patch,
            _caller.Transport.Url("/groups/" + group),
            GraphBodies.Bind(_baseUrl, members),
            static (_, _) => Task.FromResult(EntraActionResult.Success(MembershipOutcome.Added)),
            recover: error => members.Count == 1 && GraphErrorMapper.IsAlreadyMember(error) ? EntraActionResult.Success(MembershipOutcome.AlreadyMember) : null,
            cancellationToken);
    }

    public async Task<IReadOnlyList<EntraActionResult<MembershipOutcome>>> AddGroupMembersInBatchAsync(string groupId, IReadOnlyList<IReadOnlyList<string>> memberChunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(memberChunks);
        if (memberChunks.Count is 0 or > IEntraBulkDirectory.MaxBatchSteps)
        {
            return GraphIds.Repeat(EntraActionResult.Failure<MembershipOutcome>(GraphIds.TooMany(memberChunks.Count, IEntraBulkDirectory.MaxBatchSteps)), memberChunks.Count);
        }

        var chunks = new List<List<string>>(memberChunks.Count);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var total = 0;
        string? group = null;
        foreach (var memberChunk in memberChunks)
        {
            ArgumentNullException.ThrowIfNull(memberChunk, nameof(memberChunks));
            if (!GraphIds.TryValidateMany(groupId, memberChunk, IEntraBulkDirectory.MaxMembersPerWrite, out group, out var members, out var invalid))
            {
                return GraphIds.Repeat(EntraActionResult.Failure<MembershipOutcome>(invalid), memberChunks.Count);
            }

            chunks.Add(members);
            total += members.Count;
            seen.UnionWith(members);
        }

        if (seen.Count != total)
        {
            // Two steps binding the same member would race: one adds it, the other fails whole on "already exist".
            return GraphIds.Repeat(EntraActionResult.Failure<MembershipOutcome>(new EntraActionError(EntraErrorKind.InvalidInput,
                "The same member id appears in two chunks of one request.")), chunks.Count);
        }

        // Each step is the same atomic bind (20 at most) as a lone write, evaluated and throttled on its own. The ids are
        // validated GUIDs, so the step URL, sent as is, cannot be bent.
        var url = "/groups/" + group;
        var baseUrl = _baseUrl;
        var results = await _batch.SendAsync(
            chunks,
            "PATCH",
            _ => url,
            (writer, members) => GraphBodies.WriteBind(writer, baseUrl, members),
            static answer => answer.Error is null ? EntraActionResult.Success(MembershipOutcome.Added) : EntraActionResult.Failure<MembershipOutcome>(answer.Error),
            cancellationToken).ConfigureAwait(false);

        // As for a lone write: one member that is already there is a success, not a failure.
        var mapped = new EntraActionResult<MembershipOutcome>[results.Count];
        for (var i = 0; i < mapped.Length; i++)
        {
            var result = results[i];
            mapped[i] = chunks[i].Count == 1 && !result.Succeeded && GraphErrorMapper.IsAlreadyMember(result.Error)
                ? EntraActionResult.Success(MembershipOutcome.AlreadyMember)
                : result;
        }

        return mapped;
    }

    public async Task<IReadOnlyList<EntraActionResult<MembershipOutcome>>> RemoveGroupMembersAsync(string groupId, IReadOnlyList<string> memberIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(memberIds);
        if (!GraphIds.TryValidateMany(groupId, memberIds, IEntraBulkDirectory.MaxBatchSteps, out var group, out var members, out var invalid))
        {
            return GraphIds.Repeat(EntraActionResult.Failure<MembershipOutcome>(invalid), memberIds.Count);
        }

        // Always the reference: DELETE .../members/{id}/$ref. The ids are validated GUIDs, so the step URLs cannot be bent.
        var prefix = "/groups/" + group + "/members/";
        return await _batch.SendAsync(
            members,
            "DELETE",
            id => prefix + id + "/$ref",
            (Action<Utf8JsonWriter, string>?)null,
            static answer => answer.Error is null
                ? EntraActionResult.Success(MembershipOutcome.Removed)
                : GraphErrorMapper.IsNotFound(answer.Error) ? EntraActionResult.Success(MembershipOutcome.NotAMember) : EntraActionResult.Failure<MembershipOutcome>(answer.Error),
            cancellationToken).ConfigureAwait(false);
    }
}
