using System.Text.Json.Serialization.Metadata;
using Entra.Actions.Directory.Internal;

namespace Entra.Actions.Graph.Internal;

/// <summary>
/// Reads a Graph collection page by page up to a limit: items the caller's map keeps are collected, next links are followed
/// only on the Graph host, and reading stops as soon as one item past the limit shows the result is truncated.
/// </summary>
internal sealed class GraphPager
{
    /// <summary>Graph's largest page for directory collections (<c>$top</c>).</summary>
    public const int MaxPageSize = 999;

    private readonly GraphCaller _caller;

    public GraphPager(GraphCaller caller)
    {
        _caller = caller;
    }

    /// <summary>The <c>$top</c> for a read of <paramref name="limit"/> items: one more than the limit, so one page can show truncation.</summary>
    public static int PageSize(int limit) => Math.Min(limit + 1, MaxPageSize);

    /// <summary>Reads up to <paramref name="limit"/> kept items, starting at <paramref name="first"/>.</summary>
    /// <typeparam name="TItem">An item's wire shape.</typeparam>
    /// <typeparam name="TPage">A page's wire shape.</typeparam>
    /// <typeparam name="T">The collected item.</typeparam>
    /// <param name="first">The first page's URL (with its <c>$top</c>).</param>
    /// <param name="page">The page's serializer metadata.</param>
    /// <param name="map">Maps an item; <see langword="null"/> leaves it out (an item without id, or of a type the read does not want).</param>
    /// <param name="limit">The most items to return.</param>
    /// <param name="cancellationToken">Cancels the read between and during pages.</param>
    /// <returns>The items and whether more exist, or the first failure.</returns>
    public async Task<EntraActionResult<ListRead<T>>> ReadAsync<TItem, TPage, T>(
        Uri first,
        JsonTypeInfo<TPage> page,
        Func<TItem, T?> map,
        int limit,
        CancellationToken cancellationToken)
        where TPage : class, IPageWire<TItem>
        where T : class
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var items = new List<T>(Math.Min(limit, MaxPageSize));
        var uri = first;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = await _caller.SendAsync(
                HttpMethod.Get,
                uri,
                content: null,
                page,
                static answer => answer is null ? GraphCaller.Malformed<TPage>("collection") : EntraActionResult.Success(answer),
                cancellationToken).ConfigureAwait(false);
            if (!read.Succeeded)
            {
                return EntraActionResult.Failure<ListRead<T>>(read.Error);
            }

            foreach (var wire in read.Value.Value ?? [])
            {
                if (map(wire) is not { } item)
                {
                    continue;
                }

                if (items.Count == limit)
                {
                    return EntraActionResult.Success(new ListRead<T>(items, Truncated: true));
                }

                items.Add(item);
            }

            if (string.IsNullOrEmpty(read.Value.NextLink))
            {
                return EntraActionResult.Success(new ListRead<T>(items, Truncated: false));
            }

            if (!GraphNextLink.TryFollow(read.Value.NextLink, _caller.Transport, out var next, out var foreign))
            {
                return EntraActionResult.Failure<ListRead<T>>(foreign);
            }

            if (next == uri)
            {
                // A page that links to itself would be read forever by a caller without a cancellation token.
                return EntraActionResult.Failure<ListRead<T>>(new EntraActionError(EntraErrorKind.ServiceError, "Graph answered with a next link to the same page; it was not followed again."));
            }

            uri = next;
        }
    }
}
