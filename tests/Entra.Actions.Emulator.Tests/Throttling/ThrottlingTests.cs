using System.Globalization;
using Entra.Actions.Emulator.Tests.Support;

namespace Entra.Actions.Emulator.Tests.Throttling;

public class ThrottlingTests
{
    private readonly ManualTimeProvider _time = new();

    private GraphEmulator Throttled(int ruQuota = 10, int writeQuota = 3000, double timeScale = 1, RetryAfterFormat format = RetryAfterFormat.WholeSeconds)
    {
        var options = new GraphEmulatorOptions { TimeProvider = _time };

        var emulator = new GraphEmulator(DemoTenant.Create(), options);
        emulator.Options.Throttling.ResourceUnitQuota = ruQuota;
        emulator.Options.Throttling.WriteQuota = writeQuota;
        emulator.Options.Throttling.TimeScale = timeScale;
        emulator.Options.Throttling.RetryAfterFormat = format;
        return emulator;
    }

    [Theory]
    [InlineData("v1.0/users/" + DemoTenant.AdeleVanceId, 1)]
    [InlineData("v1.0/users/" + DemoTenant.AdeleVanceId + "?$select=displayName", 1)]
    [InlineData("v1.0/users", 2)]
    [InlineData("v1.0/users?$top=5", 1)]
    [InlineData("v1.0/groups/" + DemoTenant.AllCompanyGroupId + "/members", 3)]
    [InlineData("v1.0/groups/" + DemoTenant.AllCompanyGroupId + "/members?$select=id&$top=999", 2)]
    [InlineData("v1.0/groups/" + DemoTenant.AllCompanyGroupId + "/members?$select=id&$top=5", 1)]
    [InlineData("v1.0/groups/" + DemoTenant.AllCompanyGroupId + "/transitiveMembers", 5)]
    [InlineData("v1.0/users/" + DemoTenant.AdeleVanceId + "/memberOf", 2)]
    public async Task Get_Cost_MatchesContractTable(string path, int expected)
    {
        var reply = await Api.App(new GraphEmulator(), Api.AllRead).GetAsync(path);

        reply.Header("x-ms-resource-unit").Should().Be(expected.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(1, "10")]
    [InlineData(50, "0.2")]
    [InlineData(400, "0.025")]
    public async Task Get_WholeSecondsUnderTimeScale_RoundsInGraphTimeThenCompresses(double timeScale, string expected)
    {
        var api = Api.App(Throttled(ruQuota: 3, timeScale: timeScale), Api.AllRead);
        var path = $"v1.0/groups/{DemoTenant.AllCompanyGroupId}/members";

        await api.GetAsync(path);
        var throttled = await api.GetAsync(path);

        throttled.Status.Should().Be(429);
        throttled.Header("Retry-After").Should().Be(expected, "Graph's whole second is 1/TimeScale of a real second when time is compressed");
    }

    [Fact]
    public void TenantQuota_BySize_MatchesContract()
    {
        DirectoryThrottle.TenantQuota(49).Should().Be(3500);
        DirectoryThrottle.TenantQuota(50).Should().Be(5000);
        DirectoryThrottle.TenantQuota(500).Should().Be(5000);
        DirectoryThrottle.TenantQuota(501).Should().Be(8000);
    }

    [Fact]
    public async Task Get_QuotaExhausted_Returns429WithGraphBodyAndHeaders()
    {
        var api = Api.App(Throttled(ruQuota: 3), Api.AllRead);
        var path = $"v1.0/groups/{DemoTenant.AllCompanyGroupId}/members";

        var first = await api.GetAsync(path);
        var second = await api.GetAsync(path);

        first.Status.Should().Be(200);
        first.Header("x-ms-throttle-limit-percentage").Should().Be("1.0");
        second.Status.Should().Be(429);
        second.ErrorCode.Should().Be("TooManyRequests");
        second.ErrorMessage.Should().Be("Please retry again later.");
        second.Json["error"]!["innerError"]!["status"]!.GetValue<string>().Should().Be("429");
        int.Parse(second.Header("Retry-After")!, CultureInfo.InvariantCulture).Should().BeInRange(1, 10);
        second.Header("x-ms-throttle-scope").Should().Be($"Tenant_Application/ReadWrite/{DemoTenant.ApplicationId}/{DemoTenant.TenantId}");
        second.Header("x-ms-throttle-information").Should().Be("ResourceUnitLimitExceeded");
    }

    [Fact]
    public async Task Get_Above80Percent_SendsLimitPercentage()
    {
        var api = Api.App(Throttled(ruQuota: 10), Api.AllRead);

        var replies = new List<Reply>();
        for (var i = 0; i < 9; i++)
        {
            replies.Add(await api.GetAsync($"v1.0/users/{DemoTenant.AdeleVanceId}"));
        }

        replies[7].Header("x-ms-throttle-limit-percentage").Should().BeNull();
        replies[8].Header("x-ms-throttle-limit-percentage").Should().Be("0.9");
    }

    [Fact]
    public async Task Write_WriteQuotaExhausted_Returns429WriteLimitExceeded()
    {
        var emulator = Throttled(ruQuota: 1000, writeQuota: 2);
        var api = Api.App(emulator);
        var group = $"v1.0/groups/{DemoTenant.ProjectFalconGroupId}/members/$ref";

        var replies = new List<Reply>();
        foreach (var user in new[] { DemoTenant.AdeleVanceId, DemoTenant.LeeGuId, DemoTenant.MeganBowenId })
        {
            replies.Add(await api.PostAsync(group, new Dictionary<string, string> { ["@odata.id"] = Emulators.Ref(user) }));
        }

        replies.Select(r => r.Status).Should().Equal(204, 204, 429);
        replies[2].Header("x-ms-throttle-information").Should().Be("WriteLimitExceeded");
        replies[2].Header("x-ms-throttle-scope").Should().StartWith("Tenant_Application/Write/");
        emulator.Directory.IsMember(Guid.Parse(DemoTenant.ProjectFalconGroupId), Guid.Parse(DemoTenant.MeganBowenId)).Should().BeFalse();
    }

    [Fact]
    public async Task Get_TimeScaled_RefillsWithinMilliseconds()
    {
        // 10 s window at 200x is 50 ms; the manual clock makes this independent of the machine's speed.
        var api = Api.App(Throttled(ruQuota: 1, timeScale: 200, format: RetryAfterFormat.FractionalSeconds), Api.AllRead);
        var path = $"v1.0/users/{DemoTenant.AdeleVanceId}";

        (await api.GetAsync(path)).Status.Should().Be(200);
        var throttled = await api.GetAsync(path);
        _time.Advance(TimeSpan.FromMilliseconds(49));
        var early = await api.GetAsync(path);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var after = await api.GetAsync(path);

        throttled.Status.Should().Be(429);
        throttled.Header("Retry-After").Should().Be("0.05");
        early.Status.Should().Be(429);
        after.Status.Should().Be(200);
    }

    [Fact]
    public async Task Get_ManualClockAdvancesPastRetryAfter_Succeeds()
    {
        var api = Api.App(Throttled(ruQuota: 10), Api.AllRead);
        var path = $"v1.0/groups/{DemoTenant.AllCompanyGroupId}/transitiveMembers";
        (await api.GetAsync(path)).Status.Should().Be(200);
        (await api.GetAsync(path)).Status.Should().Be(200);
        var throttled = await api.GetAsync(path);

        _time.Advance(TimeSpan.FromSeconds(int.Parse(throttled.Header("Retry-After")!, CultureInfo.InvariantCulture)));

        throttled.Status.Should().Be(429);
        throttled.Header("Retry-After").Should().Be("5");
        (await api.GetAsync(path)).Status.Should().Be(200);
    }

    [Fact]
    public async Task Get_DifferentApplications_HaveSeparateBuckets()
    {
        var emulator = Throttled(ruQuota: 1);
        var one = new Api(emulator.CreateHandler(), EmulatorTokens.CreateApplication(Api.AllRead));
        var two = new Api(emulator.CreateHandler(), EmulatorTokens.CreateApplication(Api.AllRead, applicationId: Guid.NewGuid().ToString()));
        var path = $"v1.0/users/{DemoTenant.AdeleVanceId}";

        (await one.GetAsync(path)).Status.Should().Be(200);
        (await one.GetAsync(path)).Status.Should().Be(429);
        (await two.GetAsync(path)).Status.Should().Be(200);
    }

    [Fact]
    public async Task ResetThrottling_AfterExhaustion_AllowsRequests()
    {
        var emulator = Throttled(ruQuota: 1);
        var api = Api.App(emulator, Api.AllRead);
        var path = $"v1.0/users/{DemoTenant.AdeleVanceId}";
        await api.GetAsync(path);

        emulator.ResetThrottling();

        (await api.GetAsync(path)).Status.Should().Be(200);
    }
}
