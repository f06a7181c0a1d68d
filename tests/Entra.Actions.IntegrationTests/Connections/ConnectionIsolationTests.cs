using Entra.Actions.IntegrationTests.Support;

namespace Entra.Actions.IntegrationTests.Connections;

/// <summary>Two connections to two emulated tenants never see each other's data or tokens.</summary>
public sealed class ConnectionIsolationTests : IAsyncDisposable
{
    private readonly TwoTenants _tenants = new();
    private readonly EntraConnection _contoso;
    private readonly EntraConnection _fabrikam;

    public ConnectionIsolationTests()
    {
        _contoso = _tenants.Connect("contoso", _tenants.Contoso, _tenants.Contoso.CreateApplicationCredential());
        _fabrikam = _tenants.Connect("fabrikam", _tenants.Fabrikam, _tenants.Fabrikam.CreateApplicationCredential());
    }

    [Fact]
    public async Task Lookups_EachConnectionFindsOnlyItsOwnTenantsUsersAndGroups()
    {
        (await _contoso.Actions.LookupUserAsync(TwoTenants.AliceUpn)).Value!.Id.Should().Be(TwoTenants.AliceId.ToString());
        (await _fabrikam.Actions.LookupUserAsync(TwoTenants.BobUpn)).Value!.Id.Should().Be(TwoTenants.BobId.ToString());
        (await _contoso.Actions.LookupUserAsync(TwoTenants.BobUpn)).Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        (await _contoso.Actions.LookupUserAsync(TwoTenants.BobId.ToString())).Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        (await _fabrikam.Actions.LookupUserAsync(TwoTenants.AliceId.ToString())).Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        (await _contoso.Actions.LookupGroupAsync(TwoTenants.ContosoGroupId.ToString())).Value!.DisplayName.Should().Be("Contoso Ops");
        (await _fabrikam.Actions.LookupGroupAsync(TwoTenants.ContosoGroupId.ToString())).Error!.Kind.Should().Be(EntraErrorKind.NotFound);

        AssertEachEmulatorSawOnlyItsOwnTenant(expectedContoso: 4, expectedFabrikam: 3);
    }

    [Fact]
    public async Task MembershipChanges_ChangeOnlyTheConnectionsOwnTenant()
    {
        var added = await _contoso.Actions.AddUserToGroupAsync(TwoTenants.AaronId.ToString(), TwoTenants.ContosoGroupId.ToString());
        var crossTenant = await _fabrikam.Actions.AddUserToGroupAsync(TwoTenants.AaronId.ToString(), TwoTenants.FabrikamGroupId.ToString());
        var removed = await _fabrikam.Actions.RemoveMemberFromGroupAsync(TwoTenants.BobId.ToString(), TwoTenants.FabrikamGroupId.ToString());

        added.Value!.Outcome.Should().Be(MembershipOutcome.Added);
        crossTenant.Succeeded.Should().BeFalse("Aaron does not exist in Fabrikam");
        crossTenant.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        removed.Value!.Outcome.Should().Be(MembershipOutcome.Removed);
        _tenants.Contoso.Directory.GetMemberIds(TwoTenants.ContosoGroupId).Should().BeEquivalentTo([TwoTenants.AliceId, TwoTenants.AaronId]);
        _tenants.Fabrikam.Directory.GetMemberIds(TwoTenants.FabrikamGroupId).Should().BeEmpty();
        AssertEachEmulatorSawOnlyItsOwnTenant(expectedContoso: null, expectedFabrikam: null);
    }

    [Fact]
    public async Task ParallelLookups_InterleavedAcrossBothConnections_NeverCrossTenants()
    {
        const int Lookups = 100;
        var tasks = Enumerable.Range(0, Lookups).Select(i => Task.Run(async () =>
        {
            var contoso = i % 2 == 0;
            var connection = contoso ? _contoso : _fabrikam;
            var own = contoso ? (i % 4 == 0 ? TwoTenants.AliceUpn : TwoTenants.AaronUpn) : (i % 4 == 1 ? TwoTenants.BobUpn : TwoTenants.BeaUpn);
            var other = contoso ? TwoTenants.BobId : TwoTenants.AliceId;
            var found = await connection.Actions.LookupUserAsync(own);
            var missing = await connection.Actions.LookupUserAsync(other.ToString());
            return (contoso, own, found, missing);
        })).ToList();

        var results = await Task.WhenAll(tasks);

        foreach (var (contoso, own, found, missing) in results)
        {
            found.Succeeded.Should().BeTrue();
            found.Value!.UserPrincipalName.Should().Be(own);
            found.Value.UserPrincipalName.Should().EndWith(contoso ? "@contoso.example" : "@fabrikam.example");
            missing.Error!.Kind.Should().Be(EntraErrorKind.NotFound, "the other tenant's user is invisible");
        }

        AssertEachEmulatorSawOnlyItsOwnTenant(expectedContoso: Lookups, expectedFabrikam: Lookups);
    }

    [Fact]
    public async Task ConnectionCheck_ReportsEachConnectionsOwnTenant()
    {
        var contoso = _contoso.CheckAsync();
        var fabrikam = _fabrikam.CheckAsync();

        (await contoso).TenantId.Should().Be(TwoTenants.ContosoTenantId.ToString());
        (await fabrikam).TenantId.Should().Be(TwoTenants.FabrikamTenantId.ToString());
        AssertEachEmulatorSawOnlyItsOwnTenant(expectedContoso: 1, expectedFabrikam: 1);
    }

    public async ValueTask DisposeAsync() => await _tenants.DisposeAsync();

    /// <summary>Every request each emulator received carried its own tenant's token, none was refused as another tenant's, and (when given) the counts match.</summary>
    private void AssertEachEmulatorSawOnlyItsOwnTenant(int? expectedContoso, int? expectedFabrikam)
    {
        foreach (var (emulator, tenant, expected) in new[]
        {
            (_tenants.Contoso, TwoTenants.ContosoTenantId, expectedContoso),
            (_tenants.Fabrikam, TwoTenants.FabrikamTenantId, expectedFabrikam),
        })
        {
            var seen = _tenants.TenantsSeenBy(emulator);
            seen.Should().NotBeEmpty().And.OnlyContain(tid => tid == tenant.ToString());
            var journal = emulator.Journal.Entries.Where(e => e.BatchStepId is null).ToList();
            journal.Should().HaveCount(seen.Count).And.OnlyContain(e => e.HasAuthorization && e.StatusCode != 401);
            if (expected is { } count)
            {
                journal.Should().HaveCount(count);
            }
        }
    }
}
