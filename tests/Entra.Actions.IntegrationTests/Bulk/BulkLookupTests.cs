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
        requests.Should().HaveCount(3, "one $batch filtering the object ids, one filtering the userPrincipalNames, and the guest alone");
        requests.Select(Describe).Take(2).Should().Equal("$batch 1 GET", "$batch 1 GET");
        requests.Should().ContainSingle(r => r.Method == "GET" && r.RawPath.StartsWith("/v1.0/users/", StringComparison.Ordinal))
            .Which.RawPath.Should().Contain("%23EXT%23", "the guest's '#' is escaped in its own request");
        ShouldHaveReadByFilter(before).Should().Equal([DemoTenant.AdeleVanceId, DemoTenant.HrTaskforceGroupId], "both spellings of Adele's id are read once, with the group's id");
        UpnFilterReads(before).Should().ContainSingle().Which.Should().Match<JournalEntry>(s => s.StatusCode == 200);
        FilteredUpns(UpnFilterReads(before)[0]).Should().Equal("AlexW@contoso.com", "nobody@contoso.com");
        Steps(before).Should().HaveCount(2).And.NotContain(s => (s.RawPath + s.Query).Contains("EXT", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(15, 1)]
    [InlineData(16, 2)]
    [InlineData(300, 20)]
    [InlineData(301, 20, 1)]
    [InlineData(1000, 20, 20, 20, 7)]
    public async Task LookupUsersAsync_ObjectIdChunkBoundary_FifteenIdsPerFilterStepAndThreeHundredPerBatch(int count, params int[] stepsPerBatch)
    {
        var ids = SeedUsers(count);
        var before = Emulator.Journal.Count;

        var result = await Bulk().LookupUsersAsync(ids);

        result.AllSucceeded.Should().BeTrue();
        result.Items.Select(i => i.Result.Value!.Id).Should().Equal(ids);
        Requests(before).Should().HaveCount(stepsPerBatch.Length).And.OnlyContain(r => r.RawPath == "/v1.0/$batch");
        Batches("GET", before).Select(b => BatchStepMethods(b).Count).Should().BeEquivalentTo(stepsPerBatch);
        Steps(before).Should().HaveCount(stepsPerBatch.Sum()).And.Equal(FilterReads(before), "object ids are read only by filter");
        ShouldHaveReadByFilter(before).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(ids);
    }

    [Theory]
    [InlineData(15, 1)]
    [InlineData(16, 2)]
    [InlineData(300, 20)]
    [InlineData(301, 20, 1)]
    public async Task LookupUsersAsync_UserPrincipalNameChunkBoundary_FifteenPerFilterStepAndThreeHundredPerBatch(int count, params int[] stepsPerBatch)
    {
        var ids = SeedUsers(count);
        var upns = ids.Select(id => Emulator.Directory.FindUser(id)!.UserPrincipalName).ToList();
        var before = Emulator.Journal.Count;

        var result = await Bulk().LookupUsersAsync(upns);

        result.AllSucceeded.Should().BeTrue();
        result.Items.Select(i => i.Result.Value!.Id).Should().Equal(ids);
        Requests(before).Should().HaveCount(stepsPerBatch.Length).And.OnlyContain(r => r.RawPath == "/v1.0/$batch");
        Batches("GET", before).Select(b => BatchStepMethods(b).Count).Should().BeEquivalentTo(stepsPerBatch);
        var steps = Steps(before);
        steps.Should().HaveCount(stepsPerBatch.Sum()).And.Equal(UpnFilterReads(before), "userPrincipalNames are read only by filter");
        steps.Should().OnlyContain(s => s.StatusCode == 200 && Uri.UnescapeDataString(s.Query).Contains(UserSelect, StringComparison.Ordinal));
        steps.Select(s => FilteredUpns(s).Count).Should().OnlyContain(n => n >= 1 && n <= 15, "Graph allows 15 clauses per filter");
        steps.SelectMany(FilteredUpns).Should().BeEquivalentTo(upns, "each userPrincipalName is read once");
    }

    [Fact]
    public async Task LookupUsersAsync_UserPrincipalNamesWithQuotesAndSymbolsInAnyCase_ReadByOneFilterStepAndMatchedBack()
    {
        // Every character Entra allows in a userPrincipalName's username part except '#' travels in the filter; a quote is doubled.
        var obrien = Guid.NewGuid();
        var symbols = Guid.NewGuid();
        Emulator.Directory.AddUser(new EmulatedUser { Id = obrien, DisplayName = "Pat O'Brien", UserPrincipalName = "pat.o'brien@contoso.com" });
        Emulator.Directory.AddUser(new EmulatedUser { Id = symbols, DisplayName = "Symbols", UserPrincipalName = "a!b^c~d_e-f@contoso.com" });
        string[] inputs = ["PAT.O'BRIEN@contoso.com", "a!b^c~d_e-f@Contoso.com", "o'nobody@contoso.com"];
        var before = Emulator.Journal.Count;

        var result = await Bulk().LookupUsersAsync(inputs);

        result.Items[0].Result.Value!.Id.Should().Be(obrien.ToString());
        result.Items[1].Result.Value!.Id.Should().Be(symbols.ToString());
        result.Items[2].Result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        var step = UpnFilterReads(before).Should().ContainSingle().Subject;
        step.StatusCode.Should().Be(200);
        FilteredUpns(step).Should().Equal(inputs);
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
    public async Task LookupUsersAsync_ThrottledFilterSteps_OnlyTheirIdsResentAfterTheLargestRetryAfter()
    {
        var ids = SeedUsers(40);

        // Every filter step has the path /users; rules apply in order: step 0 (ids 0..14) and step 2 (ids 30..39) are throttled.
        Emulator.Faults.FailNext(1, 429, "GET", "/users", retryAfter: "0.1");
        Emulator.Faults.AddLatency(TimeSpan.Zero, 1, "GET", "/users");
        Emulator.Faults.FailNext(1, 429, "GET", "/users", retryAfter: "0.2");
        var before = Emulator.Journal.Count;

        var result = await Bulk().LookupUsersAsync(ids);

        result.AllSucceeded.Should().BeTrue(string.Join("; ", result.Items.Where(i => !i.Result.Succeeded).Take(3)));
        result.Items.Select(i => i.Result.Value!.Id).Should().Equal(ids);
        var requests = Requests(before);
        requests.Select(Describe).Should().Equal("$batch 3 GET", "$batch 2 GET");
        var steps = FilterReads(before);
        steps.Select(s => s.StatusCode).Should().Equal(429, 200, 429, 200, 200);
        List<string> throttled = [.. ids.Take(15), .. ids.Skip(30)];
        steps.Where(s => s.StatusCode == 429).SelectMany(FilteredIds).Should().Equal(throttled);
        steps.Skip(3).Select(s => FilteredIds(s).Count).Should().Equal([15, 10], "the throttled ids are re-chunked, 15 per step");
        steps.Skip(3).SelectMany(FilteredIds).Should().Equal(throttled, "only the throttled ids are resent");
        steps.Where(s => s.StatusCode == 200).SelectMany(FilteredIds).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(ids);
        (requests[1].Timestamp - requests[0].Timestamp).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.2), "the resend waits for the largest Retry-After");
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
