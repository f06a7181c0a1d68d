using System.Text.Json;
using Microsoft.Graph;
using Microsoft.Graph.DirectoryObjects.GetByIds;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Entra.Actions.Graph;

/// <summary>The bulk half of the Graph directory: atomic binds, <c>$batch</c> with per-step results, <c>getByIds</c>, member paging.</summary>
internal sealed partial class GraphEntraDirectory
{
    private const int MembersPageSize = 999;

    public Task<EntraActionResult<GroupMemberIds>> GetGroupMemberIdsAsync(string groupId, int maxPages, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPages, 1);
        if (!EntraIdValidator.TryValidateObjectId(groupId, EntraIdValidator.GroupIdInput, out var group, out var invalid))
        {
            return Task.FromResult(EntraActionResult.Failure<GroupMemberIds>(invalid));
        }

        return CallAsync(
            async client =>
            {
                var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                var page = await client.Groups[group].Members.GetAsync(
                    request =>
                    {
                        request.QueryParameters.Select = ["id"];
                        request.QueryParameters.Top = MembersPageSize;
                    },
                    cancellationToken).ConfigureAwait(false);
                for (var pages = 1; ; pages++)
                {
                    foreach (var member in page?.Value ?? [])
                    {
                        if (member.Id is { } id)
                        {
                            ids.Add(id.ToLowerInvariant());
                        }
                    }

                    if (page?.OdataNextLink is not { Length: > 0 } next || pages >= maxPages)
                    {
                        return EntraActionResult.Success(new GroupMemberIds(ids, IsComplete: page?.OdataNextLink is not { Length: > 0 }));
                    }

                    // A next link is followed only on the configured Graph host; the auth provider and host guard enforce that too.
                    if (!Uri.TryCreate(next, UriKind.Absolute, out var nextUri) || !Http.GraphHostGuardHandler.IsGraphHost(nextUri, new Uri(_clients.BaseUrl)))
                    {
                        return EntraActionResult.Failure<GroupMemberIds>(new EntraActionError(EntraErrorKind.ServiceError, "Graph answered with a next link to another host; it was not followed."));
                    }

                    page = await client.Groups[group].Members.WithUrl(next).GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                }
            },
            recover: null,
            cancellationToken);
    }

    public Task<EntraActionResult<MembershipOutcome>> AddGroupMembersAsync(string groupId, IReadOnlyList<string> memberIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memberIds);
        if (!TryValidateMany(groupId, memberIds, IEntraBulkDirectory.MaxMembersPerWrite, out var group, out var members, out var invalid))
        {
            return Task.FromResult(EntraActionResult.Failure<MembershipOutcome>(invalid));
        }

        return CallAsync(
            async client =>
            {
                // graph-contract.md §1.4: PATCH /groups/{id} with members@odata.bind, at most 20, atomic.
                await client.Groups[group].PatchAsync(BindBody(members), cancellationToken: cancellationToken).ConfigureAwait(false);
                return EntraActionResult.Success(MembershipOutcome.Added);
            },
            recover: error => members.Count == 1 && GraphErrorMapper.IsAlreadyMember(error) ? EntraActionResult.Success(MembershipOutcome.AlreadyMember) : null,
            cancellationToken);
    }

    public async Task<IReadOnlyList<EntraActionResult<MembershipOutcome>>> AddGroupMembersInBatchAsync(string groupId, IReadOnlyList<IReadOnlyList<string>> memberChunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memberChunks);
        if (memberChunks.Count is 0 or > IEntraBulkDirectory.MaxBatchSteps)
        {
            return Repeat(EntraActionResult.Failure<MembershipOutcome>(TooMany(memberChunks.Count, IEntraBulkDirectory.MaxBatchSteps)), memberChunks.Count);
        }

        var chunks = new List<List<string>>(memberChunks.Count);
        string? group = null;
        foreach (var memberChunk in memberChunks)
        {
            ArgumentNullException.ThrowIfNull(memberChunk, nameof(memberChunks));
            if (!TryValidateMany(groupId, memberChunk, IEntraBulkDirectory.MaxMembersPerWrite, out group, out var members, out var invalid))
            {
                return Repeat(EntraActionResult.Failure<MembershipOutcome>(invalid), memberChunks.Count);
            }

            chunks.Add(members);
        }

        if (chunks.SelectMany(c => c).Distinct(StringComparer.OrdinalIgnoreCase).Count() != chunks.Sum(c => c.Count))
        {
            // Two steps binding the same member would race: one adds it, the other fails whole on "already exist".
            return Repeat(EntraActionResult.Failure<MembershipOutcome>(new EntraActionError(EntraErrorKind.InvalidInput,
                "The same member id appears in two chunks of one request.")), chunks.Count);
        }

        // graph-contract.md §1.4 inside §1.9: each step is the same atomic PATCH members@odata.bind (20 at most) as a lone
        // write, and is evaluated and throttled on its own. The ids are validated GUIDs, so the unescaped step URL (§6.4) is safe.
        var results = await BatchAsync(
            chunks,
            (client, members) => client.Groups[group].ToPatchRequestInformation(BindBody(members)),
            (status, response, error) => Task.FromResult(error is null ? EntraActionResult.Success(MembershipOutcome.Added) : EntraActionResult.Failure<MembershipOutcome>(error)),
            cancellationToken).ConfigureAwait(false);

        // As for a lone write: one member that is already there is a success, not a failure.
        return [.. results.Select((result, i) => chunks[i].Count == 1 && !result.Succeeded && GraphErrorMapper.IsAlreadyMember(result.Error)
            ? EntraActionResult.Success(MembershipOutcome.AlreadyMember)
            : result)];
    }

    private Group BindBody(IEnumerable<string> members) => new()
    {
        AdditionalData = new Dictionary<string, object>
        {
            ["members@odata.bind"] = members.Select(id => $"{_clients.BaseUrl}/directoryObjects/{id}").ToList(),
        },
    };

    public async Task<IReadOnlyList<EntraActionResult<MembershipOutcome>>> RemoveGroupMembersAsync(string groupId, IReadOnlyList<string> memberIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memberIds);
        if (!TryValidateMany(groupId, memberIds, IEntraBulkDirectory.MaxBatchSteps, out var group, out var members, out var invalid))
        {
            return Repeat(EntraActionResult.Failure<MembershipOutcome>(invalid), memberIds.Count);
        }

        // Always the reference: DELETE .../members/{id}/$ref (graph-contract.md §1.5). The ids are validated GUIDs, so the
        // SDK's unescaped step URLs (§6.4) cannot be bent.
        return await BatchAsync(
            members,
            (client, id) => client.Groups[group].Members[id].Ref.ToDeleteRequestInformation(),
            async (status, response, error) => error is null
                ? EntraActionResult.Success(MembershipOutcome.Removed)
                : GraphErrorMapper.IsNotFound(error) ? EntraActionResult.Success(MembershipOutcome.NotAMember) : EntraActionResult.Failure<MembershipOutcome>(error),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<EntraActionResult<EntraUser>>> GetUsersAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        if (userIds.Count is 0 or > IEntraBulkDirectory.MaxBatchSteps)
        {
            return Repeat(EntraActionResult.Failure<EntraUser>(TooMany(userIds.Count, IEntraBulkDirectory.MaxBatchSteps)), userIds.Count);
        }

        var ids = new List<string>(userIds.Count);
        foreach (var userId in userIds)
        {
            if (!EntraIdValidator.TryValidateUserId(userId, EntraIdValidator.UserIdInput, out var user, out var invalid))
            {
                return Repeat(EntraActionResult.Failure<EntraUser>(invalid), userIds.Count);
            }

            if (user.Value.Contains('#', StringComparison.Ordinal))
            {
                // $batch step URLs are unescaped by the SDK (graph-contract.md §6.4): '#' would start a fragment.
                return Repeat(EntraActionResult.Failure<EntraUser>(new EntraActionError(EntraErrorKind.InvalidInput,
                    $"User ID '{user.Value}' contains '#', which cannot travel in a $batch step URL; look it up on its own.")), userIds.Count);
            }

            ids.Add(user.Value);
        }

        var select = Select(UserProperties, []);
        return await BatchAsync(
            ids,
            (client, id) => client.Users[id].ToGetRequestInformation(request => request.QueryParameters.Select = select),
            async (status, response, error) =>
            {
                if (error is not null)
                {
                    return EntraActionResult.Failure<EntraUser>(error);
                }

                var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    var user = await KiotaJsonSerializer.DeserializeAsync(stream, User.CreateFromDiscriminatorValue, cancellationToken).ConfigureAwait(false);
                    return user?.Id is null
                        ? Malformed<EntraUser>("user")
                        : EntraActionResult.Success(await ToEntraUserAsync(user, [], cancellationToken).ConfigureAwait(false));
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<EntraActionResult<EntraUser>>> FindUsersByObjectIdsAsync(IReadOnlyList<string> objectIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objectIds);

        // Only validated GUIDs reach the filter: the step URL is sent unescaped (graph-contract.md §6.4), and a quote or
        // parenthesis in a raw id could otherwise rewrite the filter itself.
        if (!TryValidateUserObjectIds(objectIds, IEntraBulkDirectory.MaxIdsPerFilterBatch, out var ids, out var invalid))
        {
            return Repeat(EntraActionResult.Failure<EntraUser>(invalid), objectIds.Count);
        }

        return await FilterUsersAsync("id", ids, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<EntraActionResult<EntraUser>>> FindUsersByUserPrincipalNamesAsync(IReadOnlyList<string> userPrincipalNames, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userPrincipalNames);
        if (userPrincipalNames.Count is 0 or > IEntraBulkDirectory.MaxIdsPerFilterBatch)
        {
            return Repeat(EntraActionResult.Failure<EntraUser>(TooMany(userPrincipalNames.Count, IEntraBulkDirectory.MaxIdsPerFilterBatch)), userPrincipalNames.Count);
        }

        var names = new List<string>(userPrincipalNames.Count);
        foreach (var name in userPrincipalNames)
        {
            // The same validation as every user id, then the stricter filter alphabet: the step URL travels unescaped
            // (graph-contract.md §6.4), so nothing that could end the literal, the query or the URL may reach it.
            if (!EntraIdValidator.TryValidateUserId(name, EntraIdValidator.UserIdInput, out var user, out var invalid))
            {
                return Repeat(EntraActionResult.Failure<EntraUser>(invalid), userPrincipalNames.Count);
            }

            if (user.IsObjectId || !IEntraBulkDirectory.IsFilterSafeUserPrincipalName(user.Value))
            {
                return Repeat(EntraActionResult.Failure<EntraUser>(new EntraActionError(EntraErrorKind.InvalidInput,
                    "A userPrincipalName with characters that cannot travel in a $filter was given; read such names on their own.")), userPrincipalNames.Count);
            }

            names.Add(user.Value);
        }

        if (names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Count)
        {
            return Repeat(EntraActionResult.Failure<EntraUser>(new EntraActionError(EntraErrorKind.InvalidInput, "The same userPrincipalName appears twice in one request (names compare case-insensitively).")), names.Count);
        }

        return await FilterUsersAsync("userPrincipalName", names, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One <c>$batch</c> of <c>GET /users?$filter={property} in (...)</c> steps for validated values, 15 per step: Graph counts
    /// each value of an 'in' list as a child clause and allows 15 (Learn: graph/filter-query-parameter, query parameter
    /// limitations), so 20 steps read 300 users for 20 RU instead of 300. Values match case-insensitively, as Graph compares them.
    /// </summary>
    private async Task<IReadOnlyList<EntraActionResult<EntraUser>>> FilterUsersAsync(string property, List<string> values, CancellationToken cancellationToken)
    {
        var select = Select(UserProperties, []);
        var steps = values.Chunk(IEntraBulkDirectory.MaxIdsPerFilter).ToList();
        var answers = await BatchAsync(
            steps,
            (client, chunk) => client.Users.ToGetRequestInformation(request =>
            {
                // OData string literals double a single quote.
                request.QueryParameters.Filter = $"{property} in ({string.Join(',', chunk.Select(v => $"'{v.Replace("'", "''", StringComparison.Ordinal)}'"))})";
                request.QueryParameters.Select = select;
            }),
            async (status, response, error) =>
            {
                if (error is not null)
                {
                    return EntraActionResult.Failure<IReadOnlyList<EntraUser>>(error);
                }

                var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    var page = await KiotaJsonSerializer.DeserializeAsync(stream, UserCollectionResponse.CreateFromDiscriminatorValue, cancellationToken).ConfigureAwait(false);
                    if (page?.Value is null)
                    {
                        return Malformed<IReadOnlyList<EntraUser>>("user collection");
                    }

                    var users = new List<EntraUser>(page.Value.Count);
                    foreach (var user in page.Value)
                    {
                        if (user.Id is not null)
                        {
                            users.Add(await ToEntraUserAsync(user, [], cancellationToken).ConfigureAwait(false));
                        }
                    }

                    return EntraActionResult.Success<IReadOnlyList<EntraUser>>(users);
                }
            },
            cancellationToken).ConfigureAwait(false);

        Func<EntraUser, string?> key = property == "id" ? u => u.Id : u => u.UserPrincipalName;
        var results = new List<EntraActionResult<EntraUser>>(values.Count);
        for (var s = 0; s < steps.Count; s++)
        {
            var answer = answers[s];
            Dictionary<string, EntraUser>? found = null;
            if (answer.Succeeded)
            {
                // TryAdd: a malformed answer listing a user twice must not throw out of the bulk call.
                found = new Dictionary<string, EntraUser>(StringComparer.OrdinalIgnoreCase);
                foreach (var user in answer.Value)
                {
                    if (key(user) is { } k)
                    {
                        found.TryAdd(k, user);
                    }
                }
            }

            foreach (var value in steps[s])
            {
                results.Add(found is null
                    ? EntraActionResult.Failure<EntraUser>(answer.Error!)
                    : found.TryGetValue(value, out var user)
                        ? EntraActionResult.Success(user)
                        : EntraActionResult.Failure<EntraUser>(new EntraActionError(EntraErrorKind.NotFound, $"User '{value}' was not found.")));
            }
        }

        return results;
    }

    public Task<EntraActionResult<IReadOnlyList<EntraUser>>> GetUsersByObjectIdsAsync(IReadOnlyList<string> objectIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objectIds);
        if (!TryValidateUserObjectIds(objectIds, IEntraBulkDirectory.MaxIdsPerGetByIds, out var ids, out var invalid))
        {
            return Task.FromResult(EntraActionResult.Failure<IReadOnlyList<EntraUser>>(invalid));
        }

        return CallAsync(
            async client =>
            {
                // graph-contract.md §1.6: up to 1,000 ids; ids that do not exist (or are not users) are left out of the answer.
                var response = await client.DirectoryObjects.GetByIds.PostAsGetByIdsPostResponseAsync(
                    new GetByIdsPostRequestBody { Ids = ids, Types = ["user"] }, cancellationToken: cancellationToken).ConfigureAwait(false);
                var users = new List<EntraUser>();
                foreach (var item in response?.Value ?? [])
                {
                    if (item is User { Id: not null } user)
                    {
                        users.Add(await ToEntraUserAsync(user, [], cancellationToken).ConfigureAwait(false));
                    }
                }

                return EntraActionResult.Success<IReadOnlyList<EntraUser>>(users);
            },
            recover: null,
            cancellationToken);
    }

    /// <summary>
    /// Sends one <c>$batch</c> with a step per element and maps each step's own status. A failed envelope (after the pipeline's
    /// retries) fails every item with that error; throttled steps are not retried here (the caller decides, with their Retry-After).
    /// </summary>
    private async Task<IReadOnlyList<EntraActionResult<T>>> BatchAsync<TStep, T>(
        List<TStep> ids,
        Func<GraphServiceClient, TStep, Microsoft.Kiota.Abstractions.RequestInformation> step,
        Func<int, HttpResponseMessage, EntraActionError?, Task<EntraActionResult<T>>> map,
        CancellationToken cancellationToken)
    {
        var envelope = await CallAsync(
            async client =>
            {
                // At most 20 steps, so the collection posts exactly one $batch.
                var batch = new BatchRequestContentCollection(client, IEntraBulkDirectory.MaxBatchSteps);
                for (var i = 0; i < ids.Count; i++)
                {
                    await batch.AddBatchRequestStepAsync(step(client, ids[i]), i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
                }

                var response = await client.Batch.PostAsync(batch, cancellationToken).ConfigureAwait(false);
                var results = new EntraActionResult<T>[ids.Count];
                for (var i = 0; i < ids.Count; i++)
                {
                    using var stepResponse = await response.GetResponseByIdAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
                    if (stepResponse is null)
                    {
                        results[i] = EntraActionResult.Failure<T>(new EntraActionError(EntraErrorKind.ServiceError, $"Graph's $batch answer has no response for step {i}."));
                        continue;
                    }

                    if (stepResponse.Headers.TryGetValues("x-ms-throttle-limit-percentage", out var usageValues)
                        && double.TryParse(usageValues.FirstOrDefault(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var usage))
                    {
                        _pacer.ObserveUsage(usage);
                    }

                    var status = (int)stepResponse.StatusCode;
                    var error = stepResponse.IsSuccessStatusCode ? null : await StepErrorAsync(stepResponse, cancellationToken).ConfigureAwait(false);
                    results[i] = await map(status, stepResponse, error).ConfigureAwait(false);
                }

                return EntraActionResult.Success<IReadOnlyList<EntraActionResult<T>>>(results);
            },
            recover: null,
            cancellationToken).ConfigureAwait(false);
        return envelope.Succeeded ? envelope.Value : Repeat(EntraActionResult.Failure<T>(envelope.Error), ids.Count);
    }

    private async Task<EntraActionError> StepErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? code = null;
        string? message = null;
        string? requestId = null;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                {
                    code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                    message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                    requestId = error.TryGetProperty("innerError", out var inner) && inner.ValueKind == JsonValueKind.Object
                        && inner.TryGetProperty("request-id", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                }
            }
            catch (JsonException)
            {
                message = "The step's error body could not be read.";
            }
        }

        requestId ??= response.Headers.TryGetValues("request-id", out var ids) ? ids.FirstOrDefault() : null;
        return GraphErrorMapper.FromStatus((int)response.StatusCode, code, message, requestId, Http.RetryAfter.Read(response.Headers, _time.GetUtcNow()));
    }

    private static bool TryValidateMany(
        string groupId,
        IReadOnlyList<string> memberIds,
        int max,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? group,
        out List<string> members,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out EntraActionError? invalid)
    {
        members = [];
        return EntraIdValidator.TryValidateObjectId(groupId, EntraIdValidator.GroupIdInput, out group, out invalid)
            && TryValidateObjectIds(memberIds, max, EntraIdValidator.MemberIdInput, out members, out invalid);
    }

    /// <summary>Validates 1 to <paramref name="max"/> users' object ids (GUIDs), normalized and distinct.</summary>
    private static bool TryValidateUserObjectIds(
        IReadOnlyList<string> objectIds,
        int max,
        out List<string> ids,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out EntraActionError? invalid) =>
        TryValidateObjectIds(objectIds, max, EntraIdValidator.UserIdInput, out ids, out invalid);

    /// <summary>Validates 1 to <paramref name="max"/> object ids (GUIDs), normalized; the same object twice is refused, as Graph refuses it.</summary>
    private static bool TryValidateObjectIds(
        IReadOnlyList<string> values,
        int max,
        string inputName,
        out List<string> ids,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out EntraActionError? invalid)
    {
        ids = new List<string>(values.Count);
        if (values.Count == 0 || values.Count > max)
        {
            invalid = TooMany(values.Count, max);
            return false;
        }

        foreach (var value in values)
        {
            if (!EntraIdValidator.TryValidateObjectId(value, inputName, out var id, out invalid))
            {
                return false;
            }

            ids.Add(id);
        }

        if (ids.Distinct(StringComparer.OrdinalIgnoreCase).Count() != ids.Count)
        {
            invalid = new EntraActionError(EntraErrorKind.InvalidInput, "The same id appears twice in one request; Graph refuses that (graph-contract.md §3.2).");
            return false;
        }

        invalid = null;
        return true;
    }

    private static EntraActionError TooMany(int count, int max) =>
        new(EntraErrorKind.InvalidInput, $"{count} ids were given; one request takes 1 to {max}.");

    private static EntraActionResult<T>[] Repeat<T>(EntraActionResult<T> result, int count) =>
        Enumerable.Repeat(result, count).ToArray();
}
