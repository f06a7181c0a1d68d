using System.Diagnostics;
using System.Text.Json;
using Entra.Actions.Emulator.Tests.Support;

namespace Entra.Actions.Emulator.Tests.Testing;

public class FaultAndJournalTests
{
    private readonly GraphEmulator _emulator = Emulators.Demo();
    private static string AdelePath => $"v1.0/users/{DemoTenant.AdeleVanceId}";

    [Fact]
    public async Task FailNext_TwoFailuresWithRetryAfter_ThenServes()
    {
        var rule = _emulator.Faults.FailNext(2, 503, "GET", "/users/*", retryAfter: "2.128");
        var api = Api.App(_emulator);

        var replies = new[] { await api.GetAsync(AdelePath), await api.GetAsync(AdelePath), await api.GetAsync(AdelePath) };

        replies.Select(r => r.Status).Should().Equal(503, 503, 200);
        replies[0].Header("Retry-After").Should().Be("2.128");
        replies[0].ErrorCode.Should().Be("ServiceUnavailable");
        rule.Hits.Should().Be(2);
        rule.IsExhausted.Should().BeTrue();
    }

    [Fact]
    public async Task FailNext_Injected429_HasThrottleBody()
    {
        _emulator.Faults.FailNext(1, 429, retryAfter: "1");

        var reply = await Api.App(_emulator).GetAsync(AdelePath);

        reply.Status.Should().Be(429);
        reply.ErrorCode.Should().Be("TooManyRequests");
        reply.Header("Retry-After").Should().Be("1");
    }

    [Fact]
    public async Task FailNext_PathMismatch_DoesNotFire()
    {
        _emulator.Faults.FailNext(1, 500, path: "/groups/*");

        var reply = await Api.App(_emulator).GetAsync(AdelePath);

        reply.Status.Should().Be(200);
    }

    [Fact]
    public async Task FailNext_ApplyRequest_ChangeIsAppliedButClientSees429()
    {
        _emulator.Faults.FailNext(1, 429, "POST", "/v1.0/groups/*/members/$ref", retryAfter: "1", applyRequest: true);

        var reply = await Api.App(_emulator).PostAsync($"v1.0/groups/{DemoTenant.ProjectFalconGroupId}/members/$ref", new Dictionary<string, string> { ["@odata.id"] = Emulators.Ref(DemoTenant.AdeleVanceId) });

        reply.Status.Should().Be(429);
        _emulator.Directory.IsMember(Guid.Parse(DemoTenant.ProjectFalconGroupId), Guid.Parse(DemoTenant.AdeleVanceId)).Should().BeTrue();
    }

    [Fact]
    public async Task ThrottleWritesNext_AnswersGraphsWriteQuota429WithItsScopeAndInformation()
    {
        _emulator.Faults.ThrottleWritesNext(1, "POST", "/v1.0/groups/*/members/$ref", retryAfter: "3");
        var api = Api.App(_emulator);

        var reply = await api.PostAsync($"v1.0/groups/{DemoTenant.ProjectFalconGroupId}/members/$ref", new Dictionary<string, string> { ["@odata.id"] = Emulators.Ref(DemoTenant.AdeleVanceId) });
        var plain = await api.GetAsync(AdelePath);

        reply.Status.Should().Be(429);
        reply.ErrorCode.Should().Be("TooManyRequests");
        reply.Header("Retry-After").Should().Be("3");
        reply.Header("x-ms-throttle-information").Should().Be("WriteLimitExceeded");
        reply.Header("x-ms-throttle-scope").Should().MatchRegex($"^Tenant_Application/Write/[0-9a-f-]{{36}}/{DemoTenant.TenantId}$", "the scope names the calling app and the tenant");
        _emulator.Directory.IsMember(Guid.Parse(DemoTenant.ProjectFalconGroupId), Guid.Parse(DemoTenant.AdeleVanceId)).Should().BeFalse("the write was refused");
        plain.Status.Should().Be(200, "one write was throttled, nothing else");
    }

    [Fact]
    public async Task DropConnection_InProcess_ThrowsHttpRequestException()
    {
        _emulator.Faults.DropConnection();
        var api = Api.App(_emulator);

        var act = () => api.GetAsync(AdelePath);

        await act.Should().ThrowAsync<HttpRequestException>();
        (await api.GetAsync(AdelePath)).Status.Should().Be(200);
        _emulator.Journal.Entries[0].StatusCode.Should().Be(0);
    }

    [Fact]
    public async Task MalformedBody_ServesTruncatedJson()
    {
        _emulator.Faults.MalformedBody();

        var reply = await Api.App(_emulator).GetAsync(AdelePath);

        reply.Status.Should().Be(200);
        var act = () => JsonDocument.Parse(reply.Body);
        act.Should().Throw<JsonException>();
    }

    [Fact]
    public async Task AddLatency_DelaysRequest()
    {
        _emulator.Faults.AddLatency(TimeSpan.FromMilliseconds(150), times: 1);
        var stopwatch = Stopwatch.StartNew();

        await Api.App(_emulator).GetAsync(AdelePath);

        stopwatch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(140));
    }

    [Fact]
    public async Task FailNext_BatchStep_FailsOnlyMatchingStep()
    {
        _emulator.Faults.FailNext(1, 503, "GET", "/groups/*");
        var body = $$"""{"requests":[{"id":"1","method":"GET","url":"/users/{{DemoTenant.AdeleVanceId}}"},{"id":"2","method":"GET","url":"/groups/{{DemoTenant.HrTaskforceGroupId}}"}]}""";

        var reply = await Api.App(_emulator).PostAsync("v1.0/$batch", body);

        reply.Json["responses"]!.AsArray().Select(r => r!["status"]!.GetValue<int>()).Should().Equal(200, 503);
    }

    [Fact]
    public async Task Journal_RecordsRawPathQueryHeadersBodyAndStatus()
    {
        var api = Api.App(_emulator);

        await api.GetAsync("v1.0/users/jane.doe_fabrikam.com%23EXT%23@contoso.onmicrosoft.com?$select=id", ("client-request-id", "c-1"));
        await api.DeleteAsync($"v1.0/groups/{DemoTenant.HrTaskforceGroupId}/members/{DemoTenant.MeganBowenId}/$ref");

        var entries = _emulator.Journal.Entries;
        entries.Should().HaveCount(2);
        entries[0].RawPath.Should().Be("/v1.0/users/jane.doe_fabrikam.com%23EXT%23@contoso.onmicrosoft.com");
        entries[0].Query.Should().Be("$select=id");
        entries[0].Headers["client-request-id"].Should().Be("c-1");
        entries[0].Headers["Authorization"].Should().Be("(redacted)");
        entries[0].HasAuthorization.Should().BeTrue();
        entries[0].StatusCode.Should().Be(200);
        entries[1].Method.Should().Be("DELETE");
        entries[1].RawPath.Should().EndWith("/$ref");
        entries[1].StatusCode.Should().Be(204);

        _emulator.Journal.Clear();
        _emulator.Journal.Count.Should().Be(0);
    }
}
