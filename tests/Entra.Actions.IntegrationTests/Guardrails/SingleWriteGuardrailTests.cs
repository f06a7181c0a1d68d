using System.Diagnostics;
using System.Text.Json.Nodes;
using Entra.Actions.IntegrationTests.Support;
using Entra.Actions.Tests.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.IntegrationTests.Guardrails;

public abstract class SingleWriteGuardrailTests : EmulatorTestBase
{
    private static readonly EntraWriteOptions DryRun = new() { DryRun = true };

    private IEntraActions With(Action<EntraActionsOptions> configure, IEnumerable<string>? permissions = null) =>
        Harness.CreateActions(permissions ?? Permissions.Connection, configure);

    private IEntraActions DryRunActions(IEnumerable<string>? permissions = null) => Harness.CreateActions(permissions ?? Permissions.Connection);

    private static string MembersPath(string groupId, string memberId) => $"/v1.0/groups/{groupId}/members/{memberId}";

    [Fact]
    public async Task AddDryRun_NonMember_WouldAddWithNoWriteAndOneMembershipRead()
    {
        var result = await DryRunActions().AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.ProjectFalconGroupId, DryRun);

        result.Value!.Outcome.Should().Be(MembershipOutcome.Added);
        result.Value.IsDryRun.Should().BeTrue();
        result.Value.Changed.Should().BeFalse();
        Emulator.Journal.Writes().Should().BeEmpty();
        IsMember(DemoTenant.ProjectFalconGroupId, DemoTenant.AdeleVanceId).Should().BeFalse();
        Emulator.Journal.Entries.Should().ContainSingle(e => e.Method == "GET" && e.RawPath.StartsWith("/v1.0/groups/" + DemoTenant.ProjectFalconGroupId + "/members/", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AddDryRun_Member_WouldBeAlreadyMemberWithNoWrite()
    {
        var result = await DryRunActions().AddUserToGroupAsync(DemoTenant.MeganBowenId, DemoTenant.HrTaskforceGroupId, DryRun);

        result.Value!.Outcome.Should().Be(MembershipOutcome.AlreadyMember);
        result.Value.IsDryRun.Should().BeTrue();
        result.Value.Changed.Should().BeFalse();
        Emulator.Journal.Writes().Should().BeEmpty();
        IsMember(DemoTenant.HrTaskforceGroupId, DemoTenant.MeganBowenId).Should().BeTrue();
    }

    [Fact]
    public async Task AddDryRun_TransitiveMemberOnly_WouldAdd()
    {
        // Adele is in Sales and Marketing only through the nested Retail Team; adding her directly is a change.
        var result = await DryRunActions().AddUserToGroupAsync(DemoTenant.AdeleVanceUpn, DemoTenant.SalesAndMarketingGroupId, DryRun);

        result.Value!.Outcome.Should().Be(MembershipOutcome.Added);
        result.Value.MemberId.Should().Be(DemoTenant.AdeleVanceId);
        Emulator.Journal.Writes().Should().BeEmpty();
    }

    [Fact]
    public async Task RemoveDryRun_Member_WouldRemoveWithNoWriteAndDirectoryUnchanged()
    {
        var result = await DryRunActions().RemoveMemberFromGroupAsync(DemoTenant.MeganBowenId, DemoTenant.HrTaskforceGroupId, DryRun);

        result.Value!.Outcome.Should().Be(MembershipOutcome.Removed);
        result.Value.IsDryRun.Should().BeTrue();
        result.Value.Changed.Should().BeFalse();
        Emulator.Journal.Writes().Should().BeEmpty();
        IsMember(DemoTenant.HrTaskforceGroupId, DemoTenant.MeganBowenId).Should().BeTrue();
    }

    [Fact]
    public async Task RemoveDryRun_NonMember_WouldBeNotAMemberWithNoWrite()
    {
        var result = await DryRunActions().RemoveMemberFromGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.ProjectFalconGroupId, DryRun);

        result.Value!.Outcome.Should().Be(MembershipOutcome.NotAMember);
        result.Value.IsDryRun.Should().BeTrue();
        Emulator.Journal.Writes().Should().BeEmpty();
    }

    [Fact]
    public async Task DryRun_DynamicGroup_IsUnsupportedWithNoWrite()
    {
        var result = await DryRunActions().AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.DynamicGroupId, DryRun);

        result.Error!.Kind.Should().Be(EntraErrorKind.UnsupportedGroup);
        Emulator.Journal.Writes().Should().BeEmpty();
    }

    [Fact]
    public async Task DryRun_InvalidIds_SendNoRequest()
    {
        var add = await DryRunActions().AddUserToGroupAsync("../users", DemoTenant.ProjectFalconGroupId, DryRun);
        var remove = await DryRunActions().RemoveMemberFromGroupAsync(DemoTenant.AdeleVanceId, "..", DryRun);

        add.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        remove.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        Emulator.Journal.Entries.Should().BeEmpty();
    }

    [Fact]
    public async Task DryRun_AppTokenWithoutGroupMemberReadWrite_IsForbiddenWithNoWrite()
    {
        var result = await DryRunActions(Permissions.ReadOnly).AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.ProjectFalconGroupId, DryRun);

        result.Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        result.Error.Message.Should().Contain("GroupMember.ReadWrite.All").And.Contain("No write was sent");
        Emulator.Journal.Writes().Should().BeEmpty();
    }

    [Fact]
    public async Task DryRun_DelegatedTokenWithoutGroupMemberReadWrite_IsForbiddenWithNoWrite()
    {
        var actions = Harness.CreateActions(Emulator.CreateDelegatedCredential(["User.Read.All", "GroupMember.Read.All"]));

        var result = await actions.RemoveMemberFromGroupAsync(DemoTenant.MeganBowenId, DemoTenant.HrTaskforceGroupId, DryRun);

        result.Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        Emulator.Journal.Writes().Should().BeEmpty();
    }

    [Fact]
    public async Task DryRun_DelegatedTokenWithGroupReadWrite_Passes()
    {
        var actions = Harness.CreateActions(Emulator.CreateDelegatedCredential(["User.Read.All", "Group.ReadWrite.All"]));

        var result = await actions.AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.ProjectFalconGroupId, DryRun);

        result.Value!.Outcome.Should().Be(MembershipOutcome.Added);
        Emulator.Journal.Writes().Should().BeEmpty();
    }

    [Fact]
    public async Task DryRun_RoleAssignableGroupWithoutRoleManagement_IsForbiddenWithNoWrite()
    {
        var actions = With(o => o.AllowRoleAssignableGroups = true);

        var result = await actions.AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.RoleAssignableGroupId, DryRun);

        result.Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        result.Error.Message.Should().Contain("RoleManagement.ReadWrite.Directory");
        Emulator.Journal.Writes().Should().BeEmpty();
    }

    [Theory]
    [InlineData(DemoTenant.GuestUserId)]
    [InlineData(DemoTenant.GuestUserUpn)]
    public async Task Add_GuestWithRefuseGuests_IsDeniedWithNoWrite(string guest)
    {
        var actions = With(o => o.Policy.RefuseGuests = true);

        var result = await actions.AddUserToGroupAsync(guest, DemoTenant.ProjectFalconGroupId);

        result.Error!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        result.Error.Message.Should().Contain("rule RefuseGuests").And.Contain("No write was sent");
        Emulator.Journal.Writes().Should().BeEmpty();
        IsMember(DemoTenant.ProjectFalconGroupId, DemoTenant.GuestUserId).Should().BeFalse();
    }

    [Fact]
    public async Task Add_MemberUserWithRefuseGuests_IsAdded()
    {
        var result = await With(o => o.Policy.RefuseGuests = true).AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.ProjectFalconGroupId);

        result.Value!.Outcome.Should().Be(MembershipOutcome.Added);
        IsMember(DemoTenant.ProjectFalconGroupId, DemoTenant.AdeleVanceId).Should().BeTrue();
    }

    [Fact]
    public async Task AddDryRun_GuestWithRefuseGuests_IsDeniedWithoutTheMembershipRead()
    {
        var result = await With(o => o.Policy.RefuseGuests = true).AddUserToGroupAsync(DemoTenant.GuestUserId, DemoTenant.ProjectFalconGroupId, DryRun);

        result.Error!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        Emulator.Journal.Entries.Should().NotContain(e => e.RawPath.StartsWith(MembersPath(DemoTenant.ProjectFalconGroupId, string.Empty), StringComparison.OrdinalIgnoreCase));
        Emulator.Journal.Writes().Should().BeEmpty();
    }

    [Fact]
    public async Task Remove_GuestWithRefuseGuests_IsRemoved()
    {
        var actions = With(o => o.Policy.RefuseGuests = true);
        (await Harness.CreateActions(Permissions.Connection).AddUserToGroupAsync(DemoTenant.GuestUserId, DemoTenant.ProjectFalconGroupId)).Succeeded.Should().BeTrue();

        var result = await actions.RemoveMemberFromGroupAsync(DemoTenant.GuestUserUpn, DemoTenant.ProjectFalconGroupId);

        result.Value!.Outcome.Should().Be(MembershipOutcome.Removed);
        IsMember(DemoTenant.ProjectFalconGroupId, DemoTenant.GuestUserId).Should().BeFalse();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Remove_ProtectedGroup_IsDeniedWithNoWrite(bool dryRun)
    {
        var actions = With(o => o.Policy.ProtectedGroupIds = [DemoTenant.HrTaskforceGroupId.ToUpperInvariant()]);

        var result = await actions.RemoveMemberFromGroupAsync(DemoTenant.MeganBowenId, DemoTenant.HrTaskforceGroupId, new EntraWriteOptions { DryRun = dryRun });

        result.Error!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        result.Error.Message.Should().Contain("rule ProtectedGroupIds").And.Contain("No write was sent");
        Emulator.Journal.Writes().Should().BeEmpty();
        IsMember(DemoTenant.HrTaskforceGroupId, DemoTenant.MeganBowenId).Should().BeTrue();
    }

    [Fact]
    public async Task Add_GroupOutsideAllowedGroups_IsDeniedAndAllowedGroupIsChanged()
    {
        var actions = With(o => o.Policy.AllowedGroupIds = [DemoTenant.ProjectFalconGroupId]);

        var denied = await actions.AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.HrTaskforceGroupId);
        Emulator.Journal.Writes().Should().BeEmpty();
        var allowed = await actions.AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.ProjectFalconGroupId);

        denied.Error!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        denied.Error.Message.Should().Contain("rule AllowedGroupIds");
        IsMember(DemoTenant.HrTaskforceGroupId, DemoTenant.AdeleVanceId).Should().BeFalse();
        allowed.Value!.Outcome.Should().Be(MembershipOutcome.Added);
        Emulator.Journal.Writes().Should().ContainSingle();
    }

    [Fact]
    public async Task Invoker_DryRunTrue_OutputsIsDryRunAndNotChanged()
    {
        var invoker = Harness.BuildProvider(Permissions.Connection).GetRequiredService<IEntraActionInvoker>();

        var add = await invoker.InvokeAsync("entra.add_user_to_group", new JsonObject
        {
            ["userId"] = DemoTenant.AdeleVanceId,
            ["groupId"] = DemoTenant.ProjectFalconGroupId,
            ["dryRun"] = true,
        });
        var remove = await invoker.InvokeAsync("entra.remove_member_from_group", new JsonObject
        {
            ["memberId"] = DemoTenant.MeganBowenId,
            ["groupId"] = DemoTenant.HrTaskforceGroupId,
            ["dryRun"] = true,
        });

        add.Succeeded.Should().BeTrue(add.Error?.Message);
        add.Outputs.GetProperty("isDryRun").GetBoolean().Should().BeTrue();
        add.Outputs.GetProperty("changed").GetBoolean().Should().BeFalse();
        add.Outputs.GetProperty("outcome").GetString().Should().Be("Added");
        remove.Succeeded.Should().BeTrue(remove.Error?.Message);
        remove.Outputs.GetProperty("isDryRun").GetBoolean().Should().BeTrue();
        remove.Outputs.GetProperty("changed").GetBoolean().Should().BeFalse();
        remove.Outputs.GetProperty("outcome").GetString().Should().Be("Removed");
        Emulator.Journal.Writes().Should().BeEmpty();
    }

    [Fact]
    public async Task Invoker_DryRunFalse_WritesAndOutputsNotDryRun()
    {
        var invoker = Harness.BuildProvider(Permissions.Connection).GetRequiredService<IEntraActionInvoker>();

        var add = await invoker.InvokeAsync("entra.add_user_to_group", new JsonObject
        {
            ["userId"] = DemoTenant.AdeleVanceId,
            ["groupId"] = DemoTenant.ProjectFalconGroupId,
            ["dryRun"] = false,
        });

        add.Outputs.GetProperty("isDryRun").GetBoolean().Should().BeFalse();
        add.Outputs.GetProperty("changed").GetBoolean().Should().BeTrue();
        IsMember(DemoTenant.ProjectFalconGroupId, DemoTenant.AdeleVanceId).Should().BeTrue();
    }

    [Theory]
    [InlineData("\"yes\"")]
    [InlineData("1")]
    [InlineData("\"true\"")]
    public async Task Invoker_DryRunNotABoolean_IsInvalidInputWithNoRequest(string dryRun)
    {
        var invoker = Harness.BuildProvider(Permissions.Connection).GetRequiredService<IEntraActionInvoker>();
        var inputs = JsonNode.Parse($$"""{"userId":"{{DemoTenant.AdeleVanceId}}","groupId":"{{DemoTenant.ProjectFalconGroupId}}","dryRun":{{dryRun}}}""")!.AsObject();

        var result = await invoker.InvokeAsync("entra.add_user_to_group", inputs);

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.Message.Should().Contain("dryRun");
        Emulator.Journal.Entries.Should().BeEmpty();
    }

    [Fact]
    public async Task Audit_AppOnlyWriteByUpn_OneEventWithTokenIdentityTargetsAndRequestIds()
    {
        var sink = new CapturingAuditSink();
        await using var provider = GuardrailHost.Build(Harness, Emulator.CreateApplicationCredential(Permissions.Connection), register: s => s.AddSingleton<IEntraAuditSink>(sink));
        var started = DateTimeOffset.UtcNow;

        var result = await provider.GetRequiredService<IEntraActions>().AddUserToGroupAsync(DemoTenant.AdeleVanceUpn, DemoTenant.ProjectFalconGroupId);

        result.Value!.Changed.Should().BeTrue();
        var audit = sink.Events.Should().ContainSingle().Subject;
        audit.ActionId.Should().Be("entra.add_user_to_group");
        audit.ConnectionName.Should().BeNull();
        audit.TenantId.Should().Be(DemoTenant.TenantId);
        audit.ActingIdentity.Should().Be(DemoTenant.ApplicationId);
        audit.UserId.Should().Be(DemoTenant.AdeleVanceId);
        audit.UserPrincipalName.Should().Be(DemoTenant.AdeleVanceUpn);
        audit.GroupId.Should().Be(DemoTenant.ProjectFalconGroupId);
        audit.GroupDisplayName.Should().Be("Project Falcon");
        audit.Outcome.Should().Be(MembershipOutcome.Added);
        audit.Succeeded.Should().BeTrue();
        audit.IsDryRun.Should().BeFalse();
        audit.Duration.Should().BePositive();
        audit.CorrelationId.Should().NotBeNullOrWhiteSpace();
        audit.Timestamp.Should().BeOnOrAfter(started);
        // Every request of the call answered with a request-id; the event lists them in order.
        audit.GraphRequestIds.Should().NotBeEmpty().And.Equal(Emulator.Journal.Entries.Select(e => e.RequestId));
    }

    [Fact]
    public async Task Audit_DelegatedDryRun_ActingIdentityIsTheSignedInUser()
    {
        var sink = new CapturingAuditSink();
        var credential = Emulator.CreateDelegatedCredential(Permissions.Connection, DemoTenant.DiegoSicilianiId, "DiegoS@contoso.com");
        await using var provider = GuardrailHost.Build(Harness, credential, register: s => s.AddSingleton<IEntraAuditSink>(sink));

        var result = await provider.GetRequiredService<IEntraActions>().RemoveMemberFromGroupAsync(DemoTenant.MeganBowenId, DemoTenant.HrTaskforceGroupId, DryRun);

        result.Value!.IsDryRun.Should().BeTrue();
        var audit = sink.Events.Should().ContainSingle().Subject;
        audit.ActingIdentity.Should().Be("DiegoS@contoso.com");
        audit.TenantId.Should().Be(DemoTenant.TenantId);
        audit.IsDryRun.Should().BeTrue();
        audit.Outcome.Should().Be(MembershipOutcome.Removed);
        audit.GraphRequestIds.Should().HaveCount(Emulator.Journal.Count);
        Emulator.Journal.Writes().Should().BeEmpty();
    }

    [Fact]
    public async Task Audit_EveryAttemptKind_OneEventEach()
    {
        var sink = new CapturingAuditSink();
        await using var provider = GuardrailHost.Build(
            Harness,
            Emulator.CreateApplicationCredential(Permissions.Connection),
            o => o.Policy.ProtectedGroupIds = [DemoTenant.RetailTeamGroupId],
            s => s.AddSingleton<IEntraAuditSink>(sink));
        var actions = provider.GetRequiredService<IEntraActions>();

        await actions.AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.ProjectFalconGroupId);
        await actions.AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.ProjectFalconGroupId, DryRun);
        await actions.RemoveMemberFromGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.RetailTeamGroupId);
        await actions.AddUserToGroupAsync("00000000-0000-4000-8000-000000000404", DemoTenant.ProjectFalconGroupId);
        await actions.AddUserToGroupAsync("not a user", DemoTenant.ProjectFalconGroupId);

        var events = sink.Events;
        events.Should().HaveCount(5);
        events[0].Outcome.Should().Be(MembershipOutcome.Added);
        events[1].Outcome.Should().Be(MembershipOutcome.AlreadyMember);
        events[1].IsDryRun.Should().BeTrue();
        events[2].ErrorKind.Should().Be(EntraErrorKind.PolicyDenied);
        events[2].PolicyRule.Should().Be("ProtectedGroupIds");
        events[2].GroupDisplayName.Should().Be("Retail Team");
        events[3].ErrorKind.Should().Be(EntraErrorKind.NotFound);
        events[3].UserId.Should().Be("00000000-0000-4000-8000-000000000404");
        events[3].GraphRequestIds.Should().NotBeEmpty();
        events[4].ErrorKind.Should().Be(EntraErrorKind.InvalidInput);
        events[4].UserId.Should().BeNull();
        events[4].GroupId.Should().BeNull();
        events.Select(e => e.CorrelationId).Should().OnlyHaveUniqueItems();
        events.Should().OnlyContain(e => e.TenantId == DemoTenant.TenantId && e.ActingIdentity == DemoTenant.ApplicationId);
    }

    [Fact]
    public async Task Audit_CallerCancels_CancelledEventAndTheCallThrows()
    {
        var sink = new CapturingAuditSink();
        await using var provider = GuardrailHost.Build(Harness, Emulator.CreateApplicationCredential(Permissions.Connection), register: s => s.AddSingleton<IEntraAuditSink>(sink));
        var actions = provider.GetRequiredService<IEntraActions>();
        Emulator.Faults.AddLatency(TimeSpan.FromSeconds(30), method: "GET");
        using var cancellation = new CancellationTokenSource();

        // Cancelled once the call has started (and waits on the slow read), so the attempt is audited.
        var act = () =>
        {
            var call = actions.AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.ProjectFalconGroupId, cancellation.Token);
            cancellation.CancelAfter(TimeSpan.FromMilliseconds(100));
            return call;
        };

        await act.Should().ThrowAsync<OperationCanceledException>();
        var audit = sink.Events.Should().ContainSingle().Subject;
        audit.ErrorKind.Should().Be(EntraErrorKind.Cancelled);
        audit.GroupId.Should().Be(DemoTenant.ProjectFalconGroupId);
        Emulator.Journal.Writes().Should().BeEmpty();
    }

    [Fact]
    public async Task Audit_SinkThatHangsAndOneThatThrows_ActionStillReturnsAndBothAreLogged()
    {
        var logs = new CapturingLoggerProvider();
        using var release = new ManualResetEventSlim();
        await using var provider = GuardrailHost.Build(
            Harness,
            Emulator.CreateApplicationCredential(Permissions.Connection),
            o => o.AuditSinkTimeout = TimeSpan.FromMilliseconds(100),
            s =>
            {
                s.AddSingleton<IEntraAuditSink>(new BlockingSink(release));
                s.AddSingleton<IEntraAuditSink>(new ThrowingSink());
            },
            logs);
        var watch = Stopwatch.StartNew();

        try
        {
            var result = await provider.GetRequiredService<IEntraActions>().AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.ProjectFalconGroupId);

            watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
            result.Value!.Outcome.Should().Be(MembershipOutcome.Added);
            IsMember(DemoTenant.ProjectFalconGroupId, DemoTenant.AdeleVanceId).Should().BeTrue();
            logs.Entries.Should().Contain(e => e.EventId.Id == 7002 && e.Message.Contains(nameof(BlockingSink)));
            logs.Entries.Should().Contain(e => e.EventId.Id == 7001 && e.Message.Contains(nameof(ThrowingSink)));
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public async Task Audit_DefaultLogSink_WritesEventId7000InTheAuditCategory()
    {
        var logs = new CapturingLoggerProvider();
        await using var provider = GuardrailHost.Build(Harness, Emulator.CreateApplicationCredential(Permissions.Connection), logs: logs);

        await provider.GetRequiredService<IEntraActions>().AddUserToGroupAsync(DemoTenant.AdeleVanceUpn, DemoTenant.ProjectFalconGroupId, DryRun);

        var entry = logs.Entries.Should().ContainSingle(e => e.EventId.Id == 7000).Subject;
        entry.Category.Should().Be("Entra.Actions.Audit");
        entry.Message.Should().Contain("entra.add_user_to_group").And.Contain("Added (dry run)").And.Contain(DemoTenant.AdeleVanceId)
            .And.Contain(DemoTenant.AdeleVanceUpn).And.Contain(DemoTenant.ProjectFalconGroupId).And.Contain(DemoTenant.ApplicationId).And.Contain(DemoTenant.TenantId);
    }

    [Fact]
    public async Task Audit_NamedConnection_HostSinkGetsTheConnectionsNameAndPolicyApplies()
    {
        var sink = new CapturingAuditSink();
        await using var provider = GuardrailHost.Build(Harness, Emulator.CreateApplicationCredential(Permissions.Connection), register: s => s.AddSingleton<IEntraAuditSink>(sink));
        var baseUrl = Harness.BaseUrl;
        var credential = Emulator.CreateApplicationCredential(Permissions.Connection);
        var connection = provider.GetRequiredService<IEntraConnectionFactory>().GetOrCreateConnection("Customer-42", o =>
        {
            o.GraphBaseUrl = baseUrl;
            o.Credential = credential;
            o.Policy.ProtectedGroupIds = [DemoTenant.HrTaskforceGroupId];
        });

        var denied = await connection.Actions.RemoveMemberFromGroupAsync(DemoTenant.MeganBowenId, DemoTenant.HrTaskforceGroupId);
        var dryRun = await connection.Actions.AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.ProjectFalconGroupId, DryRun);

        denied.Error!.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        dryRun.Value!.IsDryRun.Should().BeTrue();
        sink.Events.Should().HaveCount(2).And.OnlyContain(e => e.ConnectionName == "Customer-42" && e.TenantId == DemoTenant.TenantId);
        sink.Events[0].PolicyRule.Should().Be("ProtectedGroupIds");
        Emulator.Journal.Writes().Should().BeEmpty();
    }

    private sealed class BlockingSink(ManualResetEventSlim release) : IEntraAuditSink
    {
        public ValueTask WriteAsync(EntraAuditEvent auditEvent, CancellationToken cancellationToken = default)
        {
            release.Wait(TimeSpan.FromSeconds(30), CancellationToken.None);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class ThrowingSink : IEntraAuditSink
    {
        public ValueTask WriteAsync(EntraAuditEvent auditEvent, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("audit store down");
    }

    public sealed class InProcess : SingleWriteGuardrailTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    public sealed class Kestrel : SingleWriteGuardrailTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }
}
