using System.Text.Json;
using Entra.Actions.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.IntegrationTests.Bulk;

/// <summary>Seeding, the bulk actions of a connection, and readings of the journal that bulk tests share.</summary>
public abstract class BulkEmulatorTestBase : EmulatorTestBase
{
    protected const string Group = DemoTenant.ProjectFalconGroupId;

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

    /// <summary>Asserts no id was bound by more than one successful PATCH, and returns the ids bound.</summary>
    protected List<string> ShouldHaveBoundEachIdAtMostOnce(int skip = 0)
    {
        var bound = Requests(skip).Where(e => e.Method == "PATCH" && e.StatusCode is >= 200 and < 300).SelectMany(BoundIds).ToList();
        bound.Should().OnlyHaveUniqueItems("an id must never be written twice");
        return bound;
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
