using System.Text.Json.Nodes;
using Entra.Actions.IntegrationTests.Support;
using Entra.Actions.Tests.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.IntegrationTests.Bulk;

/// <summary>
/// The guardrails of the bulk membership calls against the emulator: the size limit (API and invoker), the write policy
/// (groups, guests, a host's own rule), dry runs, and the audit trail, each with the requests it sent (or did not).
/// </summary>
public abstract class BulkGuardrailTests : BulkEmulatorTestBase, IDisposable
{
    private readonly List<ServiceProvider> _providers = [];
    private readonly CapturingAuditSink _sink = new();

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task AddUsersToGroupAsync_OverMaxBulkItems_RefusedWithNoRequestAndAuditedOnce()
    {
        var ids = SeedUsers(6);
        var bulk = Provider(configure: o => o.Policy.MaxBulkItems = 5).GetRequiredService<IEntraBulkActions>();
        var before = Emulator.Journal.Count;

        var result = await bulk.AddUsersToGroupAsync(Group, ids);

        result.CallError!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        result.Items.Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.PolicyDenied);
        Emulator.Journal.Count.Should().Be(before, "nothing is sent");
        var refused = _sink.Events.Should().ContainSingle().Subject;
        refused.PolicyRule.Should().Be("MaxBulkItems");
        refused.UserId.Should().BeNull();
        refused.GroupId.Should().Be(Group);
    }

    [Fact]
    public async Task InvokeAsync_BulkWriteOverMaxBulkItems_RefusedBeforeItsItemsAreCheckedWithNoRequest()
    {
        var invoker = Provider(configure: o => o.Policy.MaxBulkItems = 10).GetRequiredService<IEntraActionInvoker>();
        var before = Emulator.Journal.Count;

        // Eleven items of the wrong type: validating them would answer InvalidInput; the size is checked first.
        var inputs = new JsonObject { ["groupId"] = Group, ["memberIds"] = new JsonArray([.. Enumerable.Range(0, 11).Select(i => (JsonNode?)JsonValue.Create(i))]) };
        var result = await invoker.InvokeAsync(EntraBulkActionMetadata.RemoveMembersFromGroupId, inputs);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        result.Error.Message.Should().Contain("MaxBulkItems").And.Contain("11 items");
        Emulator.Journal.Count.Should().Be(before);
        var refused = _sink.Events.Should().ContainSingle().Subject;
        refused.ActionId.Should().Be(EntraBulkActionMetadata.RemoveMembersFromGroupId);
        refused.PolicyRule.Should().Be("MaxBulkItems");
        refused.GroupId.Should().Be(Group);
    }

    [Fact]
    public async Task InvokeAsync_BulkLookupOverMaxBulkItems_Runs()
    {
        var invoker = Provider(configure: o => o.Policy.MaxBulkItems = 1).GetRequiredService<IEntraActionInvoker>();

        var result = await invoker.InvokeAsync(EntraBulkActionMetadata.LookupUsersId, new JsonObject { ["userIds"] = new JsonArray(DemoTenant.AdeleVanceId, DemoTenant.AlexWilberId) });

        result.Succeeded.Should().BeTrue();
        result.Outputs.GetProperty("succeededCount").GetInt32().Should().Be(2);
        result.Outputs.GetProperty("isDryRun").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task AddUsersToGroupAsync_ProtectedGroup_EveryItemDeniedAndNoUserReadOrWrite()
    {
        var ids = SeedUsers(3);
        var bulk = Provider(configure: o => o.Policy.ProtectedGroupIds = [Group]).GetRequiredService<IEntraBulkActions>();
        var before = Emulator.Journal.Count;

        var result = await bulk.AddUsersToGroupAsync(Group, ids);

        result.CallError!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        result.Items.Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.PolicyDenied);
        Requests(before).Select(Describe).Should().Equal($"GET /groups/{{group}} 200");
        Members().Should().BeEmpty();
        _sink.Events.Should().HaveCount(3).And.OnlyContain(e => e.PolicyRule == "ProtectedGroupIds" && e.GroupDisplayName == "Project Falcon");
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_GroupOutsideAllowedGroups_DeniedWithNoDelete()
    {
        var ids = SeedUsers(2);
        AddMembers(ids);
        var bulk = Provider(configure: o => o.Policy.AllowedGroupIds = [DemoTenant.HrTaskforceGroupId]).GetRequiredService<IEntraBulkActions>();
        var before = Emulator.Journal.Count;

        var result = await bulk.RemoveMembersFromGroupAsync(Group, ids);

        result.CallError!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        Writes(before).Should().BeEmpty();
        Members().Should().BeEquivalentTo(ids);
    }

    [Fact]
    public async Task AddUsersToGroupAsync_RefuseGuests_DemoGuestDeniedOthersAdded()
    {
        var ids = SeedUsers(2);
        var bulk = Provider(configure: o => o.Policy.RefuseGuests = true).GetRequiredService<IEntraBulkActions>();
        var before = Emulator.Journal.Count;

        var result = await bulk.AddUsersToGroupAsync(Group, [ids[0], DemoTenant.GuestUserId, ids[1]]);

        result.Items[1].Result.Error!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        result.Items[1].Result.Error!.Message.Should().Contain("RefuseGuests");
        result.Items[0].Result.Value!.Outcome.Should().Be(MembershipOutcome.Added);
        result.Items[2].Result.Value!.Outcome.Should().Be(MembershipOutcome.Added);
        Members().Should().BeEquivalentTo(ids);
        FilterReads(before).Should().NotBeEmpty().And.OnlyContain(s => Uri.UnescapeDataString(s.Query).Contains(UserSelect + ",userType", StringComparison.Ordinal));
        ShouldHaveBoundEachIdAtMostOnce(before).Should().NotContain(DemoTenant.GuestUserId);
    }

    [Fact]
    public async Task AddUsersToGroupAsync_RefuseGuestsWithGetByIds_GuestDenied()
    {
        var ids = SeedUsers(1);
        var bulk = Provider(WithDirectoryRead, o => o.Policy.RefuseGuests = true).GetRequiredService<IEntraBulkActions>();

        var result = await bulk.AddUsersToGroupAsync(Group, [ids[0], DemoTenant.GuestUserId], new BulkOptions { UseGetByIds = true });

        result.Items[0].Result.Value!.Outcome.Should().Be(MembershipOutcome.Added);
        result.Items[1].Result.Error!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        Members().Should().BeEquivalentTo(ids);
    }

    [Fact]
    public async Task AddUsersToGroupAsync_RefuseGuestsWithTheGuestsName_ReadAloneWithUserTypeAndDenied()
    {
        var bulk = Provider(configure: o => o.Policy.RefuseGuests = true).GetRequiredService<IEntraBulkActions>();
        var before = Emulator.Journal.Count;

        var result = await bulk.AddUsersToGroupAsync(Group, [DemoTenant.GuestUserUpn]);

        result.Items[0].Result.Error!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        Requests(before).Should().Contain(r => r.Method == "GET" && r.RawPath.StartsWith("/v1.0/users/", StringComparison.Ordinal)
            && Uri.UnescapeDataString(r.Query).Contains("userType", StringComparison.Ordinal));
        Writes(before).Should().BeEmpty();
        _sink.Events.Should().ContainSingle().Which.UserPrincipalName.Should().Be(DemoTenant.GuestUserUpn);
    }

    [Fact]
    public async Task AddUsersToGroupAsync_HostPolicyDeniesOneUser_OthersAddedAndTheDenialAudited()
    {
        var ids = SeedUsers(4);
        var bulk = Provider(services: s => s.AddSingleton<IEntraWritePolicy>(new DenyOne(ids[2]))).GetRequiredService<IEntraBulkActions>();
        var before = Emulator.Journal.Count;

        var result = await bulk.AddUsersToGroupAsync(Group, ids);

        result.Items[2].Result.Error!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        result.Items[2].Result.Error!.Message.Should().Contain("not on a Friday");
        result.SucceededCount.Should().Be(3);
        Members().Should().BeEquivalentTo(ids.Where((_, i) => i != 2));
        ShouldHaveBoundEachIdAtMostOnce(before).Should().NotContain(ids[2]);
        _sink.Events.Single(e => e.UserId == ids[2]).PolicyRule.Should().Be(nameof(DenyOne));
    }

    [Fact]
    public async Task AddUsersToGroupAsync_ThrowingHostPolicy_FailsClosed()
    {
        var ids = SeedUsers(2);
        var bulk = Provider(services: s => s.AddSingleton<IEntraWritePolicy, ThrowingPolicy>()).GetRequiredService<IEntraBulkActions>();
        var before = Emulator.Journal.Count;

        var result = await bulk.AddUsersToGroupAsync(Group, ids);

        result.Items.Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.PolicyDenied);
        Writes(before).Should().BeEmpty();
        Members().Should().BeEmpty();
    }

    [Fact]
    public async Task AddUsersToGroupAsync_DryRunMixed_WouldBeOutcomesAndZeroWrites()
    {
        var ids = SeedUsers(25);
        AddMembers(ids.Take(5));
        var missing = Guid.NewGuid().ToString();
        var bulk = Provider().GetRequiredService<IEntraBulkActions>();
        var before = Emulator.Journal.Count;

        var result = await bulk.AddUsersToGroupAsync(Group, [.. ids, missing], new BulkOptions { DryRun = true });

        result.IsDryRun.Should().BeTrue();
        result.Items.Take(5).Should().OnlyContain(i => i.Result.Value!.Outcome == MembershipOutcome.AlreadyMember && i.Result.Value.IsDryRun);
        result.Items.Skip(5).Take(20).Should().OnlyContain(i => i.Result.Value!.Outcome == MembershipOutcome.Added && i.Result.Value.IsDryRun && !i.Result.Value.Changed);
        result.Items[25].Result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        Writes(before).Should().BeEmpty();
        Members().Should().BeEquivalentTo(ids.Take(5));
        _sink.Events.Should().HaveCount(26).And.OnlyContain(e => e.IsDryRun);
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_DryRunMixed_WouldBeOutcomesAndZeroWrites()
    {
        var ids = SeedUsers(4);
        AddMembers(ids.Take(2));
        var bulk = Provider().GetRequiredService<IEntraBulkActions>();
        var before = Emulator.Journal.Count;

        var result = await bulk.RemoveMembersFromGroupAsync(Group, ids, new BulkOptions { DryRun = true });

        result.Items.Select(i => i.Result.Value!.Outcome).Should().Equal(MembershipOutcome.Removed, MembershipOutcome.Removed, MembershipOutcome.NotAMember, MembershipOutcome.NotAMember);
        result.Items.Should().OnlyContain(i => i.Result.Value!.IsDryRun);
        Writes(before).Should().BeEmpty();
        Members().Should().BeEquivalentTo(ids.Take(2));
    }

    [Fact]
    public async Task AddUsersToGroupAsync_DryRunWithoutWritePermission_ForbiddenPerItemAndZeroWrites()
    {
        var ids = SeedUsers(3);
        var bulk = Provider(Permissions.ReadOnly).GetRequiredService<IEntraBulkActions>();
        var before = Emulator.Journal.Count;

        var result = await bulk.AddUsersToGroupAsync(Group, ids, new BulkOptions { DryRun = true });

        result.CallError.Should().BeNull();
        result.Items.Should().OnlyContain(i => i.Result.Error!.Kind == EntraErrorKind.Forbidden && i.Result.Error.Message.Contains("GroupMember.ReadWrite.All"));
        Writes(before).Should().BeEmpty();
    }

    [Fact]
    public async Task InvokeAsync_DryRunInput_ReportsTheDryRunAndWritesNothing()
    {
        var ids = SeedUsers(2);
        AddMembers(ids.Take(1));
        var invoker = Provider().GetRequiredService<IEntraActionInvoker>();
        var before = Emulator.Journal.Count;

        var result = await invoker.InvokeAsync(EntraBulkActionMetadata.AddUsersToGroupId, new JsonObject { ["groupId"] = Group, ["userIds"] = new JsonArray(ids[0], ids[1]), ["dryRun"] = true });

        result.Succeeded.Should().BeTrue(result.Error?.Message);
        result.Outputs.GetProperty("isDryRun").GetBoolean().Should().BeTrue();
        var items = result.Outputs.GetProperty("items");
        items[0].GetProperty("value").GetProperty("outcome").GetString().Should().Be("AlreadyMember");
        items[1].GetProperty("value").GetProperty("outcome").GetString().Should().Be("Added");
        items[1].GetProperty("value").GetProperty("isDryRun").GetBoolean().Should().BeTrue();
        Writes(before).Should().BeEmpty();
        Members().Should().BeEquivalentTo(ids.Take(1));
    }

    [Fact]
    public async Task RemoveMembersFromGroupAsync_Audited_OneEventPerItemWithTheTokensIdentityAndRequestIds()
    {
        var ids = SeedUsers(3);
        AddMembers(ids.Take(2));
        var bulk = Provider().GetRequiredService<IEntraBulkActions>();

        await bulk.RemoveMembersFromGroupAsync(Group, [.. ids, "not an id", ids[0]]);

        var events = _sink.Events;
        events.Should().HaveCount(4);
        events.Select(e => e.CorrelationId).Distinct().Should().ContainSingle();
        events.Select(e => e.UserId).Should().Equal(ids[0], ids[1], ids[2], null);
        events.Select(e => e.Outcome).Should().Equal(MembershipOutcome.Removed, MembershipOutcome.Removed, MembershipOutcome.NotAMember, null);
        events.Should().OnlyContain(e => e.TenantId == DemoTenant.TenantId && e.ActingIdentity == DemoTenant.ApplicationId && !e.IsDryRun);
        events.Take(3).Should().OnlyContain(e => e.GraphRequestIds.Count > 0);
    }

    [Fact]
    public async Task AddUsersToGroupAsync_HangingAuditSink_CallReturnsAfterTheSinkTimeout()
    {
        var ids = SeedUsers(2);
        var bulk = Provider(configure: o => o.AuditSinkTimeout = TimeSpan.FromMilliseconds(50), services: s => s.AddSingleton<IEntraAuditSink, HangingSink>())
            .GetRequiredService<IEntraBulkActions>();

        var run = bulk.AddUsersToGroupAsync(Group, ids);
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30)));

        finished.Should().BeSameAs(run, "a hanging sink must not hold up the call");
        (await run).AllSucceeded.Should().BeTrue();
        _sink.Events.Should().HaveCount(2);
    }

    /// <summary>Membership writes after <paramref name="skip"/> entries, lone or <c>$batch</c> steps: anything but reads.</summary>
    private List<JournalEntry> Writes(int skip) =>
        [.. Emulator.Journal.Entries.Skip(skip).Where(e => e.Method is "PATCH" or "DELETE" or "PUT"
            || (e.Method == "POST" && e.RawPath is not "/v1.0/$batch" and not "/v1.0/directoryObjects/getByIds"))];

    private ServiceProvider Provider(IEnumerable<string>? permissions = null, Action<EntraActionsOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<IEntraAuditSink>(_sink);
        services?.Invoke(collection);
        var baseUrl = Harness.BaseUrl;
        var credential = EmulatorCredential.ForApplication(permissions ?? Permissions.Connection);
        var builder = collection.AddEntraActions(o =>
        {
            o.GraphBaseUrl = baseUrl;
            o.Credential = credential;
            configure?.Invoke(o);
        });
        if (Harness.Host == EmulatorHost.InProcess)
        {
            builder.ConfigurePrimaryHttpMessageHandler(Emulator.CreateHandler);
        }

        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _providers.Add(provider);
        return provider;
    }

    public sealed class InProcess : BulkGuardrailTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    public sealed class Kestrel : BulkGuardrailTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }


    private sealed class HangingSink : IEntraAuditSink
    {
        public async ValueTask WriteAsync(EntraAuditEvent auditEvent, CancellationToken cancellationToken = default) =>
            await new TaskCompletionSource().Task;
    }

    private sealed class DenyOne(string userId) : IEntraWritePolicy
    {
        public ValueTask<EntraWriteDecision> EvaluateAsync(EntraWriteRequest request, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(string.Equals(request.MemberId, userId, StringComparison.OrdinalIgnoreCase) ? EntraWriteDecision.Deny("not on a Friday") : EntraWriteDecision.Allow);
    }

    private sealed class ThrowingPolicy : IEntraWritePolicy
    {
        public ValueTask<EntraWriteDecision> EvaluateAsync(EntraWriteRequest request, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the policy store is down");
    }
}
