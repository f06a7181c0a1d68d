using Entra.Actions.Emulator;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace Entra.Actions.Benchmarks.Scenarios;

/// <summary>The naive approach every peer takes: one <see cref="GraphServiceClient"/> call per item, <see cref="Concurrency"/> at a time.</summary>
internal static class Naive
{
    public const int Concurrency = 4;

    public static Task<string[]> AddAsync(GraphServiceClient graph, string groupId, IReadOnlyList<string> ids) =>
        ForEachAsync(ids, async id =>
        {
            try
            {
                await graph.Groups[groupId].Members.Ref.PostAsync(new ReferenceCreate { OdataId = $"{GraphEmulator.InProcessBaseUrl}/directoryObjects/{id}" });
                return Outcomes.Added;
            }
            catch (ODataError e) when (e.ResponseStatusCode == 400 && e.Error?.Message?.Contains("already exist", StringComparison.OrdinalIgnoreCase) == true)
            {
                return Outcomes.AlreadyMember;
            }
            catch (ODataError e)
            {
                return Outcomes.Failed(e.ResponseStatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        });

    public static Task<string[]> RemoveAsync(GraphServiceClient graph, string groupId, IReadOnlyList<string> ids) =>
        ForEachAsync(ids, async id =>
        {
            try
            {
                await graph.Groups[groupId].Members[id].Ref.DeleteAsync();
                return Outcomes.Removed;
            }
            catch (ODataError e) when (e.ResponseStatusCode == 404)
            {
                return Outcomes.NotAMember;
            }
            catch (ODataError e)
            {
                return Outcomes.Failed(e.ResponseStatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        });

    public static Task<string[]> LookupAsync(GraphServiceClient graph, IReadOnlyList<string> ids) =>
        ForEachAsync(ids, async id =>
        {
            try
            {
                var user = await graph.Users[id].GetAsync();
                return Outcomes.Found(user?.Id);
            }
            catch (ODataError e)
            {
                return Outcomes.Failed(e.ResponseStatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        });

    private static async Task<string[]> ForEachAsync(IReadOnlyList<string> ids, Func<string, Task<string>> call)
    {
        var results = new string[ids.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, ids.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency },
            async (i, _) => results[i] = await call(ids[i]));
        return results;
    }
}

/// <summary>Item outcomes as comparable strings, for the library's results and the naive ones alike.</summary>
internal static class Outcomes
{
    public const string Added = "Added";
    public const string AlreadyMember = "AlreadyMember";
    public const string Removed = "Removed";
    public const string NotAMember = "NotAMember";

    public static string Found(string? id) => "Found:" + id?.ToLowerInvariant();

    public static string Failed(string why) => "Failed:" + why;

    public static string Of(BulkItem<MembershipChange> item) =>
        item.Result.Succeeded ? item.Result.Value!.Outcome.ToString() : Failed(item.Result.Error!.Kind.ToString());

    public static string Of(BulkItem<EntraUser> item) =>
        item.Result.Succeeded ? Found(item.Result.Value!.Id) : Failed(item.Result.Error!.Kind.ToString());
}
