using System.Text.Json.Nodes;
using Entra.Actions.Samples.ActionFlow;

namespace Entra.Actions.IntegrationTests.Samples;

/// <summary>
/// The ActionFlow sample's pieces against its embedded emulator: the delegated connect, the connection check, the shipped
/// flow (flows/onboard.json) through the connection's invoker, and the reference resolver's rules and errors.
/// </summary>
public sealed class ActionFlowSampleTests : IAsyncLifetime
{
    private const string FalconGroupId = DemoTenant.ProjectFalconGroupId;

    private EmulatedBackend? _backend;

    private EmulatedBackend Backend => _backend!;

    public Task InitializeAsync()
    {
        _backend = EmulatedBackend.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Backend.DisposeAsync();

    private async Task<EntraConnection> ConnectAsync()
    {
        var start = await Backend.ConnectFlow.BeginConnectAsync(EmulatedBackend.ConnectionName, EmulatedBackend.ServiceAccountUpn);
        var connected = await Backend.ConnectFlow.CompleteConnectAsync(await Backend.SignInAsync(start));
        connected.Succeeded.Should().BeTrue(connected.ToString());
        connected.Account!.UserPrincipalName.Should().Be(EmulatedBackend.ServiceAccountUpn);
        return Backend.GetConnection();
    }

    private static FlowDefinition Flow(params FlowStep[] steps) => new() { Name = "test", Steps = steps };

    private static FlowStep Step(string id, string action, string inputs) =>
        new() { Id = id, Action = action, Inputs = JsonNode.Parse(inputs)!.AsObject() };

    [Fact]
    public async Task ShippedFlow_RunsAsTheConnectedServiceAccount_EveryStepMeetsItsExpectation()
    {
        var connection = await ConnectAsync();
        var report = await connection.CheckAsync();
        report.Works.Should().BeTrue(report.Error?.ToString());
        report.UserPrincipalName.Should().Be(EmulatedBackend.ServiceAccountUpn);
        report.Warnings.Should().Contain(w => w.Kind == EntraConnectionWarningKind.DelegatedConnection);

        var flow = FlowDefinition.Load(Path.Combine(AppContext.BaseDirectory, "flows", "onboard.json"));
        using var output = new StringWriter();
        var results = await new FlowRunner(connection.Invoker, output).RunAsync(flow);

        results.Should().OnlyContain(r => r.MetExpectation, output.ToString());
        results.Select(r => r.Step.Id).Should().Equal("lookup", "group", "add", "addAgain", "check", "dynamic");
        results[1].Result!.Outputs.GetProperty("id").GetString().Should().Be(DemoTenant.SalesGroupId, "the group is found by its name");
        results[2].Inputs!["userId"]!.GetValue<string>().Should().Be(DemoTenant.AlexWilberId, "the reference is resolved to the lookup's output");
        results[2].Inputs!["groupId"]!.GetValue<string>().Should().Be(DemoTenant.SalesGroupId, "the reference is resolved to the found group");
        results[2].Result!.Outputs.GetProperty("outcome").GetString().Should().Be("Added");
        results[3].Result!.Outputs.GetProperty("outcome").GetString().Should().Be("AlreadyMember");
        results[4].Result!.Outputs.GetProperty("isMember").GetBoolean().Should().BeTrue();
        results[5].Result!.Error!.Kind.Should().Be(EntraErrorKind.UnsupportedGroup);
        Backend.Emulator.Directory.IsMember(Guid.Parse(DemoTenant.SalesGroupId), Guid.Parse(DemoTenant.AlexWilberId)).Should().BeTrue();
        output.ToString().Should().Contain("\"outcome\": \"AlreadyMember\"").And.Contain("failed with UnsupportedGroup, as expected");
    }

    [Fact]
    public async Task UnexpectedOutcome_FailsTheStepAndSkipsTheRest()
    {
        var connection = await ConnectAsync();
        var flow = Flow(
            Step("add", "entra.add_user_to_group", $$"""{ "userId": "{{DemoTenant.LeeGuId}}", "groupId": "{{FalconGroupId}}" }""") with
            {
                ExpectOutputs = new JsonObject { ["outcome"] = "AlreadyMember" },
            },
            Step("group", "entra.lookup_group", $$"""{ "groupId": "{{FalconGroupId}}" }"""));

        var results = await new FlowRunner(connection.Invoker, TextWriter.Null).RunAsync(flow);

        results[0].MetExpectation.Should().BeFalse();
        results[0].Problem.Should().Be("outcome should be \"AlreadyMember\", is \"Added\"");
        results[1].Skipped.Should().BeTrue();
    }

    [Fact]
    public async Task BrokenReference_StepDoesNotRunAndTheErrorNamesTheReference()
    {
        var connection = await ConnectAsync();
        var flow = Flow(
            Step("lookup", "entra.lookup_user", $$"""{ "userId": "{{DemoTenant.AdeleVanceUpn}}" }"""),
            Step("add", "entra.add_user_to_group", $$$"""{ "userId": "{{steps.lookup.outputs.objectId}}", "groupId": "{{{FalconGroupId}}}" }"""));

        var results = await new FlowRunner(connection.Invoker, TextWriter.Null).RunAsync(flow);

        results[0].MetExpectation.Should().BeTrue();
        results[1].Result.Should().BeNull("the step is not run with a half-filled input");
        results[1].Problem.Should().Contain("{{steps.lookup.outputs.objectId}}").And.Contain("has no 'objectId'").And.Contain("id, displayName");
        Backend.Emulator.Journal.Entries.Should().NotContain(e => e.RawPath.Contains("/groups/", StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_WholeValueKeepsItsJsonType_EmbeddedReferencesBecomeText()
    {
        var earlier = new Dictionary<string, EntraInvocationResult>
        {
            ["add"] = EntraInvocationResult.Success("entra.add_user_to_group", new JsonObject { ["changed"] = true, ["groupId"] = "g1" }),
            ["team"] = EntraInvocationResult.Success("entra.bulk_lookup_users", new JsonObject
            {
                ["items"] = new JsonArray(new JsonObject { ["id"] = "u1" }, new JsonObject { ["id"] = "u2" }),
            }),
        };
        var inputs = JsonNode.Parse("""
            {
              "flag": "{{steps.add.outputs.changed}}",
              "ids": ["{{ steps.team.outputs.items.1.id }}", "literal"],
              "items": "{{steps.team.outputs.items}}",
              "note": "added to {{steps.add.outputs.groupId}}: {{steps.add.outputs.changed}}",
              "count": 3
            }
            """)!.AsObject();

        var resolved = FlowTemplate.Resolve(inputs, earlier);

        resolved.ToJsonString().Should().Be("""{"flag":true,"ids":["u2","literal"],"items":[{"id":"u1"},{"id":"u2"}],"note":"added to g1: true","count":3}""");
        inputs["flag"]!.GetValue<string>().Should().Be("{{steps.add.outputs.changed}}", "the flow's inputs are not changed");
    }

    [Theory]
    [InlineData("{{steps.nope.outputs.id}}", "refers to step 'nope', which did not run before this step (steps that ran before: ok, failed)")]
    [InlineData("{{steps.failed.outputs.id}}", "refers to step 'failed', which failed (NotFound), so it has no outputs")]
    [InlineData("{{steps.ok.outputs.items.5}}", "steps.ok.outputs.items is an array of 1; '5' is not an index in it")]
    [InlineData("{{steps.ok.outputs.id.x}}", "steps.ok.outputs.id is a single value, so it has no 'x'")]
    [InlineData("{{outputs.id}}", "is not a reference; write {{steps.<stepId>.outputs.<name>}}")]
    [InlineData("in {{steps.ok.outputs.items}}", "is an array and cannot be embedded in text")]
    public void Resolve_UnresolvableReference_IsAClearError(string value, string expected)
    {
        var earlier = new Dictionary<string, EntraInvocationResult>
        {
            ["ok"] = EntraInvocationResult.Success("entra.lookup_user", new JsonObject { ["id"] = "u1", ["items"] = new JsonArray("a") }),
            ["failed"] = EntraInvocationResult.Failure("entra.lookup_user", new EntraActionError(EntraErrorKind.NotFound, "User 'x' was not found.")),
        };

        var resolve = () => FlowTemplate.Resolve(new JsonObject { ["userId"] = value }, earlier);

        resolve.Should().Throw<FlowTemplateException>().Which.Message.Should().Contain(expected);
    }
}
