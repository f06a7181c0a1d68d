using System.Text.Json.Nodes;
using Entra.Actions.Emulator.Tests.Support;

namespace Entra.Actions.Emulator.Tests.Endpoints;

/// <summary>The dependency graph of a batch is validated before any step runs: a 400 envelope means nothing ran.</summary>
public class BatchValidationTests
{
    private readonly GraphEmulator _emulator = Emulators.Demo();

    private static JsonObject AddAdele(string id, params string[] dependsOn) => Step(id, "POST", $"/groups/{DemoTenant.ProjectFalconGroupId}/members/$ref", dependsOn,
        new JsonObject { ["@odata.id"] = Emulators.Ref(DemoTenant.AdeleVanceId) });

    private static JsonObject Step(string id, string method, string url, string[] dependsOn, JsonObject? body = null)
    {
        var step = new JsonObject { ["id"] = id, ["method"] = method, ["url"] = url };
        if (dependsOn.Length > 0)
        {
            step["dependsOn"] = new JsonArray([.. dependsOn.Select(d => (JsonNode)d)]);
        }

        if (body is not null)
        {
            step["headers"] = new JsonObject { ["Content-Type"] = "application/json" };
            step["body"] = body;
        }

        return step;
    }

    private static string Batch(params JsonObject[] steps) => new JsonObject { ["requests"] = new JsonArray(steps) }.ToJsonString();

    private bool AdeleInFalcon => _emulator.Directory.IsMember(Guid.Parse(DemoTenant.ProjectFalconGroupId), Guid.Parse(DemoTenant.AdeleVanceId));

    [Fact]
    public async Task Batch_CycleAfterIndependentWrite_Returns400AndRunsNoStep()
    {
        var reply = await Api.App(_emulator).PostAsync("v1.0/$batch", Batch(
            AddAdele("w"),
            Step("a", "GET", $"/users/{DemoTenant.AdeleVanceId}", ["b"]),
            Step("b", "GET", $"/users/{DemoTenant.AdeleVanceId}", ["a"])));

        reply.Status.Should().Be(400);
        AdeleInFalcon.Should().BeFalse();
        _emulator.Journal.Entries.Should().NotContain(e => e.BatchStepId != null);
    }

    [Fact]
    public async Task Batch_SelfDependency_Returns400AndRunsNoStep()
    {
        var reply = await Api.App(_emulator).PostAsync("v1.0/$batch", Batch(AddAdele("w"), Step("s", "GET", "/users/x@contoso.com", ["s"])));

        reply.Status.Should().Be(400);
        AdeleInFalcon.Should().BeFalse();
        _emulator.Journal.Entries.Should().NotContain(e => e.BatchStepId != null);
    }

    [Fact]
    public async Task Batch_UnknownDependencyAfterWrite_Returns400AndRunsNoStep()
    {
        var reply = await Api.App(_emulator).PostAsync("v1.0/$batch", Batch(AddAdele("w"), Step("x", "GET", "/users/x@contoso.com", ["nope"])));

        reply.Status.Should().Be(400);
        AdeleInFalcon.Should().BeFalse();
        _emulator.Journal.Entries.Should().NotContain(e => e.BatchStepId != null);
    }

    [Fact]
    public async Task Batch_DependsOnLaterStep_RunsInDependencyOrder()
    {
        var reply = await Api.App(_emulator).PostAsync("v1.0/$batch", Batch(
            Step("check", "GET", $"/groups/{DemoTenant.ProjectFalconGroupId}/members/{DemoTenant.AdeleVanceId}", ["w"]),
            AddAdele("w")));

        reply.Status.Should().Be(200);
        var statuses = reply.Json["responses"]!.AsArray().ToDictionary(r => r!["id"]!.GetValue<string>(), r => r!["status"]!.GetValue<int>());
        statuses.Should().BeEquivalentTo(new Dictionary<string, int> { ["w"] = 204, ["check"] = 200 });
    }

    [Fact]
    public async Task Batch_DependencyThrottled_DependentGets424()
    {
        var options = new GraphEmulatorOptions();
        options.Throttling.ResourceUnitQuota = 1;
        var emulator = new GraphEmulator(DemoTenant.Create(), options);

        var reply = await Api.App(emulator).PostAsync("v1.0/$batch", Batch(
            Step("1", "GET", $"/users/{DemoTenant.AdeleVanceId}", []),
            Step("2", "GET", $"/users/{DemoTenant.AdeleVanceId}", []),
            Step("3", "GET", $"/users/{DemoTenant.AdeleVanceId}", ["2"])));

        var statuses = reply.Json["responses"]!.AsArray().ToDictionary(r => r!["id"]!.GetValue<string>(), r => r!["status"]!.GetValue<int>());
        statuses.Should().BeEquivalentTo(new Dictionary<string, int> { ["1"] = 200, ["2"] = 429, ["3"] = 424 });
    }

    [Fact]
    public async Task Batch_StepBodyWithoutContentType_IsJournaledWithOwnRequestIdAndResourceUnit()
    {
        var step = new JsonObject
        {
            ["id"] = "1",
            ["method"] = "POST",
            ["url"] = $"/groups/{DemoTenant.ProjectFalconGroupId}/members/$ref",
            ["body"] = new JsonObject { ["@odata.id"] = Emulators.Ref(DemoTenant.AdeleVanceId) },
        };

        var reply = await Api.App(_emulator).PostAsync("v1.0/$batch", Batch(step));

        var response = reply.Json["responses"]![0]!;
        response["status"]!.GetValue<int>().Should().Be(400);
        response["headers"]!["x-ms-resource-unit"]!.GetValue<string>().Should().Be("1");
        var entry = _emulator.Journal.Entries.Single(e => e.BatchStepId == "1");
        entry.StatusCode.Should().Be(400);
        entry.RequestId.Should().NotBeNullOrEmpty().And.NotBe(_emulator.Journal.Entries.Single(e => e.BatchStepId == null).RequestId);
        response["body"]!["error"]!["innerError"]!["request-id"]!.GetValue<string>().Should().Be(entry.RequestId);
        AdeleInFalcon.Should().BeFalse();
    }

    [Fact]
    public async Task Journal_BatchSteps_AreRecordedBeforeTheirEnvelope()
    {
        await Api.App(_emulator).PostAsync("v1.0/$batch", Batch(Step("1", "GET", $"/users/{DemoTenant.AdeleVanceId}", [])));

        // The journal is in completion order: a step completes before the envelope that carries it.
        _emulator.Journal.Entries.Select(e => e.BatchStepId).Should().Equal("1", null);
    }
}
