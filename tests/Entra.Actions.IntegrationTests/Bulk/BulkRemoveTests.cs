using Entra.Actions.IntegrationTests.Support;

namespace Entra.Actions.IntegrationTests.Bulk;

public abstract class BulkRemoveTests : BulkEmulatorTestBase
{
    [Theory]
    [InlineData(19)]
    [InlineData(20)]
    [InlineData(21)]
    [InlineData(1000)]
    public async Task RemoveMembersFromGroupAsync_Members_OneGroupReadThenOneBatchOfRefDeletesPerTwenty(int count)
    {
        var ids = SeedUsers(count);
        AddMembers(ids);
        var bulk = Bulk();
        var before = Emulator.Journal.Count;

        var result = await bulk.RemoveMembersFromGroupAsync(Group, ids);

        result.AllSucceeded.Should().BeTrue(string.Join("; ", result.Items.Where(i => !i.Result.Succeeded).Take(3)));
        result.Items.Select(i => i.Result.Value!.Outcome).Should().AllBeEquivalentTo(MembershipOutcome.Removed);
        result.Items.Select(i => i.Result.Value!.MemberId).Should().Equal(ids);
        Members().Should().BeEmpty();
        var requests = Requests(before);
        requests.Should().HaveCount(1 + Chunks(count));
        requests.Count(r => r.Method == "POST" && r.RawPath == "/v1.0/$batch").Should().Be(Chunks(count));
        var steps = Steps(before);
        steps.Should().HaveCount(count).And.OnlyContain(s => s.Method == "DELETE" && s.StatusCode == 204);
        steps.Select(DeletedId).Should().BeEquivalentTo(ids);
        Emulator.Directory.Users.Select(u => u.Id.ToString()).Should().Contain(ids, "only the references are removed, never the users");
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_MixedMembersNonMembersInvalidAndDuplicates_EachOutcomeExact()
    {
        var ids = SeedUsers(4);
        AddMembers([ids[0], ids[2]]);
        var upn = Emulator.Directory.FindUser(ids[2])!.UserPrincipalName;
        string[] inputs = [ids[0], ids[1], "..", upn, ids[2].ToUpperInvariant(), ids[0], "nobody@contoso.com", ids[3]];
        var bulk = Bulk();
        var before = Emulator.Journal.Count;

        var result = await bulk.RemoveMembersFromGroupAsync(Group, inputs);

        var kinds = result.Items.Select(i => i.Result.Succeeded ? i.Result.Value!.Outcome.ToString() : i.Result.Error!.Kind.ToString());
        kinds.Should().Equal("Removed", "NotAMember", "InvalidInput", "Removed", "Removed", "Removed", "NotFound", "NotAMember");
        result.Items.Select(i => i.IsDuplicate).Should().Equal(false, false, false, false, true, true, false, false);
        Members().Should().BeEmpty();
        Steps(before).Where(s => s.Method == "DELETE").Select(DeletedId).Should().BeEquivalentTo([ids[0], ids[1], ids[2], ids[3]], "each member is deleted once");
        Requests(before).Count(r => r.Method == "GET" && r.RawPath == $"/v1.0/groups/{Group}").Should().Be(2, "the guard read, and one re-read that confirms 'not a member'");
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_ThrottledSteps_OnlyThoseResentAndAllRemoved()
    {
        var ids = SeedUsers(45);
        AddMembers(ids);
        string[] throttled = [ids[3], ids[7], ids[25]];
        Emulator.Faults.FailNext(1, 429, "DELETE", $"/groups/{Group}/members/{ids[3]}/$ref", retryAfter: "0.1");
        Emulator.Faults.FailNext(1, 429, "DELETE", $"/groups/{Group}/members/{ids[7]}/$ref", retryAfter: "0.3");
        Emulator.Faults.FailNext(1, 429, "DELETE", $"/groups/{Group}/members/{ids[25]}/$ref", retryAfter: "0.2");
        var bulk = Bulk();
        var before = Emulator.Journal.Count;

        var result = await bulk.RemoveMembersFromGroupAsync(Group, ids);

        result.AllSucceeded.Should().BeTrue(string.Join("; ", result.Items.Where(i => !i.Result.Succeeded).Take(3)));
        result.Items.Select(i => i.Result.Value!.Outcome).Should().AllBeEquivalentTo(MembershipOutcome.Removed);
        Members().Should().BeEmpty();
        var steps = Steps(before);
        steps.Where(s => s.StatusCode == 429).Select(DeletedId).Should().BeEquivalentTo(throttled);
        steps.GroupBy(DeletedId).Should().OnlyContain(g => g.Count() == (throttled.Contains(g.Key) ? 2 : 1), "only throttled steps are resent");
        Requests(before).Count(r => r.RawPath == "/v1.0/$batch").Should().Be(3 + 2, "one resend per chunk that had throttled steps");
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_ThrottledDeletesThatWereApplied_EndAsNotAMemberWithNothingLost()
    {
        var ids = SeedUsers(21);
        AddMembers(ids);
        Emulator.Faults.FailNext(1, 429, "DELETE", $"/groups/{Group}/members/{ids[4]}/$ref", retryAfter: "0.1", applyRequest: true);
        Emulator.Faults.FailNext(1, 429, "DELETE", $"/groups/{Group}/members/{ids[20]}/$ref", retryAfter: "0.1", applyRequest: true);
        var bulk = Bulk();
        var before = Emulator.Journal.Count;

        var result = await bulk.RemoveMembersFromGroupAsync(Group, ids);

        result.AllSucceeded.Should().BeTrue(string.Join("; ", result.Items.Where(i => !i.Result.Succeeded).Take(3)));
        result.Items.Where((_, i) => i is 4 or 20).Should().OnlyContain(i => i.Result.Value!.Outcome == MembershipOutcome.NotAMember);
        result.Items.Where((_, i) => i is not 4 and not 20).Should().OnlyContain(i => i.Result.Value!.Outcome == MembershipOutcome.Removed);
        Members().Should().BeEmpty();
        Steps(before).Where(s => s.StatusCode == 404).Select(DeletedId).Should().BeEquivalentTo([ids[4], ids[20]]);
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_StepsThrottledPastMaxStepRetries_FailThrottledOthersRemoved()
    {
        var ids = SeedUsers(5);
        AddMembers(ids);
        Emulator.Faults.FailNext(10, 429, "DELETE", $"/groups/{Group}/members/{ids[2]}/$ref", retryAfter: "0.05");
        var bulk = Bulk();
        var before = Emulator.Journal.Count;

        var result = await bulk.RemoveMembersFromGroupAsync(Group, ids, new BulkOptions { MaxStepRetries = 2 });

        result.Items[2].Result.Error!.Kind.Should().Be(EntraErrorKind.Throttled);
        result.Items[2].Result.Error!.StatusCode.Should().Be(429);
        result.Items.Where((_, i) => i != 2).Should().OnlyContain(i => i.Result.Value!.Outcome == MembershipOutcome.Removed);
        Members().Should().BeEquivalentTo([ids[2]], "the throttled member was not removed and is not claimed");
        Steps(before).Count(s => DeletedId(s) == ids[2]).Should().Be(3);
    }

    public sealed class InProcess : BulkRemoveTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    public sealed class Kestrel : BulkRemoveTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }
}
