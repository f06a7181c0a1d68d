using Entra.Actions.Directory.Internal;
using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Graph.Internal;

/// <summary>Reads a group's direct member ids, 999 per page, following Graph's next links only on the Graph host.</summary>
internal sealed class GraphMemberPager
{
    private const int MembersPageSize = 999;
    private readonly GraphCaller _caller;

    public GraphMemberPager(GraphCaller caller)
    {
        _caller = caller;
    }

    public async Task<EntraActionResult<GroupMemberIds>> GetGroupMemberIdsAsync(ObjectId group, int maxPages, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPages, 1);
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var uri = _caller.Transport.Url("/groups/" + group.Value + "/members?$select=id&$top=" + MembersPageSize);
        for (var pages = 1; ; pages++)
        {
            var page = await _caller.SendAsync(
                HttpMethod.Get,
                uri,
                content: null,
                GraphJsonContext.Default.IdPageWire,
                page => EntraActionResult.Success(Collect(page, ids)),
                cancellationToken).ConfigureAwait(false);
            if (!page.Succeeded)
            {
                return EntraActionResult.Failure<GroupMemberIds>(page.Error);
            }

            if (page.Value is not { Length: > 0 } next || pages >= maxPages)
            {
                return EntraActionResult.Success(new GroupMemberIds(ids, IsComplete: page.Value is not { Length: > 0 }));
            }

            // A next link is followed only on the configured Graph host; the transport and host guard enforce that too.
            if (!GraphNextLink.TryFollow(next, _caller.Transport, out var nextUri, out var foreign))
            {
                return EntraActionResult.Failure<GroupMemberIds>(foreign);
            }

            uri = nextUri;
        }
    }

    /// <summary>Adds the page's ids (lower-cased) to <paramref name="ids"/>; returns the next link, empty when none.</summary>
    private static string Collect(IdPageWire? page, HashSet<string> ids)
    {
        foreach (var member in page?.Value ?? [])
        {
            if (member.Id is { } id)
            {
                ids.Add(id.ToLowerInvariant());
            }
        }

        return page?.NextLink ?? string.Empty;
    }
}
