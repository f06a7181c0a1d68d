using System.Text.Json;
using Entra.Actions.Connections.Internal;
using Entra.Actions.Graph.Internal;
using Entra.Actions.Policy.Internal;
using Entra.Actions.Tests.TestSupport;
using Microsoft.Extensions.Logging.Testing;
using static Entra.Actions.Tests.TestData;

namespace Entra.Actions.Tests.Policy;

public sealed class WriteGuardTests
{
    private const string Action = "entra.add_user_to_group";
    private const string OtherGroupId = "5b1e2c3d-4f5a-4b6c-8d7e-9f0a1b2c3d4e";

    private static WriteGuard Guard(
        Action<EntraWritePolicyOptions>? policy = null,
        IEnumerable<IEntraWritePolicy>? hostPolicies = null,
        string? token = null,
        string? connection = null,
        FakeLogger<WriteGuard>? logger = null)
    {
        var options = new EntraActionsOptions();
        policy?.Invoke(options.Policy);
        TokenIdentity? identity = null;
        if (token is not null)
        {
            identity = new TokenIdentity();
            identity.Observe(token);
        }

        return new WriteGuard(
            Microsoft.Extensions.Options.Options.Create(options),
            hostPolicies ?? [],
            connection is null ? null : new CurrentConnection(connection),
            identity,
            logger);
    }

    [Theory]
    [InlineData("{5b1e2c3d-4f5a-4b6c-8d7e-9f0a1b2c3d4e}")]
    [InlineData("finance")]
    [InlineData("")]
    public void Constructor_UnvalidatedGroupIdThatIsNoGuid_RefusesToBuildRatherThanDropIt(string bad)
    {
        // Options handed to an action's public constructor are not validated at start-up; dropping the entry would fail open.
        var allowed = () => Guard(p => p.AllowedGroupIds = [bad]);
        var protectedIds = () => Guard(p => p.ProtectedGroupIds = [OtherGroupId, bad]);

        allowed.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*Policy:AllowedGroupIds:0*");
        protectedIds.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*Policy:ProtectedGroupIds:1*");
    }

    private static EntraGroup GroupWithId(string id, bool roleAssignable = false) =>
        new() { Id = id, DisplayName = "G", SecurityEnabled = true, IsAssignableToRole = roleAssignable };

    private static EntraUser UserWith(string? userType, string upn = Upn) => new()
    {
        Id = UserId,
        UserPrincipalName = upn,
        AdditionalProperties = userType is null
            ? new Dictionary<string, JsonElement>()
            : new Dictionary<string, JsonElement> { ["userType"] = JsonSerializer.SerializeToElement(userType) },
    };

    [Theory]
    [InlineData(GroupId)]
    [InlineData(GroupIdUpper)]
    [InlineData("  " + GroupId + " ")]
    public void CheckGroup_ProtectedGroupInAnyCaseOrPadded_IsRefusedNamingTheRule(string configured)
    {
        var guard = Guard(p => p.ProtectedGroupIds = [configured]);

        var denial = guard.CheckGroup(Action, isAdd: true, SecurityGroup(), UserId);

        denial.Should().NotBeNull();
        denial!.Rule.Should().Be("ProtectedGroupIds");
        denial.Error.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        denial.Error.Message.Should().Contain("rule ProtectedGroupIds").And.Contain("No write was sent").And.Contain(GroupId).And.Contain(UserId);
    }

    [Fact]
    public void CheckGroup_GroupReadInUpperCase_MatchesProtectedLowerCase()
    {
        var guard = Guard(p => p.ProtectedGroupIds = [GroupId]);

        guard.CheckGroup(Action, isAdd: false, GroupWithId(GroupIdUpper))!.Rule.Should().Be("ProtectedGroupIds");
    }

    [Fact]
    public void CheckGroup_OtherGroupProtected_Passes() =>
        Guard(p => p.ProtectedGroupIds = [OtherGroupId]).CheckGroup(Action, isAdd: true, SecurityGroup()).Should().BeNull();

    [Fact]
    public void CheckGroup_AllowedEmpty_AllowsEveryGroup() =>
        Guard().CheckGroup(Action, isAdd: true, SecurityGroup()).Should().BeNull();

    [Fact]
    public void CheckGroup_AllowedListsTheGroup_Passes() =>
        Guard(p => p.AllowedGroupIds = [OtherGroupId, GroupIdUpper]).CheckGroup(Action, isAdd: true, SecurityGroup()).Should().BeNull();

    [Theory]
    [InlineData(true, "adding user")]
    [InlineData(false, "removing member")]
    public void CheckGroup_AllowedOmitsTheGroup_IsRefusedNamingTheRule(bool isAdd, string what)
    {
        var denial = Guard(p => p.AllowedGroupIds = [OtherGroupId]).CheckGroup(Action, isAdd, SecurityGroup(), UserId);

        denial!.Rule.Should().Be("AllowedGroupIds");
        denial.Error.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        denial.Error.Message.Should().Contain(what).And.Contain("rule AllowedGroupIds").And.Contain("No write was sent");
    }

    [Fact]
    public void CheckGroup_ProtectedAndAllowed_ProtectedWins() =>
        Guard(p =>
        {
            p.ProtectedGroupIds = [GroupId];
            p.AllowedGroupIds = [GroupId];
        }).CheckGroup(Action, isAdd: true, SecurityGroup())!.Rule.Should().Be("ProtectedGroupIds");

    [Fact]
    public void CheckGroup_WholeGroupOfABulkCall_NamesTheGroupOnly()
    {
        var denial = Guard(p => p.ProtectedGroupIds = [GroupId]).CheckGroup("entra.bulk_add_users_to_group", isAdd: true, SecurityGroup());

        denial!.Error.Message.Should().Contain($"adding members to group '{GroupId}'");
    }

    [Fact]
    public void CheckGroup_Denial_IsLoggedWithTheRule()
    {
        var logger = new FakeLogger<WriteGuard>();

        Guard(p => p.ProtectedGroupIds = [GroupId], logger: logger).CheckGroup(Action, isAdd: true, SecurityGroup());

        var record = logger.Collector.GetSnapshot().Should().ContainSingle().Subject;
        record.Id.Id.Should().Be(7003);
        record.StructuredState.Should().Contain(new KeyValuePair<string, string?>("Rule", "ProtectedGroupIds"));
    }

    [Theory]
    [InlineData("Guest", Upn)]
    [InlineData("guest", Upn)]
    [InlineData(null, GuestUpn)]
    public async Task CheckMemberAsync_GuestAddedWithRefuseGuests_IsRefused(string? userType, string upn)
    {
        var denial = await Guard(p => p.RefuseGuests = true)
            .CheckMemberAsync(Action, isAdd: true, UserId, UserWith(userType, upn), SecurityGroup(), isDryRun: false, CancellationToken.None);

        denial!.Rule.Should().Be("RefuseGuests");
        denial.Error.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        denial.Error.Message.Should().Contain("guest").And.Contain("rule RefuseGuests").And.Contain("No write was sent");
    }

    [Fact]
    public async Task CheckMemberAsync_MemberTypeWithGuestLikeUpn_TrustsUserType() =>
        (await Guard(p => p.RefuseGuests = true)
            .CheckMemberAsync(Action, isAdd: true, UserId, UserWith("Member", GuestUpn), SecurityGroup(), isDryRun: false, CancellationToken.None))
            .Should().BeNull();

    [Fact]
    public async Task CheckMemberAsync_GuestWithoutRefuseGuests_Passes() =>
        (await Guard().CheckMemberAsync(Action, isAdd: true, UserId, UserWith("Guest"), SecurityGroup(), isDryRun: false, CancellationToken.None))
            .Should().BeNull();

    [Fact]
    public async Task CheckMemberAsync_MemberNotRead_IsNotRefusedAsGuest() =>
        (await Guard(p => p.RefuseGuests = true)
            .CheckMemberAsync(Action, isAdd: true, UserId, user: null, SecurityGroup(), isDryRun: false, CancellationToken.None))
            .Should().BeNull();

    [Fact]
    public async Task CheckMemberAsync_GuestRemoved_IsNeverRefused() =>
        (await Guard(p => p.RefuseGuests = true)
            .CheckMemberAsync("entra.remove_member_from_group", isAdd: false, UserId, UserWith("Guest", GuestUpn), SecurityGroup(), isDryRun: false, CancellationToken.None))
            .Should().BeNull();

    [Fact]
    public void CheckBulkSize_AtTheLimit_Passes() =>
        Guard(p => p.MaxBulkItems = 5).CheckBulkSize("entra.bulk_add_users_to_group", 5).Should().BeNull();

    [Fact]
    public void CheckBulkSize_OneOverTheLimit_IsRefusedNamingTheRule()
    {
        var denial = Guard(p => p.MaxBulkItems = 5).CheckBulkSize("entra.bulk_add_users_to_group", 6);

        denial!.Rule.Should().Be("MaxBulkItems");
        denial.Error.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        denial.Error.Message.Should().Contain("6 items").And.Contain("at most 5").And.Contain("rule MaxBulkItems").And.Contain("No request was sent");
    }

    [Fact]
    public async Task CheckMemberAsync_HostPolicies_RunInRegistrationOrderAndSeeTheRequest()
    {
        var calls = new List<string>();
        var first = new RecordingPolicy("first", calls, EntraWriteDecision.Allow);
        var second = new RecordingPolicy("second", calls, EntraWriteDecision.Allow);
        var user = User();

        var denial = await Guard(hostPolicies: [first, second], connection: "contoso")
            .CheckMemberAsync(Action, isAdd: true, UserId, user, SecurityGroup(), isDryRun: true, CancellationToken.None);

        denial.Should().BeNull();
        calls.Should().Equal("first", "second");
        var request = first.Requests.Should().ContainSingle().Subject;
        request.ActionId.Should().Be(Action);
        request.ConnectionName.Should().Be("contoso");
        request.IsAdd.Should().BeTrue();
        request.MemberId.Should().Be(UserId);
        request.User.Should().BeSameAs(user);
        request.Group.Id.Should().Be(GroupId);
        request.IsDryRun.Should().BeTrue();
    }

    [Fact]
    public async Task CheckMemberAsync_FirstDenialWins_WithItsReasonAndTypeNameAsRule()
    {
        var calls = new List<string>();
        var policies = new IEntraWritePolicy[]
        {
            new RecordingPolicy("allow", calls, EntraWriteDecision.Allow),
            new DenyingPolicy("only HR may change Finance groups", calls),
            new RecordingPolicy("after", calls, EntraWriteDecision.Deny("never reached")),
        };

        var denial = await Guard(hostPolicies: policies).CheckMemberAsync(Action, isAdd: true, UserId, User(), SecurityGroup(), isDryRun: false, CancellationToken.None);

        denial!.Rule.Should().Be(nameof(DenyingPolicy));
        denial.Error.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        denial.Error.Message.Should().Contain("only HR may change Finance groups").And.Contain($"rule {nameof(DenyingPolicy)}").And.Contain("No write was sent");
        calls.Should().Equal("allow", "deny");
    }

    [Fact]
    public async Task CheckAsync_GroupRuleRefuses_HostPoliciesAreNotAsked()
    {
        var calls = new List<string>();

        var denial = await Guard(p => p.ProtectedGroupIds = [GroupId], [new RecordingPolicy("p", calls, EntraWriteDecision.Allow)])
            .CheckAsync(Action, isAdd: true, UserId, User(), SecurityGroup(), isDryRun: false, CancellationToken.None);

        denial!.Rule.Should().Be("ProtectedGroupIds");
        calls.Should().BeEmpty();
    }

    [Fact]
    public async Task CheckAsync_GuestRefused_HostPoliciesAreNotAsked()
    {
        var calls = new List<string>();

        var denial = await Guard(p => p.RefuseGuests = true, [new RecordingPolicy("p", calls, EntraWriteDecision.Allow)])
            .CheckAsync(Action, isAdd: true, UserId, UserWith("Guest"), SecurityGroup(), isDryRun: false, CancellationToken.None);

        denial!.Rule.Should().Be("RefuseGuests");
        calls.Should().BeEmpty();
    }

    [Fact]
    public async Task CheckMemberAsync_PolicyThrows_DeniesAndLogs()
    {
        var logger = new FakeLogger<WriteGuard>();

        var denial = await Guard(hostPolicies: [new ThrowingPolicy(new InvalidOperationException("lookup failed"))], logger: logger)
            .CheckMemberAsync(Action, isAdd: true, UserId, User(), SecurityGroup(), isDryRun: false, CancellationToken.None);

        denial!.Rule.Should().Be(nameof(ThrowingPolicy));
        denial.Error.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        denial.Error.Message.Should().Contain("failed").And.Contain(nameof(InvalidOperationException)).And.Contain("No write was sent");
        logger.Collector.GetSnapshot().Select(r => r.Id.Id).Should().Contain(7004);
    }

    [Fact]
    public async Task CheckMemberAsync_PolicyThrowsCancellationOfItsOwn_Denies()
    {
        var denial = await Guard(hostPolicies: [new ThrowingPolicy(new OperationCanceledException())])
            .CheckMemberAsync(Action, isAdd: true, UserId, User(), SecurityGroup(), isDryRun: false, CancellationToken.None);

        denial!.Error.Kind.Should().Be(EntraErrorKind.PolicyDenied);
    }

    [Fact]
    public async Task CheckMemberAsync_PolicyReturnsNull_Denies()
    {
        var denial = await Guard(hostPolicies: [new NullPolicy()])
            .CheckMemberAsync(Action, isAdd: true, UserId, User(), SecurityGroup(), isDryRun: false, CancellationToken.None);

        denial!.Rule.Should().Be(nameof(NullPolicy));
        denial.Error.Kind.Should().Be(EntraErrorKind.PolicyDenied);
        denial.Error.Message.Should().Contain("no decision").And.Contain("No write was sent");
    }

    [Fact]
    public async Task CheckMemberAsync_CallerCancels_CancellationPropagates()
    {
        using var cancellation = new CancellationTokenSource();
        var guard = Guard(hostPolicies: [new CancellingPolicy(cancellation)]);

        var act = async () => await guard.CheckMemberAsync(Action, isAdd: true, UserId, User(), SecurityGroup(), isDryRun: false, cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public void CheckWritePermission_NoToken_Passes() =>
        Guard().CheckWritePermission(SecurityGroup()).Should().BeNull();

    [Fact]
    public void CheckWritePermission_OpaqueToken_Passes() =>
        Guard(token: "not-a-jwt").CheckWritePermission(SecurityGroup()).Should().BeNull();

    [Theory]
    [InlineData("User.Read.All GroupMember.Read.All")]
    [InlineData("Group.Read.All Directory.Read.All")]
    public void CheckWritePermission_DelegatedWithoutWrite_IsForbidden(string scp)
    {
        var error = Guard(token: TestJwt.Delegated(scp)).CheckWritePermission(SecurityGroup());

        error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        error.Message.Should().Contain("GroupMember.ReadWrite.All").And.Contain("No write was sent").And.Contain(GroupId);
    }

    [Fact]
    public void CheckWritePermission_AppWithoutWrite_IsForbidden() =>
        Guard(token: TestJwt.Application("User.Read.All", "GroupMember.Read.All")).CheckWritePermission(SecurityGroup())!.Kind.Should().Be(EntraErrorKind.Forbidden);

    [Theory]
    [InlineData("GroupMember.ReadWrite.All")]
    [InlineData("Group.ReadWrite.All")]
    [InlineData("Directory.ReadWrite.All")]
    [InlineData("Directory.AccessAsUser.All")]
    public void CheckWritePermission_DelegatedImplyingWrite_Passes(string scp) =>
        Guard(token: TestJwt.Delegated("User.Read.All " + scp)).CheckWritePermission(SecurityGroup()).Should().BeNull();

    [Theory]
    [InlineData("GroupMember.ReadWrite.All")]
    [InlineData("Group.ReadWrite.All")]
    public void CheckWritePermission_AppImplyingWrite_Passes(string role) =>
        Guard(token: TestJwt.Application("User.Read.All", role)).CheckWritePermission(SecurityGroup()).Should().BeNull();

    [Fact]
    public void CheckWritePermission_AppWithDirectoryAccessAsUser_IsForbidden() =>
        Guard(token: TestJwt.Application("Directory.AccessAsUser.All")).CheckWritePermission(SecurityGroup())!.Kind.Should().Be(EntraErrorKind.Forbidden);

    [Fact]
    public void CheckWritePermission_RoleAssignableWithoutRoleManagement_IsForbidden()
    {
        var error = Guard(token: TestJwt.Delegated("GroupMember.ReadWrite.All")).CheckWritePermission(GroupWithId(GroupId, roleAssignable: true));

        error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        error.Message.Should().Contain("RoleManagement.ReadWrite.Directory").And.Contain("No write was sent");
    }

    [Fact]
    public void CheckWritePermission_RoleAssignableWithRoleManagement_Passes() =>
        Guard(token: TestJwt.Delegated("GroupMember.ReadWrite.All RoleManagement.ReadWrite.Directory"))
            .CheckWritePermission(GroupWithId(GroupId, roleAssignable: true)).Should().BeNull();

    [Fact]
    public void CheckWritePermission_NewTokenObserved_UsesItsClaims()
    {
        var identity = new TokenIdentity();
        identity.Observe(TestJwt.Delegated("GroupMember.Read.All"));
        var guard = new WriteGuard(Microsoft.Extensions.Options.Options.Create(new EntraActionsOptions()), [], identity: identity);
        guard.CheckWritePermission(SecurityGroup()).Should().NotBeNull();

        identity.Observe(TestJwt.Delegated("GroupMember.ReadWrite.All"));

        guard.CheckWritePermission(SecurityGroup()).Should().BeNull();
    }

    private sealed class RecordingPolicy(string name, List<string> calls, EntraWriteDecision decision) : IEntraWritePolicy
    {
        public List<EntraWriteRequest> Requests { get; } = [];

        public ValueTask<EntraWriteDecision> EvaluateAsync(EntraWriteRequest request, CancellationToken cancellationToken = default)
        {
            calls.Add(name);
            Requests.Add(request);
            return ValueTask.FromResult(decision);
        }
    }

    private sealed class DenyingPolicy(string reason, List<string> calls) : IEntraWritePolicy
    {
        public ValueTask<EntraWriteDecision> EvaluateAsync(EntraWriteRequest request, CancellationToken cancellationToken = default)
        {
            calls.Add("deny");
            return ValueTask.FromResult(EntraWriteDecision.Deny(reason));
        }
    }

    private sealed class ThrowingPolicy(Exception exception) : IEntraWritePolicy
    {
        public ValueTask<EntraWriteDecision> EvaluateAsync(EntraWriteRequest request, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<EntraWriteDecision>(exception);
    }

    private sealed class NullPolicy : IEntraWritePolicy
    {
        public ValueTask<EntraWriteDecision> EvaluateAsync(EntraWriteRequest request, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<EntraWriteDecision>(null!);
    }

    private sealed class CancellingPolicy(CancellationTokenSource source) : IEntraWritePolicy
    {
        public async ValueTask<EntraWriteDecision> EvaluateAsync(EntraWriteRequest request, CancellationToken cancellationToken = default)
        {
            await source.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            return EntraWriteDecision.Allow;
        }
    }
}
