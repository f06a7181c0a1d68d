using System.Text.Json.Nodes;
using Entra.Actions.Emulator.Tests.Support;

namespace Entra.Actions.Emulator.Tests.Endpoints;

public class BatchEndpointTests
{
    private readonly GraphEmulator _emulator = Emulators.Demo();

    private static JsonObject Get(string id, string url, params string[] dependsOn)
    {
        var step = new JsonObject { ["id"] = id, ["method"] = "GET", ["url"] = url };
        if (dependsOn.Length > 0)
        {
            step["dependsOn"] = new JsonArray([.. dependsOn.Select(d => (JsonNode)d)]);
        }

        return step;
    }

    private static string Batch(params JsonObject[] steps) => new JsonObject { ["requests"] = new JsonArray(steps) }.ToJsonString();

    [Fact]
    public async Task Batch_MixedSteps_EchoesIdsWithPerStepStatusHeadersAndBody()
    {
        var reply = await Api.App(_emulator).PostAsync("v1.0/$batch", Batch(
            Get("a", $"/users/{DemoTenant.AdeleVanceId}"),
            Get("b", "/users/nobody@contoso.com"),
            Get("c", $"groups/{DemoTenant.HrTaskforceGroupId}/members")));

        reply.Status.Should().Be(200);
        var responses = reply.Json["responses"]!.AsArray().ToDictionary(r => r!["id"]!.GetValue<string>());
        responses.Keys.Should().BeEquivalentTo(["a", "b", "c"]);
        responses["a"]!["status"]!.GetValue<int>().Should().Be(200);
        responses["a"]!["body"]!["displayName"]!.GetValue<string>().Should().Be("Adele Vance");
        responses["a"]!["headers"]!["x-ms-resource-unit"]!.GetValue<string>().Should().Be("1");
        responses["b"]!["status"]!.GetValue<int>().Should().Be(404);
        responses["b"]!["body"]!["error"]!["code"]!.GetValue<string>().Should().Be("Request_ResourceNotFound");
        responses["c"]!["headers"]!["x-ms-resource-unit"]!.GetValue<string>().Should().Be("3");
    }

    [Fact]
    public async Task Batch_WriteStepWithBody_AppliesChange()
    {
        var step = new JsonObject
        {
            ["id"] = "1",
            ["method"] = "POST",
            ["url"] = $"/groups/{DemoTenant.ProjectFalconGroupId}/members/$ref",
            ["headers"] = new JsonObject { ["Content-Type"] = "application/json" },
            ["body"] = new JsonObject { ["@odata.id"] = Emulators.Ref(DemoTenant.AdeleVanceId) },
        };

        var reply = await Api.App(_emulator).PostAsync("v1.0/$batch", Batch(step));

        reply.Json["responses"]![0]!["status"]!.GetValue<int>().Should().Be(204);
        _emulator.Directory.IsMember(Guid.Parse(DemoTenant.ProjectFalconGroupId), Guid.Parse(DemoTenant.AdeleVanceId)).Should().BeTrue();
        _emulator.Journal.Entries.Should().Contain(e => e.BatchStepId == "1" && e.Method == "POST" && e.RawPath.EndsWith("/members/$ref", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Batch_TwentyOneSteps_Returns400Limit()
    {
        var steps = Enumerable.Range(1, 21).Select(i => Get(i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"/users/{DemoTenant.AdeleVanceId}")).ToArray();

        var reply = await Api.App(_emulator).PostAsync("v1.0/$batch", Batch(steps));

        reply.Status.Should().Be(400);
        reply.ErrorMessage.Should().Be("Number of requests inside batch exceeds the limit.");
    }

    [Fact]
    public async Task Batch_TwentySteps_AllAnswered()
    {
        var steps = Enumerable.Range(1, 20).Select(i => Get(i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"/users/{DemoTenant.AdeleVanceId}")).ToArray();

        var reply = await Api.App(_emulator).PostAsync("v1.0/$batch", Batch(steps));

        reply.Json["responses"]!.AsArray().Should().HaveCount(20);
    }

    [Fact]
    public async Task Batch_DuplicateIdsIgnoringCase_Returns400()
    {
        var reply = await Api.App(_emulator).PostAsync("v1.0/$batch", Batch(Get("x", "/users/a@contoso.com"), Get("X", "/users/b@contoso.com")));

        reply.Status.Should().Be(400);
        _emulator.Journal.Entries.Should().NotContain(e => e.BatchStepId != null);
    }

    [Fact]
    public async Task Batch_DependencyFailed_Returns424ForDependents()
    {
        var reply = await Api.App(_emulator).PostAsync("v1.0/$batch", Batch(
            Get("1", "/users/nobody@contoso.com"),
            Get("2", $"/users/{DemoTenant.AdeleVanceId}", "1"),
            Get("3", $"/users/{DemoTenant.AdeleVanceId}")));

        var statuses = reply.Json["responses"]!.AsArray().ToDictionary(r => r!["id"]!.GetValue<string>(), r => r!["status"]!.GetValue<int>());
        statuses.Should().BeEquivalentTo(new Dictionary<string, int> { ["1"] = 404, ["2"] = 424, ["3"] = 200 });
    }

    [Fact]
    public async Task Batch_UnknownDependency_Returns400()
    {
        var reply = await Api.App(_emulator).PostAsync("v1.0/$batch", Batch(Get("1", "/users/a@contoso.com", "9")));

        reply.Status.Should().Be(400);
    }

    [Fact]
    public async Task Batch_GuestUpnUnescapedInStepUrl_BreaksAtFragmentLikeGraph()
    {
        var reply = await Api.App(_emulator).PostAsync("v1.0/$batch", Batch(Get("1", $"/users/{DemoTenant.GuestUserUpn}")));

        reply.Json["responses"]![0]!["status"]!.GetValue<int>().Should().Be(404);
    }

    [Fact]
    public async Task Batch_NoToken_Returns401ForWholeBatch()
    {
        var reply = await new Api(_emulator.CreateHandler(), null).PostAsync("v1.0/$batch", Batch(Get("1", "/users/a@contoso.com")));

        reply.Status.Should().Be(401);
    }

    [Fact]
    public async Task Batch_ThrottledSteps_Get429WithOwnRetryAfter()
    {
        var options = new GraphEmulatorOptions();
        options.Throttling.ResourceUnitQuota = 2;
        var emulator = new GraphEmulator(DemoTenant.Create(), options);
        var steps = Enumerable.Range(1, 4).Select(i => Get(i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"/users/{DemoTenant.AdeleVanceId}")).ToArray();

        var reply = await Api.App(emulator).PostAsync("v1.0/$batch", Batch(steps));

        reply.Status.Should().Be(200);
        var responses = reply.Json["responses"]!.AsArray();
        responses.Select(r => r!["status"]!.GetValue<int>()).Should().Equal(200, 200, 429, 429);
        responses[2]!["headers"]!["Retry-After"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        responses[2]!["body"]!["error"]!["code"]!.GetValue<string>().Should().Be("TooManyRequests");
    }

    [Fact]
    public async Task Batch_StepInsufficientPermission_Returns403ForStepOnly()
    {
        var reply = await Api.App(_emulator, "User.Read.All").PostAsync("v1.0/$batch", Batch(
            Get("1", $"/users/{DemoTenant.AdeleVanceId}"),
            Get("2", $"/groups/{DemoTenant.HrTaskforceGroupId}")));

        reply.Json["responses"]!.AsArray().Select(r => r!["status"]!.GetValue<int>()).Should().Equal(200, 403);
    }
}
