using System.Diagnostics;
using Entra.Actions.IntegrationTests.Support;

namespace Entra.Actions.IntegrationTests.Resilience;

public abstract class RetryTests : EmulatorTestBase
{
    [Fact]
    public async Task LookupUser_429WithDecimalRetryAfter_WaitsThenSucceeds()
    {
        Emulator.Faults.FailNext(1, 429, "GET", "/users/*", retryAfter: "0.2");

        var result = await Actions.LookupUserAsync(DemoTenant.AdeleVanceId);

        result.Succeeded.Should().BeTrue(result.ToString());
        var attempts = Emulator.Journal.For("GET", "/users/");
        attempts.Select(e => e.StatusCode).Should().Equal(429, 200);
        var gap = attempts[1].Timestamp - attempts[0].Timestamp;
        gap.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(195), "Retry-After: 0.2 must be honoured");
        gap.Should().BeLessThan(TimeSpan.FromSeconds(1.5), "a decimal Retry-After must not fall back to a multi-second default delay");
        attempts[1].Headers.Should().ContainKey("Retry-Attempt");
    }

    [Fact]
    public async Task AddUserToGroup_429OnWriteWithRetryAfter_ResendsSameBodyAndAdds()
    {
        Emulator.Faults.FailNext(1, 429, "POST", "/groups/*/members/$ref", retryAfter: "0.2");

        var result = await Actions.AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.ProjectFalconGroupId);

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Value!.Outcome.Should().Be(MembershipOutcome.Added);
        IsMember(DemoTenant.ProjectFalconGroupId, DemoTenant.AdeleVanceId).Should().BeTrue();
        var posts = Emulator.Journal.For("POST", $"/groups/{DemoTenant.ProjectFalconGroupId}/members/$ref");
        posts.Select(e => e.StatusCode).Should().Equal(429, 204);
        posts[1].Body.Should().Be(posts[0].Body).And.Contain(DemoTenant.AdeleVanceId);
        (posts[1].Timestamp - posts[0].Timestamp).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(195));
    }

    [Fact]
    public async Task AddUserToGroup_429AfterChangeApplied_SucceedsAndIsMember()
    {
        // Graph sometimes answers 429 to a write it applied; the retry then finds the member already there.
        Emulator.Faults.FailNext(1, 429, "POST", "/groups/*/members/$ref", retryAfter: "0.05", applyRequest: true);

        var result = await Actions.AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.ProjectFalconGroupId);

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Value!.Outcome.Should().BeOneOf(MembershipOutcome.Added, MembershipOutcome.AlreadyMember);
        IsMember(DemoTenant.ProjectFalconGroupId, DemoTenant.AdeleVanceId).Should().BeTrue();
    }

    [Fact]
    public async Task RemoveMemberFromGroup_429AfterChangeApplied_SucceedsAndNotMember()
    {
        Emulator.Faults.FailNext(1, 429, "DELETE", "/groups/*/members/*/$ref", retryAfter: "0.05", applyRequest: true);

        var result = await Actions.RemoveMemberFromGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.RetailTeamGroupId);

        result.Succeeded.Should().BeTrue(result.ToString());
        result.Value!.Outcome.Should().BeOneOf(MembershipOutcome.Removed, MembershipOutcome.NotAMember);
        IsMember(DemoTenant.RetailTeamGroupId, DemoTenant.AdeleVanceId).Should().BeFalse();
    }

    [Fact]
    public async Task LookupUser_PersistentThrottling_ThrottledAfterMaxRetryAttempts()
    {
        const int maxRetries = 2;
        var actions = Harness.CreateActions(Permissions.Connection, o => o.MaxRetryAttempts = maxRetries);
        Emulator.Faults.FailNext(1000, 429, "GET", "/users/*", retryAfter: "0.05");

        var result = await actions.LookupUserAsync(DemoTenant.AdeleVanceId);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.Throttled);
        result.Error.StatusCode.Should().Be(429);
        Emulator.Journal.For("GET", "/users/").Should().HaveCount(maxRetries + 1).And.OnlyContain(e => e.StatusCode == 429);
    }

    [Fact]
    public async Task AddUserToGroup_PersistentThrottling_ThrottledWithinMaxRetryDuration()
    {
        var actions = Harness.CreateActions(Permissions.Connection, o =>
        {
            o.MaxRetryAttempts = 10; // the validator's maximum: the duration bound must stop it first
            o.MaxRetryDuration = TimeSpan.FromSeconds(0.5);
        });
        Emulator.Faults.FailNext(1000, 429, "POST", "/groups/*/members/$ref", retryAfter: "0.2");
        var watch = Stopwatch.StartNew();

        var result = await actions.AddUserToGroupAsync(DemoTenant.AdeleVanceId, DemoTenant.ProjectFalconGroupId);

        watch.Stop();
        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.Throttled);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "retries stop once the next wait would pass MaxRetryDuration");
        var posts = Emulator.Journal.For("POST", "/groups/");
        posts.Should().HaveCountGreaterThanOrEqualTo(2).And.HaveCountLessThanOrEqualTo(3, "0.5 s allows at most two 0.2 s waits");
        (posts[^1].Timestamp - posts[0].Timestamp).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(195 * (posts.Count - 1)), "each wait honours Retry-After");
        IsMember(DemoTenant.ProjectFalconGroupId, DemoTenant.AdeleVanceId).Should().BeFalse();
    }

    [Fact]
    public async Task LookupGroup_503ThenSuccess_Retried()
    {
        Emulator.Faults.FailNext(1, 503, "GET", "/groups/*", retryAfter: "0.05");

        var result = await Actions.LookupGroupAsync(DemoTenant.RetailTeamGroupId);

        result.Succeeded.Should().BeTrue(result.ToString());
        Emulator.Journal.For("GET", "/groups/").Select(e => e.StatusCode).Should().Equal(503, 200);
    }

    [Fact]
    public async Task LookupGroup_504ThenSuccess_Retried()
    {
        Emulator.Faults.FailNext(2, 504, "GET", "/groups/*", retryAfter: "0.05");

        var result = await Actions.LookupGroupAsync(DemoTenant.RetailTeamGroupId);

        result.Succeeded.Should().BeTrue(result.ToString());
        Emulator.Journal.For("GET", "/groups/").Select(e => e.StatusCode).Should().Equal(504, 504, 200);
    }

    [Fact]
    public async Task LookupGroup_Persistent503_ServiceErrorAfterRetries()
    {
        var actions = Harness.CreateActions(Permissions.Connection, o => o.MaxRetryAttempts = 1);
        Emulator.Faults.FailNext(1000, 503, "GET", "/groups/*", retryAfter: "0.05");

        var result = await actions.LookupGroupAsync(DemoTenant.RetailTeamGroupId);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Error.StatusCode.Should().Be(503);
        Emulator.Journal.For("GET", "/groups/").Should().HaveCount(2);
    }

    [Fact]
    public async Task LookupUser_500_ServiceErrorNotRetried()
    {
        Emulator.Faults.FailNext(1, 500, "GET", "/users/*");

        var result = await Actions.LookupUserAsync(DemoTenant.AdeleVanceId);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.ServiceError);
        result.Error.StatusCode.Should().Be(500);
        result.Error.RequestId.Should().NotBeNullOrEmpty();
        Emulator.Journal.Count.Should().Be(1);
    }

    public sealed class InProcess : RetryTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    public sealed class Kestrel : RetryTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }
}
