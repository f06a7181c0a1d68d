namespace Entra.Actions.Directory.Internal;

/// <summary>Graph's limits on what one request may carry: the engine sizes its work by them, the Graph directory enforces them.</summary>
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

    /// <summary>Graph refuses a <c>startswith</c> value longer than 120 characters (400 <c>Request_UnsupportedQuery</c>).</summary>
    public const int MaxStartsWithLength = 120;

    /// <summary>
    /// The longest start of <paramref name="prefix"/> Graph takes as a <c>startswith</c> value: all of it, or its first
    /// <see cref="MaxStartsWithLength"/> characters without splitting a surrogate pair.
    /// </summary>
    /// <param name="prefix">The validated prefix.</param>
    /// <returns>The value to send.</returns>
    public static string StartsWithValue(string prefix)
    {
        if (prefix.Length <= MaxStartsWithLength)
        {
            return prefix;
        }

        var length = char.IsHighSurrogate(prefix[MaxStartsWithLength - 1]) ? MaxStartsWithLength - 1 : MaxStartsWithLength;
        return prefix[..length];
    }
}
