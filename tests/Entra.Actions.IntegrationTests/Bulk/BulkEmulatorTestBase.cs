using System.Text.Json;
using Entra.Actions.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.IntegrationTests.Bulk;

/// <summary>Seeding, the bulk actions of a connection, and readings of the journal that bulk tests share.</summary>
public abstract class BulkEmulatorTestBase : EmulatorTestBase
{
    protected const string Group = DemoTenant.ProjectFalconGroupId;

    /// <summary>The <c>$select</c> every user read asks for.</summary>
    protected const string UserSelect = "$select=id,displayName,givenName,surname,mail,userPrincipalName,jobTitle";

    protected static readonly string[] WithDirectoryRead = [.. Permissions.Connection, "Directory.Read.All"];

    protected static Guid GroupGuid => Guid.Parse(Group);

    protected static int Chunks(int items, int size = 20) => (items + size - 1) / size;

    /// <summary>The bulk actions of a new connection (so its group-kind cache is empty).</summary>
    protected IEntraBulkActions Bulk(IEnumerable<string>? permissions = null, Action<EntraActionsOptions>? configure = null) =>
        Harness.BuildProvider(permissions ?? Permissions.Connection, configure).GetRequiredService<IEntraBulkActions>();

    protected List<string> SeedUsers(int count, string prefix = "bulk")
    {
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid();
            Emulator.Directory.AddUser(new EmulatedUser { Id = id, DisplayName = $"Bulk User {i}", UserPrincipalName = $"{prefix}{i}-{id:N}@contoso.com" });
            ids.Add(id.ToString());
        }

        return ids;
    }

    protected void AddMembers(IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            Emulator.Directory.AddMember(GroupGuid, Guid.Parse(id));
        }
    }

    protected HashSet<string> Members() => [.. Emulator.Directory.GetMemberIds(GroupGuid).Select(g => g.ToString())];

    /// <summary>Top-level requests (not <c>$batch</c> steps) after <paramref name="skip"/> entries.</summary>
    protected List<JournalEntry> Requests(int skip = 0) => [.. Emulator.Journal.Entries.Skip(skip).Where(e => e.BatchStepId is null)];

    /// <summary><c>$batch</c> steps after <paramref name="skip"/> entries.</summary>
    protected List<JournalEntry> Steps(int skip = 0) => [.. Emulator.Journal.Entries.Skip(skip).Where(e => e.BatchStepId is not null)];

    /// <summary>The member ids a PATCH <c>members@odata.bind</c> body carried.</summary>
    protected static List<string> BoundIds(JournalEntry patch)
    {
        using var body = JsonDocument.Parse(patch.Body!);
        return [.. body.RootElement.GetProperty("members@odata.bind").EnumerateArray().Select(link => link.GetString()!.Split('/')[^1].ToLowerInvariant())];
    }

    /// <summary>The bind writes after <paramref name="skip"/> entries: lone <c>PATCH</c> requests and <c>PATCH</c> steps of a <c>$batch</c>.</summary>
    protected List<JournalEntry> Binds(int skip = 0) => [.. Emulator.Journal.Entries.Skip(skip).Where(e => e.Method == "PATCH")];

    /// <summary>Asserts no id was bound by more than one successful write (lone or <c>$batch</c> step), and returns the ids bound.</summary>
    protected List<string> ShouldHaveBoundEachIdAtMostOnce(int skip = 0)
    {
        var bound = Binds(skip).Where(e => e.StatusCode is >= 200 and < 300).SelectMany(BoundIds).ToList();
        bound.Should().OnlyHaveUniqueItems("an id must never be written twice");
        return bound;
    }

    /// <summary>The top-level <c>$batch</c> requests after <paramref name="skip"/> entries whose steps all use <paramref name="stepMethod"/>.</summary>
    protected List<JournalEntry> Batches(string stepMethod, int skip = 0) =>
        [.. Requests(skip).Where(r => r.Method == "POST" && r.RawPath == "/v1.0/$batch" && BatchStepMethods(r).All(m => m == stepMethod))];

    /// <summary>The method of each step a <c>$batch</c> envelope carried, read from its body.</summary>
    protected static List<string> BatchStepMethods(JournalEntry envelope)
    {
        using var body = JsonDocument.Parse(envelope.Body!);
        return [.. body.RootElement.GetProperty("requests").EnumerateArray().Select(step => step.GetProperty("method").GetString()!.ToUpperInvariant())];
    }

    /// <summary>The <c>GET /users?$filter=id in (...)</c> steps after <paramref name="skip"/> entries.</summary>
    protected List<JournalEntry> FilterReads(int skip = 0) =>
        [.. Steps(skip).Where(s => s.Method == "GET" && s.RawPath == "/v1.0/users" && Uri.UnescapeDataString(s.Query).Contains("$filter=id in (", StringComparison.Ordinal))];

    /// <summary>The <c>GET /users?$filter=userPrincipalName in (...)</c> steps after <paramref name="skip"/> entries.</summary>
    protected List<JournalEntry> UpnFilterReads(int skip = 0) =>
        [.. Steps(skip).Where(s => s.Method == "GET" && s.RawPath == "/v1.0/users" && Uri.UnescapeDataString(s.Query).Contains("$filter=userPrincipalName in (", StringComparison.Ordinal))];

    /// <summary>The userPrincipalNames a <c>$filter=userPrincipalName in ('...','...')</c> step asked for (OData quotes undoubled).</summary>
    protected static List<string> FilteredUpns(JournalEntry step)
    {
        var query = Uri.UnescapeDataString(step.Query);
        var open = query.IndexOf("in ('", StringComparison.Ordinal) + "in ('".Length;
        var close = query.IndexOf("')", open, StringComparison.Ordinal);
        return [.. query[open..close].Split("','").Select(literal => literal.Replace("''", "'", StringComparison.Ordinal))];
    }

    /// <summary>The object ids a <c>$filter=id in ('...','...')</c> step asked for.</summary>
    protected static List<string> FilteredIds(JournalEntry step) =>
        [.. Uri.UnescapeDataString(step.Query).Split('\'').Where(token => Guid.TryParse(token, out _)).Select(id => id.ToLowerInvariant())];

    /// <summary>
    /// Asserts the shape of every filter read after <paramref name="skip"/>: <c>GET /users</c> with the user <c>$select</c>, at most
    /// 15 ids, answered 200; and returns the ids asked for, in journal order.
    /// </summary>
    protected List<string> ShouldHaveReadByFilter(int skip = 0)
    {
        var reads = FilterReads(skip);
        reads.Should().OnlyContain(s => s.StatusCode == 200);
        reads.Should().OnlyContain(s => Uri.UnescapeDataString(s.Query).Contains(UserSelect, StringComparison.Ordinal));
        reads.Select(s => FilteredIds(s).Count).Should().OnlyContain(n => n >= 1 && n <= 15, "Graph allows 15 clauses per filter");
        return [.. reads.SelectMany(FilteredIds)];
    }

    /// <summary>
    /// A top-level request in one line, for exact sequences: <c>"$batch 20 GET"</c> (step count and step method), or method,
    /// path (the test group as <c>{group}</c>) and status, for example <c>"PATCH /groups/{group} 400"</c>.
    /// </summary>
    protected static string Describe(JournalEntry request)
    {
        if (request is { Method: "POST", RawPath: "/v1.0/$batch" })
        {
            var methods = BatchStepMethods(request);
            return $"$batch {methods.Count} {string.Join('+', methods.Distinct())}";
        }

        return $"{request.Method} {request.RawPath["/v1.0".Length..].Replace(Group, "{group}", StringComparison.OrdinalIgnoreCase)} {request.StatusCode}";
    }

    /// <summary>The member id of a <c>DELETE /groups/{g}/members/{id}/$ref</c> step.</summary>
    protected static string DeletedId(JournalEntry step) => step.RawPath.Split('/')[^2].ToLowerInvariant();
}

/// <summary>An <see cref="IProgress{T}"/> that records every report synchronously on the reporting thread.</summary>
internal sealed class RecordingProgress(Action<BulkProgress>? onReport = null) : IProgress<BulkProgress>
{
    private readonly Lock _gate = new();
    private readonly List<BulkProgress> _reports = [];

    public IReadOnlyList<BulkProgress> Reports
    {
        get { lock (_gate) { return [.. _reports]; } }
    }

    public void Report(BulkProgress value)
    {
        lock (_gate)
        {
            _reports.Add(value);
        }

        onReport?.Invoke(value);
    }
}
