using System.Globalization;
using Entra.Actions.Emulator.Tests.Support;

namespace Entra.Actions.Emulator.Tests.Throttling;

public class ThrottlingClockAndCostTests
{
    private static string AdelePath => $"v1.0/users/{DemoTenant.AdeleVanceId}";

    [Fact]
    public async Task TimeProvider_SetAfterConstruction_IsUsedByThrottling()
    {
        var emulator = new GraphEmulator();
        var time = new ManualTimeProvider();
        emulator.Options.TimeProvider = time;
        emulator.Options.Throttling.ResourceUnitQuota = 1;
        var api = Api.App(emulator, Api.AllRead);

        (await api.GetAsync(AdelePath)).Status.Should().Be(200);
        var throttled = await api.GetAsync(AdelePath);
        time.Advance(TimeSpan.FromSeconds(10));
        var after = await api.GetAsync(AdelePath);

        throttled.Status.Should().Be(429);
        after.Status.Should().Be(200);
    }

    [Fact]
    public async Task TimeProvider_ReplacedBetweenRequests_NewClockDrivesRefill()
    {
        var first = new ManualTimeProvider();
        var emulator = new GraphEmulator(DemoTenant.Create(), new GraphEmulatorOptions { TimeProvider = first });
        emulator.Options.Throttling.ResourceUnitQuota = 1;
        var api = Api.App(emulator, Api.AllRead);
        (await api.GetAsync(AdelePath)).Status.Should().Be(200);
        (await api.GetAsync(AdelePath)).Status.Should().Be(429);

        var second = new ManualTimeProvider();
        emulator.Options.TimeProvider = second;
        second.Advance(TimeSpan.FromSeconds(10));

        (await api.GetAsync(AdelePath)).Status.Should().Be(200);
    }

    [Fact]
    public async Task Get_CostAboveQuota_PassesWhenBucketFullThenWaitsOffTheDebt()
    {
        var time = new ManualTimeProvider();
        var emulator = new GraphEmulator(DemoTenant.Create(), new GraphEmulatorOptions { TimeProvider = time });
        emulator.Options.Throttling.ResourceUnitQuota = 3;
        var api = Api.App(emulator, Api.AllRead);
        var path = $"v1.0/groups/{DemoTenant.AllCompanyGroupId}/transitiveMembers"; // costs 5

        var first = await api.GetAsync(path);
        var second = await api.GetAsync(path);
        time.Advance(TimeSpan.FromSeconds(int.Parse(second.Header("Retry-After")!, CultureInfo.InvariantCulture)));
        var third = await api.GetAsync(path);

        first.Status.Should().Be(200);
        first.Header("x-ms-resource-unit").Should().Be("5");
        second.Status.Should().Be(429);
        second.Header("Retry-After").Should().Be("17"); // 5 RU of debt + 3 to refill at 3 RU per 10 s
        third.Status.Should().Be(200);
    }

    [Theory]
    [InlineData("GET", "v1.0/groups", 1)]
    [InlineData("GET", "v1.0/users", 2)]
    [InlineData("POST", "v1.0/users/" + DemoTenant.AdeleVanceId + "/checkMemberGroups", 4)]
    [InlineData("POST", "v1.0/groups/" + DemoTenant.RetailTeamGroupId + "/checkMemberGroups", 1)]
    [InlineData("POST", "v1.0/directoryObjects/" + DemoTenant.AdeleVanceId + "/checkMemberGroups", 1)]
    public async Task Cost_MatchesContractTable(string method, string path, int expected)
    {
        var api = Api.App(new GraphEmulator(), Api.AllRead);

        var reply = method == "GET"
            ? await api.GetAsync(path)
            : await api.PostAsync(path, new { groupIds = new[] { DemoTenant.SalesAndMarketingGroupId } });

        reply.Status.Should().Be(200);
        reply.Header("x-ms-resource-unit").Should().Be(expected.ToString(CultureInfo.InvariantCulture));
    }
}
