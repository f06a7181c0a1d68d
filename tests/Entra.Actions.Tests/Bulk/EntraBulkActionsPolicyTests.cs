using Entra.Actions.Bulk.Internal;
using Entra.Actions.Policy.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using static Entra.Actions.Tests.Bulk.BulkFixture;
using static Entra.Actions.Tests.TestData;

namespace Entra.Actions.Tests.Bulk;

/// <summary>The write policy and dry runs of the bulk membership calls: checked after the reads, before any write.</summary>
public class EntraBulkActionsPolicyTests
{
    private readonly BulkFixture _fx = new();

    [Fact]
    public async Task AddUsersToGroupAsync_MoreItemsThanMaxBulkItems_RefusedWholeBeforeAnyRead()
    {
        _fx.Options.Policy.MaxBulkItems = 3;

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, Ids(4));

        result.CallError!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        result.CallError.Message.Should().Contain("MaxBulkItems").And.Contain("4 items").And.Contain("at most 3");
        result.Items.Should().HaveCount(4).And.OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.PolicyDenied);
        _fx.Calls.Should().BeEmpty("the call is refused before any request");
        _fx.Directory.Invocations.Should().BeEmpty("the group is not read either");
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_MoreItemsThanMaxBulkItems_RefusedWholeBeforeAnyRead()
    {
        _fx.Options.Policy.MaxBulkItems = 2;

        var result = await _fx.Create().RemoveMembersFromGroupAsync(GroupId, Ids(3));

        result.CallError!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        result.FailedCount.Should().Be(3);
        _fx.Calls.Should().BeEmpty();
        _fx.Directory.Invocations.Should().BeEmpty();
    }

    [Fact]
    public async Task AddUsersToGroupAsync_ExactlyMaxBulkItems_Runs()
    {
        _fx.Options.Policy.MaxBulkItems = 3;

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, Ids(3));

        result.CallError.Should().BeNull();
        result.AllSucceeded.Should().BeTrue();
    }

    [Fact]
    public async Task LookupUsersAsync_MoreItemsThanMaxBulkItems_RunsBecauseTheLimitIsAWriteRule()
    {
        _fx.Options.Policy.MaxBulkItems = 1;

        var result = await _fx.Create().LookupUsersAsync(Ids(3));

        result.CallError.Should().BeNull();
        result.AllSucceeded.Should().BeTrue();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task MembershipCalls_ProtectedGroup_EveryItemDeniedAndNothingWrittenOrRead(bool isAdd)
    {
        _fx.Options.Policy.ProtectedGroupIds = [GroupIdUpper];
        var bulk = _fx.Create();

        var result = isAdd ? await bulk.AddUsersToGroupAsync(GroupId, [.. Ids(3), ".."]) : await bulk.RemoveMembersFromGroupAsync(GroupId, [.. Ids(3), ".."]);

        result.CallError!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        result.CallError.Message.Should().Contain("ProtectedGroupIds");
        result.Items.Take(3).Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.PolicyDenied);
        result.Items[3].Result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput, "an invalid item keeps its own error");
        _fx.Calls.Should().BeEmpty("no user is read and nothing is written");
    }

    [Fact]
    public async Task AddUsersToGroupAsync_GroupNotInAllowedGroups_Denied()
    {
        _fx.Options.Policy.AllowedGroupIds = [Id(999)];

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, Ids(2));

        result.CallError!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        result.CallError.Message.Should().Contain("AllowedGroupIds");
        _fx.CallsTo("Add").Should().BeEmpty();
    }

    [Fact]
    public async Task AddUsersToGroupAsync_GroupInAllowedGroups_Runs()
    {
        _fx.Options.Policy.AllowedGroupIds = [GroupId];

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, Ids(2));

        result.AllSucceeded.Should().BeTrue();
        _fx.Members.Should().BeEquivalentTo(Ids(2));
    }

    [Fact]
    public async Task AddUsersToGroupAsync_RefuseGuests_GuestDeniedOthersAddedAndUserTypeSelected()
    {
        _fx.Options.Policy.RefuseGuests = true;
        var ids = Ids(5);
        _fx.Guests.Add(ids[2]);

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, ids);

        result.CallError.Should().BeNull();
        result.Items[2].Result.Error!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        result.Items[2].Result.Error!.Message.Should().Contain("RefuseGuests").And.Contain(ids[2]);
        result.SucceededCount.Should().Be(4);
        _fx.Members.Should().BeEquivalentTo(ids.Where((_, i) => i != 2));
        _fx.ShouldHaveBoundEachIdAtMostOnce().Should().NotContain(ids[2]);
        _fx.SelectedProperties.Should().NotBeEmpty().And.OnlyContain(p => p != null && p.Contains("userType"));
    }

    [Fact]
    public async Task AddUsersToGroupAsync_RefuseGuestsWithoutVerifyUsers_StillReadsEachUser()
    {
        _fx.Options.Policy.RefuseGuests = true;
        var ids = Ids(3);
        _fx.Guests.Add(ids[0]);

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, ids, new BulkOptions { VerifyUsers = false });

        result.Items[0].Result.Error!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        result.SucceededCount.Should().Be(2);
        _fx.CallsTo("FindUsers").SelectMany(c => c.Ids).Should().BeEquivalentTo(ids);
    }

    [Fact]
    public async Task AddUsersToGroupAsync_NoMemberRules_ReadsWithoutUserType()
    {
        await _fx.Create().AddUsersToGroupAsync(GroupId, Ids(3));

        _fx.SelectedProperties.Should().NotBeEmpty().And.OnlyContain(p => p == null || p.Count == 0, "userType costs nothing when no rule needs it");
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_RefuseGuests_GuestsAreStillRemoved()
    {
        _fx.Options.Policy.RefuseGuests = true;
        var ids = Ids(2);
        _fx.Members.UnionWith(ids);
        _fx.Guests.Add(ids[0]);

        var result = await _fx.Create().RemoveMembersFromGroupAsync(GroupId, ids);

        result.Items.Select(i => i.Result.Value!.Outcome).Should().Equal(MembershipOutcome.Removed, MembershipOutcome.Removed);
    }

    [Fact]
    public async Task AddUsersToGroupAsync_HostPolicyDeniesOneUser_OnlyThatUserIsRefusedWithItsReason()
    {
        var ids = Ids(30);
        var policy = new RecordingPolicy(r => r.MemberId == ids[17] ? EntraWriteDecision.Deny("not this one") : EntraWriteDecision.Allow);
        _fx.WritePolicies.Add(policy);

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, ids);

        result.Items[17].Result.Error!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        result.Items[17].Result.Error!.Message.Should().Contain("not this one").And.Contain(nameof(RecordingPolicy));
        result.SucceededCount.Should().Be(29);
        _fx.Members.Should().HaveCount(29).And.NotContain(ids[17]);
        policy.Requests.Should().HaveCount(30);
        policy.Requests.Should().OnlyContain(r => r.ActionId == EntraBulkActionMetadata.AddUsersToGroupId && r.IsAdd && r.User != null && r.Group.Id == GroupId && !r.IsDryRun);
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_HostPolicy_SeesNoUserForAnObjectIdAndTheResolvedUserForAName()
    {
        var ids = Ids(2);
        _fx.Members.UnionWith(ids);
        _fx.Upns["someone@contoso.com"] = ids[1];
        var policy = new RecordingPolicy(_ => EntraWriteDecision.Allow);
        _fx.WritePolicies.Add(policy);

        var result = await _fx.Create().RemoveMembersFromGroupAsync(GroupId, [ids[0], "someone@contoso.com"]);

        result.AllSucceeded.Should().BeTrue();
        policy.Requests.Should().HaveCount(2);
        policy.Requests.Single(r => r.MemberId == ids[0]).User.Should().BeNull();
        policy.Requests.Single(r => r.MemberId == ids[1]).User!.Id.Should().Be(ids[1]);
        policy.Requests.Should().OnlyContain(r => !r.IsAdd);
    }

    [Fact]
    public async Task AddUsersToGroupAsync_ThrowingHostPolicy_FailsClosedForEveryItem()
    {
        _fx.WritePolicies.Add(new RecordingPolicy(_ => throw new InvalidOperationException("boom")));

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, Ids(3));

        result.Items.Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.PolicyDenied && i.Result.Error.Message.Contains("failed (InvalidOperationException)"));
        _fx.CallsTo("Add").Should().BeEmpty();
        _fx.Members.Should().BeEmpty();
    }

    [Fact]
    public async Task AddUsersToGroupAsync_ManyItemsDenied_OneWarningForTheCallNotOnePerItem()
    {
        var bulkLog = new FakeLogger<EntraBulkActions>();
        var guardLog = new FakeLogger<WriteGuard>();
        _fx.Logger = bulkLog;
        _fx.GuardLogger = guardLog;
        _fx.WritePolicies.Add(new RecordingPolicy(r => r.MemberId.EndsWith('1') ? EntraWriteDecision.Allow : throw new InvalidOperationException("down")));

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, Ids(50));

        result.FailedCount.Should().Be(46, "ids ending in 1 (1, 0x11, 0x21, 0x31) are allowed");
        guardLog.Collector.GetSnapshot().Should().BeEmpty("member denials are not logged one by one");
        var warning = bulkLog.Collector.GetSnapshot().Should().ContainSingle(r => r.Level == LogLevel.Warning).Subject;
        warning.Id.Id.Should().Be(3003);
        warning.Message.Should().Contain("46 of 50 items").And.Contain(nameof(RecordingPolicy));
    }

    [Fact]
    public async Task AddUsersToGroupAsync_DryRun_WouldBeOutcomesAndNoWrite()
    {
        var ids = Ids(45);
        _fx.Members.UnionWith(ids.Take(10));
        _fx.Missing.Add(ids[40]);

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, [.. ids, ids[3].ToUpperInvariant()], new BulkOptions { DryRun = true });

        result.IsDryRun.Should().BeTrue();
        result.CallError.Should().BeNull();
        result.Items.Take(10).Select(i => i.Result.Value!.Outcome).Should().OnlyContain(o => o == MembershipOutcome.AlreadyMember);
        result.Items.Skip(10).Take(30).Select(i => i.Result.Value!.Outcome).Should().OnlyContain(o => o == MembershipOutcome.Added);
        result.Items[40].Result.Error!.Kind.Should().Be(EntraErrorKind.NotFound, "the same reads: a user that does not exist fails");
        result.Items[45].IsDuplicate.Should().BeTrue();
        result.Items.Where(i => i.Result.Succeeded).Should().OnlyContain(i => i.Result.Value!.IsDryRun && !i.Result.Value.Changed);
        _fx.CallsTo("Add").Should().BeEmpty();
        _fx.CallsTo("AddBatch").Should().BeEmpty();
        _fx.CallsTo("GetMembers").Should().ContainSingle().Which.Ids.Should().Equal(int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _fx.Members.Should().HaveCount(10, "nothing was written");
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_DryRun_WouldBeOutcomesAndNoWrite()
    {
        var ids = Ids(6);
        _fx.Members.UnionWith(ids.Take(3));

        var result = await _fx.Create().RemoveMembersFromGroupAsync(GroupId, ids, new BulkOptions { DryRun = true });

        result.IsDryRun.Should().BeTrue();
        result.Items.Select(i => i.Result.Value!.Outcome).Should().Equal(
            MembershipOutcome.Removed, MembershipOutcome.Removed, MembershipOutcome.Removed, MembershipOutcome.NotAMember, MembershipOutcome.NotAMember, MembershipOutcome.NotAMember);
        result.Items.Should().OnlyContain(i => i.Result.Value!.IsDryRun);
        _fx.CallsTo("Remove").Should().BeEmpty();
        _fx.Members.Should().HaveCount(3);
    }

    [Fact]
    public async Task AddUsersToGroupAsync_DryRunMemberReadFails_ItemsCarryTheReadsError()
    {
        _fx.MemberRead = EntraActionResult.Failure<Directory.Internal.GroupMemberIds>(GraphError(EntraErrorKind.Forbidden, 403, "Authorization_RequestDenied"));

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, Ids(2), new BulkOptions { DryRun = true });

        result.Items.Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.Forbidden);
        _fx.CallsTo("Add").Should().BeEmpty();
    }

    [Fact]
    public async Task AddUsersToGroupAsync_DryRunWithProtectedGroup_DeniedLikeARealRun()
    {
        _fx.Options.Policy.ProtectedGroupIds = [GroupId];

        var result = await _fx.Create().AddUsersToGroupAsync(GroupId, Ids(2), new BulkOptions { DryRun = true });

        result.IsDryRun.Should().BeTrue();
        result.CallError!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        _fx.CallsTo("GetMembers").Should().BeEmpty();
    }

    [Fact]
    public async Task AddUsersToGroupAsync_DryRun_HostPolicySeesTheDryRun()
    {
        var policy = new RecordingPolicy(_ => EntraWriteDecision.Allow);
        _fx.WritePolicies.Add(policy);

        await _fx.Create().AddUsersToGroupAsync(GroupId, Ids(2), new BulkOptions { DryRun = true });

        policy.Requests.Should().HaveCount(2).And.OnlyContain(r => r.IsDryRun);
    }

    [Fact]
    public async Task LookupUsersAsync_DryRunOption_IsIgnored()
    {
        var result = await _fx.Create().LookupUsersAsync(Ids(2), new BulkOptions { DryRun = true });

        result.IsDryRun.Should().BeFalse();
        result.AllSucceeded.Should().BeTrue();
    }

    internal sealed class RecordingPolicy(Func<EntraWriteRequest, EntraWriteDecision> decide) : IEntraWritePolicy
    {
        private readonly Lock _gate = new();
        private readonly List<EntraWriteRequest> _requests = [];

        public IReadOnlyList<EntraWriteRequest> Requests
        {
            get
            {
                lock (_gate)
                {
                    return [.. _requests];
                }
            }
        }

        public ValueTask<EntraWriteDecision> EvaluateAsync(EntraWriteRequest request, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                _requests.Add(request);
            }

            return ValueTask.FromResult(decide(request));
        }
    }
}
