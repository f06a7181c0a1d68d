using System.Text.Json;
using Entra.Actions.Directory.Internal;
using Entra.Actions.Validation.Internal;

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

    public async Task<MemberAddAnswer> AddGroupMembersAsync(ObjectId group, IReadOnlyList<ObjectId> members, CancellationToken cancellationToken)
    {
        GraphIds.CheckCount(members, GraphLimits.MaxMembersPerWrite);

        // PATCH /groups/{id} with members@odata.bind: at most 20, all or none.
        var result = await _caller.SendAsync(
            HttpMethod.Patch,
            _caller.Transport.Url("/groups/" + group.Value),
            GraphBodies.Bind(_baseUrl, members),
            static (_, _) => Task.FromResult(EntraActionResult.Success(MembershipOutcome.Added)),
            recover: null,
            cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? MemberAddAnswer.Added : GraphErrorMapper.ToAddAnswer(result.Error, members.Count);
    }

    public async Task<IReadOnlyList<MemberAddAnswer>> AddGroupMembersInBatchAsync(ObjectId group, IReadOnlyList<IReadOnlyList<ObjectId>> memberChunks, CancellationToken cancellationToken)
    {
        GraphIds.CheckCount(memberChunks, GraphLimits.MaxBatchSteps);
        foreach (var chunk in memberChunks)
        {
            GraphIds.CheckCount(chunk, GraphLimits.MaxMembersPerWrite, nameof(memberChunks));
        }

        // Each step is the same atomic bind (20 at most) as a lone write, evaluated and throttled on its own. The ids are
        // validated GUIDs, so the step URL, sent as is, cannot be bent.
        var url = "/groups/" + group.Value;
        var baseUrl = _baseUrl;
        var results = await _batch.SendAsync(
            memberChunks,
            "PATCH",
            _ => url,
            (writer, members) => GraphBodies.WriteBind(writer, baseUrl, members),
            static answer => answer.Error is null ? EntraActionResult.Success(MembershipOutcome.Added) : EntraActionResult.Failure<MembershipOutcome>(answer.Error),
            cancellationToken).ConfigureAwait(false);

        var answers = new MemberAddAnswer[results.Count];
        for (var i = 0; i < answers.Length; i++)
        {
            answers[i] = results[i].Succeeded ? MemberAddAnswer.Added : GraphErrorMapper.ToAddAnswer(results[i].Error!, memberChunks[i].Count);
        }

        return answers;
    }

    public async Task<IReadOnlyList<EntraActionResult<MembershipOutcome>>> RemoveGroupMembersAsync(ObjectId group, IReadOnlyList<ObjectId> members, CancellationToken cancellationToken)
    {
        GraphIds.CheckCount(members, GraphLimits.MaxBatchSteps);

        // Always the reference: DELETE .../members/{id}/$ref. The ids are validated GUIDs, so the step URLs cannot be bent.
        var prefix = "/groups/" + group.Value + "/members/";
        return await _batch.SendAsync(
            members,
            "DELETE",
            id => prefix + id.Value + "/$ref",
            (Action<Utf8JsonWriter, ObjectId>?)null,
            static answer => answer.Error is null
                ? EntraActionResult.Success(MembershipOutcome.Removed)
                : GraphErrorMapper.IsNotFound(answer.Error) ? EntraActionResult.Success(MembershipOutcome.NotAMember) : EntraActionResult.Failure<MembershipOutcome>(answer.Error),
            cancellationToken).ConfigureAwait(false);
    }
}
