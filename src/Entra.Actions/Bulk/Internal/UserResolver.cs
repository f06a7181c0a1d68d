using Entra.Actions.Directory.Internal;
using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Bulk.Internal;

/// <summary>
/// Resolves users: object ids through <c>getByIds</c> (1,000 per request) when allowed, otherwise through <c>$batch</c>
/// steps of <c>$filter=id in (...)</c> (300 per request); userPrincipalNames through <c>$filter=userPrincipalName in (...)</c>
/// steps likewise when their characters are safe in a filter (every valid name without '#'), and alone otherwise (a guest's
/// '#EXT#' cannot travel in an unescaped <c>$batch</c> step URL). <paramref name="properties"/> are selected besides the
/// defaults (the write policy's <c>userType</c>).
/// </summary>
internal sealed class UserResolver(BulkServices services, BulkOptions options, IReadOnlyCollection<string>? properties = null)
{
    private static readonly Func<InputItem, ObjectId> ObjectIdOf = item => item.Id.ObjectId;
    private static readonly Func<InputItem, ValidatedId> IdOf = item => item.Id;

    /// <summary>
    /// Reads the users of <paramref name="items"/>; returns them by input position (<see langword="null"/> for items not read).
    /// <paramref name="onResolved"/> hears each user as soon as its round trip answers.
    /// </summary>
    public async Task<EntraActionResult<EntraUser>?[]> ResolveAsync(
        int inputCount, List<InputItem> items, Action<int, EntraActionResult<EntraUser>>? onResolved, CancellationToken cancellationToken)
    {
        var results = new EntraActionResult<EntraUser>?[inputCount];
        List<InputItem> byIds = [], filteredIds = [], filteredUpns = [], single = [];
        foreach (var item in items)
        {
            var path = item.Id.IsObjectId ? (options.UseGetByIds ? byIds : filteredIds)
                : EntraIdValidator.IsFilterSafeUserPrincipalName(item.Id.Value) ? filteredUpns
                : single;
            path.Add(item);
        }

        var bulk = services.Bulk;
        var extra = properties ?? [];
        await Chunks.ForEachAsync(byIds, GraphLimits.MaxIdsPerGetByIds, options.MaxConcurrency, async (chunk, token) =>
        {
            await services.Throttle.WaitAsync(token).ConfigureAwait(false);
            var ids = new ObjectId[chunk.Count];
            for (var i = 0; i < ids.Length; i++)
            {
                ids[i] = chunk[i].Id.ObjectId;
            }

            var found = await bulk.GetUsersByObjectIdsAsync(ids, extra, token).ConfigureAwait(false);
            Dictionary<string, EntraUser>? users = null;
            if (found.Succeeded)
            {
                // TryAdd: a malformed answer listing an id twice must not throw out of the bulk call.
                users = new Dictionary<string, EntraUser>(found.Value.Count, StringComparer.OrdinalIgnoreCase);
                foreach (var user in found.Value)
                {
                    users.TryAdd(user.Id, user);
                }
            }

            var failure = users is null ? EntraActionResult.Failure<EntraUser>(found.Error!) : null;
            foreach (var item in chunk)
            {
                Store(item, failure ?? (users!.TryGetValue(item.Id.Value, out var user)
                    ? EntraActionResult.Success(user)
                    : EntraActionResult.Failure<EntraUser>(new EntraActionError(EntraErrorKind.NotFound, $"User '{item.Id.Value}' was not found."))));
            }
        }, cancellationToken).ConfigureAwait(false);

        await ReadInBatchesAsync(filteredIds, GraphLimits.MaxIdsPerFilterBatch, ObjectIdOf, (ids, token) => bulk.FindUsersByObjectIdsAsync(ids, extra, token)).ConfigureAwait(false);
        await ReadInBatchesAsync(filteredUpns, GraphLimits.MaxIdsPerFilterBatch, IdOf, (names, token) => bulk.FindUsersByUserPrincipalNamesAsync(names, extra, token)).ConfigureAwait(false);
        await Chunks.ForEachAsync(single, 1, options.MaxConcurrency, async (chunk, token) =>
        {
            await services.Throttle.WaitAsync(token).ConfigureAwait(false);
            Store(chunk[0], await services.Directory.GetUserAsync(chunk[0].Id.Value, extra, token).ConfigureAwait(false));
        }, cancellationToken).ConfigureAwait(false);

        return results;

        // One $batch read per chunk, its throttled steps resent alone; each id is stored as soon as its step answers.
        Task ReadInBatchesAsync<TId>(List<InputItem> part, int size, Func<InputItem, TId> id, Func<IReadOnlyList<TId>, CancellationToken, Task<IReadOnlyList<EntraActionResult<EntraUser>>>> read) =>
            Chunks.ForEachAsync(part, size, options.MaxConcurrency, (chunk, token) =>
                new StepRetries(services, options.MaxStepRetries).RunAsync(new BatchSteps<InputItem, TId, EntraUser>(chunk, id, read, Store, writes: false), token), cancellationToken);

        // Each position is written by one worker only; the caller reads them after every worker finished.
        void Store(InputItem item, EntraActionResult<EntraUser> user)
        {
            results[item.Index] = user;
            onResolved?.Invoke(item.Index, user);
        }
    }
}
