using Entra.Actions.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.IntegrationTests.Bulk;

public abstract class BulkSmokeTests : EmulatorTestBase
{
    private static readonly string[] WithDirectoryRead = [.. Permissions.Connection, "Directory.Read.All"];

    [Theory]
    [InlineData(19)]
    [InlineData(20)]
    [InlineData(21)]
    [InlineData(1000)]
    public async Task AddUsersToGroupAsync_NewUsers_AddsAllWithChunkedWrites(int count)
    {
        var ids = SeedUsers(count);
        var bulk = Harness.BuildProvider(WithDirectoryRead).GetRequiredService<IEntraBulkActions>();
        var before = Emulator.Journal.Entries.Count;

        var result = await bulk.AddUsersToGroupAsync(DemoTenant.ProjectFalconGroupId, ids, new BulkOptions { UseGetByIds = true });

        result.AllSucceeded.Should().BeTrue(string.Join("; ", result.Items.Where(i => !i.Result.Succeeded).Take(3)));
        result.Items.Select(i => i.Result.Value!.Outcome).Should().AllBeEquivalentTo(MembershipOutcome.Added);
        Emulator.Directory.GetMemberIds(Guid.Parse(DemoTenant.ProjectFalconGroupId)).Should().HaveCount(count);
        var requests = Emulator.Journal.Entries.Skip(before).Where(e => e.BatchStepId is null).ToList();
        requests.Should().HaveCountLessThanOrEqualTo(2 + (count + 19) / 20, string.Join("\n", requests.Select(r => r.ToString()).Take(10)));
    }

    [Fact]
    public async Task AddUsersToGroupAsync_TenPercentAlreadyMembersScattered_ReportsEachOutcomeExactly()
    {
        var ids = SeedUsers(1000);
        var group = Guid.Parse(DemoTenant.ProjectFalconGroupId);
        var existing = ids.Where((_, i) => i % 10 == 3).ToHashSet();
        foreach (var id in existing)
        {
            Emulator.Directory.AddMember(group, Guid.Parse(id));
        }

        var bulk = Harness.BuildProvider(WithDirectoryRead).GetRequiredService<IEntraBulkActions>();
        var before = Emulator.Journal.Entries.Count;

        var result = await bulk.AddUsersToGroupAsync(DemoTenant.ProjectFalconGroupId, ids, new BulkOptions { UseGetByIds = true });

        result.AllSucceeded.Should().BeTrue();
        foreach (var item in result.Items)
        {
            item.Result.Value!.Outcome.Should().Be(existing.Contains(item.Input) ? MembershipOutcome.AlreadyMember : MembershipOutcome.Added);
        }

        Emulator.Directory.GetMemberIds(group).Should().HaveCount(1000);
        Emulator.Journal.Entries.Skip(before).Count(e => e.BatchStepId is null).Should().BeLessThanOrEqualTo(70);
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_Members_RemovesAllThroughBatchedRefs()
    {
        var ids = SeedUsers(1000);
        var group = Guid.Parse(DemoTenant.ProjectFalconGroupId);
        foreach (var id in ids)
        {
            Emulator.Directory.AddMember(group, Guid.Parse(id));
        }

        var bulk = Harness.BuildProvider(Permissions.Connection).GetRequiredService<IEntraBulkActions>();
        var before = Emulator.Journal.Entries.Count;

        var result = await bulk.RemoveMembersFromGroupAsync(DemoTenant.ProjectFalconGroupId, ids);

        result.AllSucceeded.Should().BeTrue(string.Join("; ", result.Items.Where(i => !i.Result.Succeeded).Take(3)));
        result.Items.Select(i => i.Result.Value!.Outcome).Should().AllBeEquivalentTo(MembershipOutcome.Removed);
        Emulator.Directory.GetMemberIds(group).Should().BeEmpty();
        Emulator.Journal.Entries.Skip(before).Count(e => e.BatchStepId is null).Should().BeLessThanOrEqualTo(52);
    }

    [Fact]
    public async Task LookupUsersAsync_MixedGuidsUpnsMissingAndInvalid_ReturnsEachInInputOrder()
    {
        var bulk = Harness.BuildProvider(Permissions.Connection).GetRequiredService<IEntraBulkActions>();
        string[] inputs = [DemoTenant.AdeleVanceId, "AlexW@contoso.com", DemoTenant.GuestUserUpn, "nobody@contoso.com", "..", DemoTenant.AdeleVanceId.ToUpperInvariant()];

        var result = await bulk.LookupUsersAsync(inputs);

        result.Items.Select(i => i.Input).Should().Equal(inputs);
        result.Items[0].Result.Value!.DisplayName.Should().Be("Adele Vance");
        result.Items[1].Result.Value!.DisplayName.Should().Be("Alex Wilber");
        result.Items[2].Result.Value!.Id.Should().Be(DemoTenant.GuestUserId);
        result.Items[3].Result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Items[4].Result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Items[5].IsDuplicate.Should().BeTrue();
        result.Items[5].Result.Value!.DisplayName.Should().Be("Adele Vance");
    }

    private List<string> SeedUsers(int count)
    {
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid();
            Emulator.Directory.AddUser(new EmulatedUser { Id = id, DisplayName = $"Bulk User {i}", UserPrincipalName = $"bulk{i}-{id:N}@contoso.com" });
            ids.Add(id.ToString());
        }

        return ids;
    }
}

public sealed class BulkSmokeInProcessTests : BulkSmokeTests
{
    protected override EmulatorHost Host => EmulatorHost.InProcess;
}
