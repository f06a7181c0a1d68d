using Entra.Actions.IntegrationTests.Support;

namespace Entra.Actions.IntegrationTests.Bulk;

public abstract class BulkLookupTests : BulkEmulatorTestBase
{
    [Fact]
    public async Task LookupUsersAsync_MixedGuidsUpnsGuestsMissingAndInvalid_ReturnsEachInInputOrder()
    {
        string[] inputs = [DemoTenant.AdeleVanceId, "AlexW@contoso.com", DemoTenant.GuestUserUpn, "nobody@contoso.com", "..", DemoTenant.AdeleVanceId.ToUpperInvariant(), DemoTenant.HrTaskforceGroupId];
        var before = Emulator.Journal.Count;

        var result = await Bulk().LookupUsersAsync(inputs);

        result.Items.Select(i => i.Input).Should().Equal(inputs);
        result.Items[0].Result.Value!.DisplayName.Should().Be("Adele Vance");
        result.Items[1].Result.Value!.DisplayName.Should().Be("Alex Wilber");
        result.Items[2].Result.Value!.Id.Should().Be(DemoTenant.GuestUserId);
        result.Items[3].Result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Items[3].Result.Error!.Message.Should().Be("User 'nobody@contoso.com' was not found.");
        result.Items[4].Result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Items[5].IsDuplicate.Should().BeTrue();
        result.Items[5].Result.Value!.DisplayName.Should().Be("Adele Vance");
        result.Items[6].Result.Error!.Kind.Should().Be(EntraErrorKind.NotFound, "a group is not a user");

        var requests = Requests(before);
        requests.Should().HaveCount(2, "one $batch, and the guest alone");
        requests.Should().ContainSingle(r => r.Method == "GET" && r.RawPath.StartsWith("/v1.0/users/", StringComparison.Ordinal))
            .Which.RawPath.Should().Contain("%23EXT%23", "the guest's '#' is escaped in its own request");
        Steps(before).Should().HaveCount(4).And.NotContain(s => s.RawPath.Contains("EXT", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(19)]
    [InlineData(20)]
    [InlineData(21)]
    [InlineData(1000)]
    public async Task LookupUsersAsync_ChunkBoundary_OneBatchPerTwenty(int count)
    {
        var ids = SeedUsers(count);
        var before = Emulator.Journal.Count;

        var result = await Bulk().LookupUsersAsync(ids);

        result.AllSucceeded.Should().BeTrue();
        result.Items.Select(i => i.Result.Value!.Id).Should().Equal(ids);
        Requests(before).Should().HaveCount(Chunks(count)).And.OnlyContain(r => r.RawPath == "/v1.0/$batch");
        Steps(before).Should().HaveCount(count);
    }

    [Fact]
    public async Task LookupUsersAsync_GetByIds_TwoRequestsForOneThousandAndOneWithMissingIdsNotFound()
    {
        var ids = SeedUsers(999);
        var missing = Guid.NewGuid().ToString();
        List<string> inputs = [.. ids, missing, DemoTenant.HrTaskforceGroupId];
        var before = Emulator.Journal.Count;

        var result = await Bulk(WithDirectoryRead).LookupUsersAsync(inputs, new BulkOptions { UseGetByIds = true });

        result.Items.Take(999).Select(i => i.Result.Value!.Id).Should().Equal(ids);
        result.Items[999].Result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Items[1000].Result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        Requests(before).Should().HaveCount(2).And.OnlyContain(r => r.RawPath == "/v1.0/directoryObjects/getByIds");
    }

    [Fact]
    public async Task LookupUsersAsync_GetByIdsWithoutDirectoryReadAll_ObjectIdsFailForbidden()
    {
        var result = await Bulk().LookupUsersAsync([DemoTenant.AdeleVanceId, "AlexW@contoso.com"], new BulkOptions { UseGetByIds = true });

        result.Items[0].Result.Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        result.Items[0].Result.Error!.Message.Should().Contain("Directory.Read.All");
        result.Items[1].Result.Value!.DisplayName.Should().Be("Alex Wilber");
    }

    [Fact]
    public async Task LookupUsersAsync_ThrottledReadSteps_OnlyThoseResent()
    {
        var ids = SeedUsers(25);
        Emulator.Faults.FailNext(1, 429, "GET", $"/users/{ids[2]}", retryAfter: "0.1");
        Emulator.Faults.FailNext(1, 429, "GET", $"/users/{ids[22]}", retryAfter: "0.2");
        var before = Emulator.Journal.Count;

        var result = await Bulk().LookupUsersAsync(ids);

        result.AllSucceeded.Should().BeTrue(string.Join("; ", result.Items.Where(i => !i.Result.Succeeded).Take(3)));
        result.Items.Select(i => i.Result.Value!.Id).Should().Equal(ids);
        var steps = Steps(before);
        steps.Should().HaveCount(25 + 2);
        steps.Where(s => s.StatusCode == 429).Select(s => s.RawPath.Split('/')[^1]).Should().BeEquivalentTo([ids[2], ids[22]]);
        Requests(before).Should().HaveCount(2 + 2);
    }

    public sealed class InProcess : BulkLookupTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    public sealed class Kestrel : BulkLookupTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }
}
