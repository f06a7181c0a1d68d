using System.Text.Json;
using Entra.Actions.Directory.Internal;
using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Graph.Internal;

/// <summary>
/// Reads many users at once: a <c>$batch</c> of GETs by id or name, a <c>$batch</c> of <c>$filter ... in (...)</c> reads,
/// and <c>POST /directoryObjects/getByIds</c>.
/// </summary>
internal sealed class GraphUserBatchReader
{
    private static readonly string DefaultSelect = "$select=" + GraphModels.DefaultUserSelect;
    private readonly GraphCaller _caller;
    private readonly GraphBatchClient _batch;
    private readonly Uri _getByIdsUri;

    public GraphUserBatchReader(GraphCaller caller, GraphBatchClient batch)
    {
        _caller = caller;
        _batch = batch;
        _getByIdsUri = caller.Transport.Url("/directoryObjects/getByIds");
    }

    public Task<IReadOnlyList<EntraActionResult<EntraUser>>> FindUsersByObjectIdsAsync(IReadOnlyList<ObjectId> ids, IReadOnlyCollection<string> extra, CancellationToken cancellationToken)
    {
        GraphIds.CheckCount(ids, GraphLimits.MaxIdsPerFilterBatch);
        var values = new string[ids.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ids[i].Value;
        }

        return FilterUsersAsync("id", values, extra, cancellationToken);
    }

    public Task<IReadOnlyList<EntraActionResult<EntraUser>>> FindUsersByUserPrincipalNamesAsync(IReadOnlyList<ValidatedId> names, IReadOnlyCollection<string> extra, CancellationToken cancellationToken)
    {
        GraphIds.CheckCount(names, GraphLimits.MaxIdsPerFilterBatch);
        var values = new string[names.Count];
        for (var i = 0; i < values.Length; i++)
        {
            // The step URL travels as is: only names in the filter alphabet may reach the literal.
            var name = names[i];
            values[i] = !name.IsObjectId && EntraIdValidator.IsFilterSafeUserPrincipalName(name.Value)
                ? name.Value
                : throw new ArgumentException("Only userPrincipalNames in the filter alphabet can travel in a $filter step URL.", nameof(names));
        }

        return FilterUsersAsync("userPrincipalName", values, extra, cancellationToken);
    }

    public Task<EntraActionResult<IReadOnlyList<EntraUser>>> GetUsersByObjectIdsAsync(IReadOnlyList<ObjectId> ids, IReadOnlyCollection<string> extra, CancellationToken cancellationToken)
    {
        GraphIds.CheckCount(ids, GraphLimits.MaxIdsPerGetByIds);

        // Up to 1,000 ids; ids that do not exist (or are not users) are left out of the answer. Extra properties need a $select
        // naming the defaults too, since a $select replaces the default set.
        return _caller.SendAsync(
            HttpMethod.Post,
            extra.Count == 0 ? _getByIdsUri : _caller.Transport.Url("/directoryObjects/getByIds" + GraphModels.SelectQuery(GraphModels.DefaultUserSelect, extra)),
            GraphBodies.GetUsersByIds(ids),
            GraphJsonContext.Default.UserPageWire,
            page =>
            {
                var users = new List<EntraUser>(page?.Value?.Count ?? 0);
                foreach (var item in page?.Value ?? [])
                {
                    if (item.Id is not null && string.Equals(item.ODataType, "#microsoft.graph.user", StringComparison.OrdinalIgnoreCase))
                    {
                        users.Add(GraphModels.ToUser(item, extra));
                    }
                }

                return EntraActionResult.Success<IReadOnlyList<EntraUser>>(users);
            },
            cancellationToken);
    }

    /// <summary>
    /// One <c>$batch</c> of <c>GET /users?$filter={property} in (...)</c> steps for validated values, 15 per step: Graph counts
    /// each value of an 'in' list as a child clause and allows 15, so 20 steps read 300 users for 20 RU instead of 300.
    /// Values match case-insensitively, as Graph compares them.
    /// </summary>
    private async Task<IReadOnlyList<EntraActionResult<EntraUser>>> FilterUsersAsync(string property, string[] values, IReadOnlyCollection<string> extra, CancellationToken cancellationToken)
    {
        var steps = values.Chunk(GraphLimits.MaxIdsPerFilter).ToList();
        var prefix = "/users?$filter=" + property + " in (";
        var select = extra.Count == 0 ? DefaultSelect : DefaultSelect + "," + string.Join(',', extra);
        var answers = await _batch.SendAsync(
            steps,
            "GET",
            chunk => FilterUrl(prefix, chunk, select),
            (Action<Utf8JsonWriter, string[]>?)null,
            answer =>
            {
                if (answer.Error is not null)
                {
                    return EntraActionResult.Failure<List<EntraUser>>(answer.Error);
                }

                var page = Read(answer.Body, GraphJsonContext.Default.UserPageWire);
                if (page?.Value is null)
                {
                    return GraphCaller.Malformed<List<EntraUser>>("user collection");
                }

                var users = new List<EntraUser>(page.Value.Count);
                foreach (var user in page.Value)
                {
                    if (user.Id is not null)
                    {
                        users.Add(GraphModels.ToUser(user, extra));
                    }
                }

                return EntraActionResult.Success(users);
            },
            cancellationToken).ConfigureAwait(false);

        var byId = property == "id";
        var results = new List<EntraActionResult<EntraUser>>(values.Length);
        for (var s = 0; s < steps.Count; s++)
        {
            var answer = answers[s];
            Dictionary<string, EntraUser>? found = null;
            if (answer.Succeeded)
            {
                // TryAdd: a malformed answer listing a user twice must not throw out of the bulk call.
                found = new Dictionary<string, EntraUser>(answer.Value.Count, StringComparer.OrdinalIgnoreCase);
                foreach (var user in answer.Value)
                {
                    if ((byId ? user.Id : user.UserPrincipalName) is { } key)
                    {
                        found.TryAdd(key, user);
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

    private static string FilterUrl(string prefix, string[] chunk, string select)
    {
        // OData string literals double a single quote.
        var url = new System.Text.StringBuilder(prefix, prefix.Length + (chunk.Length * 40) + select.Length + 2);
        for (var i = 0; i < chunk.Length; i++)
        {
            url.Append(i == 0 ? "'" : ",'").Append(chunk[i].Replace("'", "''", StringComparison.Ordinal)).Append('\'');
        }

        return url.Append(")&").Append(select).ToString();
    }

    private static TWire? Read<TWire>(JsonElement body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TWire> wire) =>
        body.ValueKind == JsonValueKind.Object ? body.Deserialize(wire) : default;
}
