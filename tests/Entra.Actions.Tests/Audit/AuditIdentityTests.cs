using System.Text.Json.Nodes;
using Entra.Actions.Audit.Internal;
using Entra.Actions.Graph.Internal;
using Entra.Actions.Policy.Internal;
using Entra.Actions.Telemetry.Internal;
using Entra.Actions.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Entra.Actions.Tests.Audit;

public sealed class AuditIdentityTests
{
    private static string DelegatedAs(string upn, string scp) => TestJwt.Encode(new JsonObject
    {
        ["tid"] = "11111111-1111-4111-8111-111111111111",
        ["azp"] = "22222222-2222-4222-8222-222222222222",
        ["oid"] = Guid.NewGuid().ToString(),
        ["upn"] = upn,
        ["scp"] = scp,
    });

    [Fact]
    public void Event_AnotherUsersTokenSeenAfterTheCallsOwn_NamesTheCallsOwnIdentity()
    {
        var identity = new TokenIdentity();
        var trail = new AuditTrail([], Microsoft.Extensions.Options.Options.Create(new EntraActionsOptions()), identity: identity);
        using var call = ActionCall.Start("entra.add_user_to_group", null);
        call.Claims = identity.Observe(DelegatedAs("alice@contoso.com", "GroupMember.ReadWrite.All"));

        // A concurrent call of the same connection, on behalf of someone else, gets its token after this call's.
        identity.Observe(DelegatedAs("bob@contoso.com", "User.Read.All"));

        trail.Event(call, null, null, null, null, MembershipOutcome.Added, null).ActingIdentity.Should().Be("alice@contoso.com");
    }

    [Fact]
    public void CheckWritePermission_InsideACallWithItsOwnToken_JudgesThatTokenNotTheLatest()
    {
        var identity = new TokenIdentity();
        var guard = new WriteGuard(Microsoft.Extensions.Options.Options.Create(new EntraActionsOptions()), [], identity: identity);
        var group = new EntraGroup { Id = TestData.GroupId, SecurityEnabled = true };
        using var call = ActionCall.Start("entra.add_user_to_group", null, isDryRun: true);
        call.Claims = identity.Observe(DelegatedAs("reader@contoso.com", "User.Read.All"));
        identity.Observe(DelegatedAs("writer@contoso.com", "GroupMember.ReadWrite.All"));

        guard.CheckWritePermission(group)!.Kind.Should().Be(EntraErrorKind.Forbidden);
    }

    [Fact]
    public void Event_WithTheCallsEndTime_KeepsItHoweverLateItIsBuilt()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 4, 0, 0, TimeSpan.Zero));
        var trail = new AuditTrail([], Microsoft.Extensions.Options.Options.Create(new EntraActionsOptions()), time: time);
        using var call = ActionCall.Start("entra.bulk_add_users_to_group", null);
        var endedAt = trail.Now;

        time.Advance(TimeSpan.FromMinutes(3));

        trail.Event(call, null, null, null, null, MembershipOutcome.Added, null, timestamp: endedAt).Timestamp.Should().Be(endedAt);
        trail.Event(call, null, null, null, null, MembershipOutcome.Added, null).Timestamp.Should().Be(endedAt.AddMinutes(3));
    }
}
