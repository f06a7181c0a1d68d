namespace Entra.Actions.Emulator;

/// <summary>Reads a collection's <c>$search</c>: Graph serves it only with <c>ConsistencyLevel: eventual</c>, otherwise answers 400.</summary>
internal static class CollectionSearch
{
    /// <summary>Graph's message for <c>$search</c> without the advanced-query header.</summary>
    public const string NeedsEventualConsistency =
        "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'";

    /// <summary>Parses <c>$search</c> if present; <paramref name="search"/> is <c>null</c> when absent. On failure <paramref name="error"/> is the 400.</summary>
    public static bool TryRead(RequestContext ctx, SearchSchema schema, out DirectorySearch? search, out EmulatorResponse? error)
    {
        search = null;
        error = null;
        if (ctx.Query.Get("search") is not { } text)
        {
            return true;
        }

        if (!ctx.HasEventualConsistency)
        {
            error = GraphErrors.Error(ctx, 400, GraphErrors.UnsupportedQueryCode, NeedsEventualConsistency);
            return false;
        }

        if (!DirectorySearch.TryParse(text, schema, out search, out var problem))
        {
            error = GraphErrors.Error(ctx, 400, GraphErrors.UnsupportedQueryCode, problem!);
            return false;
        }

        return true;
    }
}
