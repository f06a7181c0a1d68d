using System.Text.Json;
using System.Text.Json.Nodes;
using Entra.Actions.IntegrationTests.Support;
using Json.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.IntegrationTests.Catalog;

/// <summary>
/// A flow engine's view: actions run by id with JSON text in and JSON text out, each step's inputs taken from an earlier
/// step's outputs, every output checked against the catalog's output schema, over the real Graph SDK and the emulator.
/// </summary>
public abstract class InvocationByIdTests : EmulatorTestBase
{
    private const string Group = DemoTenant.ProjectFalconGroupId;

    private IEntraActionInvoker Invoker(IEnumerable<string> permissions) =>
        Harness.BuildProvider(permissions).GetRequiredService<IEntraActionInvoker>();

    private static readonly EntraActionCatalog Catalog = new();

    /// <summary>Runs a step the way a flow engine would: JSON text in, the result's JSON text out, parsed back.</summary>
    private static async Task<JsonObject> RunAsync(IEntraActionInvoker invoker, string actionId, string inputsJson)
    {
        var result = await invoker.InvokeAsync(actionId, JsonNode.Parse(inputsJson)!.AsObject());
        var json = JsonNode.Parse(result.ToJson())!.AsObject();
        if (json["success"]!.GetValue<bool>())
        {
            var schema = JsonSchema.FromText(Catalog.Find(actionId)!.OutputSchema.ToJsonString());
            var evaluation = schema.Evaluate(JsonSerializer.SerializeToElement(json["outputs"]), new EvaluationOptions { OutputFormat = OutputFormat.List });
            evaluation.IsValid.Should().BeTrue($"the outputs of {actionId} must match its output schema: {json["outputs"]}");
        }

        return json;
    }

    private static string Str(JsonNode? node) => node!.GetValue<string>();

    [Fact]
    public async Task InvokeAsync_SeedActionsChainedByJson_LookUpAddLookUpRemoveWithIdempotentOutcomes()
    {
        var invoker = Invoker(Permissions.Connection);

        var user = await RunAsync(invoker, "entra.lookup_user", $$"""{ "userId": "{{DemoTenant.AdeleVanceUpn}}", "additionalProperties": ["department"] }""");
        user["success"]!.GetValue<bool>().Should().BeTrue(user.ToJsonString());
        var userOutputs = user["outputs"]!;
        Str(userOutputs["id"]).Should().Be(DemoTenant.AdeleVanceId);
        Str(userOutputs["displayName"]).Should().Be("Adele Vance");
        Str(userOutputs["jobTitle"]).Should().Be("Retail Manager");
        Str(userOutputs["additionalProperties"]!["department"]).Should().Be("Retail");

        var userId = Str(userOutputs["id"]);
        var added = await RunAsync(invoker, "entra.add_user_to_group", $$"""{ "userId": "{{userId}}", "groupId": "{{Group}}" }""");
        added["outputs"]!.ToJsonString().Should().Be($$"""{"memberId":"{{userId}}","groupId":"{{Group}}","outcome":"Added","isDryRun":false,"changed":true}""");
        IsMember(Group, userId).Should().BeTrue();

        var again = await RunAsync(invoker, "entra.add_user_to_group", $$"""{ "userId": "{{DemoTenant.AdeleVanceUpn}}", "groupId": "{{Group}}" }""");
        Str(again["outputs"]!["outcome"]).Should().Be("AlreadyMember");
        again["outputs"]!["changed"]!.GetValue<bool>().Should().BeFalse();

        var group = await RunAsync(invoker, "entra.lookup_group", $$"""{ "groupId": "{{Group}}" }""");
        Str(group["outputs"]!["id"]).Should().Be(Group);
        Str(group["outputs"]!["kind"]).Should().Be("Security");
        group["outputs"]!["isDynamic"]!.GetValue<bool>().Should().BeFalse();

        var removed = await RunAsync(invoker, "entra.remove_member_from_group", $$"""{ "memberId": "{{userId}}", "groupId": "{{Group}}" }""");
        Str(removed["outputs"]!["outcome"]).Should().Be("Removed");
        IsMember(Group, userId).Should().BeFalse();

        var removedAgain = await RunAsync(invoker, "entra.remove_member_from_group", $$"""{ "memberId": "{{userId}}", "groupId": "{{Group}}" }""");
        Str(removedAgain["outputs"]!["outcome"]).Should().Be("NotAMember");
        removedAgain["success"]!.GetValue<bool>().Should().BeTrue();
        removedAgain["outputs"]!.AsObject().ContainsKey("success").Should().BeFalse("the result's success is the one place that says it");
    }

    [Fact]
    public async Task InvokeAsync_BulkLookupById_ReturnsOneItemPerInputInOrder()
    {
        var invoker = Invoker(Permissions.Connection);
        var missing = Guid.NewGuid().ToString();

        var json = await RunAsync(invoker, "entra.bulk_lookup_users", $$"""{ "userIds": ["{{DemoTenant.AdeleVanceUpn}}", "{{missing}}", "{{DemoTenant.AlexWilberId}}"] }""");

        var outputs = json["outputs"]!;
        outputs["succeededCount"]!.GetValue<int>().Should().Be(2);
        var items = outputs["items"]!.AsArray();
        Str(items[0]!["value"]!["id"]).Should().Be(DemoTenant.AdeleVanceId);
        Str(items[1]!["error"]!["kind"]).Should().Be("NotFound");
        Str(items[2]!["value"]!["id"]).Should().Be(DemoTenant.AlexWilberId);
    }

    [Fact]
    public async Task InvokeAsync_UserThatDoesNotExist_NotFoundWithGraphStatusAndRequestId()
    {
        var invoker = Invoker(Permissions.Connection);
        var missing = Guid.NewGuid().ToString();

        var json = await RunAsync(invoker, "entra.lookup_user", $$"""{ "userId": "{{missing}}" }""");

        json["success"]!.GetValue<bool>().Should().BeFalse();
        var error = json["error"]!;
        Str(error["kind"]).Should().Be("NotFound");
        Str(error["message"]).Should().Contain(missing);
        error["statusCode"]!.GetValue<int>().Should().Be(404);
        Str(error["graphErrorCode"]).Should().NotBeNullOrEmpty();
        Str(error["requestId"]).Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task InvokeAsync_DynamicGroup_UnsupportedGroupWithoutAWrite()
    {
        var invoker = Invoker(Permissions.Connection);

        var json = await RunAsync(invoker, "entra.add_user_to_group", $$"""{ "userId": "{{DemoTenant.AdeleVanceId}}", "groupId": "{{DemoTenant.DynamicGroupId}}" }""");

        Str(json["error"]!["kind"]).Should().Be("UnsupportedGroup");
        Emulator.Journal.Entries.Should().NotContain(e => e.Method == "POST");
    }

    [Fact]
    public async Task InvokeAsync_BulkAddToMissingGroup_FailsTheStepWithNotFoundNamingTheGroup()
    {
        var invoker = Invoker(Permissions.Connection);
        var missing = Guid.NewGuid().ToString();

        var json = await RunAsync(invoker, "entra.bulk_add_users_to_group", $$"""{ "groupId": "{{missing}}", "userIds": ["{{DemoTenant.AdeleVanceId}}", "{{DemoTenant.AlexWilberId}}"] }""");

        json["success"]!.GetValue<bool>().Should().BeFalse();
        Str(json["error"]!["kind"]).Should().Be("NotFound");
        Str(json["error"]!["message"]).Should().Contain(missing);
        Emulator.Journal.Entries.Should().NotContain(e => e.Method == "POST");
    }

    [Fact]
    public async Task InvokeAsync_BulkAddToDynamicGroup_FailsTheStepWithUnsupportedGroup()
    {
        var invoker = Invoker(Permissions.Connection);

        var json = await RunAsync(invoker, "entra.bulk_add_users_to_group", $$"""{ "groupId": "{{DemoTenant.DynamicGroupId}}", "userIds": ["{{DemoTenant.AdeleVanceId}}", ".."] }""");

        json["success"]!.GetValue<bool>().Should().BeFalse();
        Str(json["error"]!["kind"]).Should().Be("UnsupportedGroup");
        Emulator.Journal.Entries.Should().NotContain(e => e.Method == "POST");
    }

    [Fact]
    public async Task InvokeAsync_BulkRemoveWithInvalidGroupId_InvalidInputNamingGroupIdAndNoRequest()
    {
        var invoker = Invoker(Permissions.Connection);

        var json = await RunAsync(invoker, "entra.bulk_remove_members_from_group", $$"""{ "groupId": "..", "memberIds": ["{{DemoTenant.AdeleVanceId}}"] }""");

        json["success"]!.GetValue<bool>().Should().BeFalse();
        Str(json["error"]!["kind"]).Should().Be("InvalidInput");
        Str(json["error"]!["message"]).Should().Contain("'groupId'");
        Emulator.Journal.Count.Should().Be(0);
    }

    [Fact]
    public async Task InvokeAsync_ReadOnlyConnection_ForbiddenNamingThePermission()
    {
        var invoker = Invoker(Permissions.ReadOnly);

        var json = await RunAsync(invoker, "entra.add_user_to_group", $$"""{ "userId": "{{DemoTenant.AdeleVanceId}}", "groupId": "{{Group}}" }""");

        Str(json["error"]!["kind"]).Should().Be("Forbidden");
        Str(json["error"]!["message"]).Should().Contain("GroupMember.ReadWrite.All");
        json["error"]!["statusCode"]!.GetValue<int>().Should().Be(403);
    }

    [Theory]
    [InlineData("entra.lookup_user", """{ "userId": 42 }""", "userId")]
    [InlineData("entra.add_user_to_group", """{ "userId": "AdeleV@contoso.com" }""", "groupId")]
    [InlineData("entra.remove_member_from_group", """{ "memberId": "AdeleV@contoso.com", "groupId": "1e2d0c0d-9f8a-4b7c-8e6d-0c0de0000c33", "force": true }""", "force")]
    [InlineData("entra.delete_user", """{ "userId": "AdeleV@contoso.com" }""", "entra.delete_user")]
    public async Task InvokeAsync_InputsThatBreakTheSchema_InvalidInputNamingTheFieldAndNoRequest(string actionId, string inputs, string field)
    {
        var invoker = Invoker(Permissions.Connection);

        var json = await RunAsync(invoker, actionId, inputs);

        json["success"]!.GetValue<bool>().Should().BeFalse();
        Str(json["error"]!["kind"]).Should().Be("InvalidInput");
        Str(json["error"]!["message"]).Should().Contain($"'{field}'");
        Emulator.Journal.Count.Should().Be(0, "inputs are checked before any request");
    }

    public sealed class InProcess : InvocationByIdTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    public sealed class Kestrel : InvocationByIdTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }
}
