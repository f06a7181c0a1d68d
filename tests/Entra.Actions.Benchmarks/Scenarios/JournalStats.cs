using System.Text.RegularExpressions;
using Entra.Actions.Emulator;

namespace Entra.Actions.Benchmarks.Scenarios;

/// <summary>What the emulator's journal says about one run.</summary>
internal sealed partial record JournalStats
{
    /// <summary>HTTP requests on the wire: journal entries that are not <c>$batch</c> steps.</summary>
    public required int HttpRequests { get; init; }

    /// <summary>Graph operations: top-level requests other than the <c>$batch</c> envelope, plus every <c>$batch</c> step.</summary>
    public required int Operations { get; init; }

    /// <summary>Write operations that reached the write bucket (not answered 429); a <c>$batch</c> step counts alone, a PATCH bind of 20 counts once.</summary>
    public required int WritesConsumed { get; init; }

    /// <summary>Write operations answered 429 (sent, refused, not charged).</summary>
    public required int WritesThrottled { get; init; }

    /// <summary>Entries answered 429, steps included.</summary>
    public required int Throttled { get; init; }

    /// <summary>Per member id, how many write operations naming it were applied (2xx).</summary>
    public required IReadOnlyDictionary<string, int> AppliedWritesPerMember { get; init; }

    /// <summary>HTTP requests per method and route shape, for the observations.</summary>
    public required IReadOnlyDictionary<string, int> RequestsByRoute { get; init; }

    public double ThrottledShare => Operations == 0 ? 0 : (double)Throttled / Operations;

    public static JournalStats From(IReadOnlyList<JournalEntry> entries)
    {
        var applied = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var byRoute = new Dictionary<string, int>(StringComparer.Ordinal);
        int http = 0, operations = 0, writes = 0, writes429 = 0, throttled = 0;
        foreach (var e in entries)
        {
            var isEnvelope = e.BatchStepId is null && e.RawPath.EndsWith("/$batch", StringComparison.OrdinalIgnoreCase);
            if (e.BatchStepId is null)
            {
                http++;
                var shape = $"{e.Method} {Shape(e.RawPath)}";
                byRoute[shape] = byRoute.GetValueOrDefault(shape) + 1;
            }

            if (e.StatusCode == 429)
            {
                throttled++;
            }

            if (isEnvelope)
            {
                continue;
            }

            operations++;
            if (!IsWrite(e))
            {
                continue;
            }

            if (e.StatusCode == 429)
            {
                writes429++;
                continue;
            }

            writes++;
            if (e.StatusCode is >= 200 and < 300)
            {
                foreach (var id in MembersNamed(e))
                {
                    applied[id] = applied.GetValueOrDefault(id) + 1;
                }
            }
        }

        return new JournalStats
        {
            HttpRequests = http,
            Operations = operations,
            WritesConsumed = writes,
            WritesThrottled = writes429,
            Throttled = throttled,
            AppliedWritesPerMember = applied,
            RequestsByRoute = byRoute,
        };
    }

    /// <summary>Graph's write quota counts POST, PATCH, PUT and DELETE, except the read-only actions (getByIds, check*/get* functions).</summary>
    private static bool IsWrite(JournalEntry e) => e.Method switch
    {
        "PATCH" or "PUT" or "DELETE" => true,
        "POST" => !(e.RawPath.EndsWith("/getByIds", StringComparison.OrdinalIgnoreCase)
            || e.RawPath.Contains("/check", StringComparison.OrdinalIgnoreCase)
            || e.RawPath.Contains("/getMember", StringComparison.OrdinalIgnoreCase)),
        _ => false,
    };

    private static IEnumerable<string> MembersNamed(JournalEntry e)
    {
        if (e.Method == "DELETE")
        {
            var m = MemberInPath().Match(e.RawPath);
            return m.Success ? [m.Groups[1].Value.ToLowerInvariant()] : [];
        }

        return e.Body is null ? [] : BoundObject().Matches(e.Body).Select(m => m.Groups[1].Value.ToLowerInvariant());
    }

    private static string Shape(string rawPath) => GuidLike().Replace(rawPath, "{id}");

    [GeneratedRegex("/members/([0-9a-fA-F-]{36})/", RegexOptions.CultureInvariant)]
    private static partial Regex MemberInPath();

    [GeneratedRegex("directoryObjects/([0-9a-fA-F-]{36})", RegexOptions.CultureInvariant)]
    private static partial Regex BoundObject();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", RegexOptions.CultureInvariant)]
    private static partial Regex GuidLike();
}
