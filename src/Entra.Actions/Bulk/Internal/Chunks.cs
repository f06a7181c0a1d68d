namespace Entra.Actions.Bulk.Internal;

/// <summary>Runs work over consecutive chunks of a list, up to <see cref="BulkOptions.MaxConcurrency"/> chunks at a time.</summary>
internal static class Chunks
{
    /// <summary>How many chunks of <paramref name="size"/> hold <paramref name="items"/> items.</summary>
    public static int Count(int items, int size) => (items + size - 1) / size;

    /// <summary>Runs <paramref name="work"/> for each chunk of <paramref name="size"/> items, in order when one at a time.</summary>
    public static async Task ForEachAsync<TItem>(List<TItem> items, int size, int maxConcurrency, Func<ArraySegment<TItem>, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return;
        }

        var all = items.ToArray();
        var chunks = new ArraySegment<TItem>[Count(all.Length, size)];
        for (var c = 0; c < chunks.Length; c++)
        {
            chunks[c] = new ArraySegment<TItem>(all, c * size, Math.Min(size, all.Length - (c * size)));
        }

        if (chunks.Length == 1 || maxConcurrency == 1)
        {
            foreach (var chunk in chunks)
            {
                // As Parallel.ForEachAsync does between items: a seam or handler that ignores the token must not let a
                // cancelled call go on writing.
                cancellationToken.ThrowIfCancellationRequested();
                await work(chunk, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        await Parallel.ForEachAsync(
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = maxConcurrency, CancellationToken = cancellationToken },
            async (chunk, token) => await work(chunk, token).ConfigureAwait(false)).ConfigureAwait(false);
    }
}
