namespace Entra.Actions.Directory.Internal;

/// <summary>Graph's limits on the requests that carry many ids at once: the engine sizes its work by them, the Graph directory enforces them.</summary>
internal static class GraphLimits
{
    /// <summary>Graph binds at most 20 members in one <c>PATCH /groups/{id}</c> with <c>members@odata.bind</c>.</summary>
    public const int MaxMembersPerWrite = 20;

    /// <summary>Graph takes at most 20 requests (steps) in one <c>$batch</c>.</summary>
    public const int MaxBatchSteps = 20;

    /// <summary>Graph takes at most 1,000 ids in one <c>POST /directoryObjects/getByIds</c>.</summary>
    public const int MaxIdsPerGetByIds = 1000;

    /// <summary>
    /// Graph counts each value of a <c>$filter=... in (...)</c> as a child clause and refuses more than 15 (400
    /// <c>Request_UnsupportedQuery</c> "Too many child clauses ... Max allowed: 15").
    /// </summary>
    public const int MaxIdsPerFilter = 15;

    /// <summary>One <c>$batch</c> of filter reads carries at most 300 values: <see cref="MaxBatchSteps"/> steps of <see cref="MaxIdsPerFilter"/>.</summary>
    public const int MaxIdsPerFilterBatch = MaxBatchSteps * MaxIdsPerFilter;
}
