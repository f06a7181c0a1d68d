using System.Text.Json;
using System.Text.Json.Nodes;
using Moq;

namespace Entra.Actions.Tests.Catalog;

public class ActionSchemaTests
{
    private readonly EntraActionCatalog _catalog = new();

    public static TheoryData<string, bool> SchemasOfEveryAction
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (var id in CatalogSamples.AllIds)
            {
                data.Add(id, true);
                data.Add(id, false);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(SchemasOfEveryAction))]
    public void Schema_EachActionInputAndOutput_IsValidDraft202012JsonSchema(string id, bool input)
    {
        var descriptor = _catalog.Find(id)!;
        var schema = input ? descriptor.InputSchema : descriptor.OutputSchema;

        schema["$schema"]!.GetValue<string>().Should().Be("https://json-schema.org/draft/2020-12/schema");
        schema["type"]!.GetValue<string>().Should().Be("object");
        schema["additionalProperties"]!.GetValue<bool>().Should().BeFalse("unknown inputs are refused and outputs are exactly the listed ones");
        schema["title"]!.GetValue<string>().Should().StartWith(descriptor.DisplayName);
        SchemaAssertions.MetaSchemaErrors(schema).Should().BeEmpty();
    }

    [Fact]
    public void MetaSchema_BrokenSchema_IsReported()
    {
        // Guards the test above: the meta-schema check can fail.
        var broken = new JsonObject { ["$schema"] = "https://json-schema.org/draft/2020-12/schema", ["type"] = "strin", ["required"] = "userId" };

        SchemaAssertions.MetaSchemaErrors(broken).Should().NotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(CatalogSamples.ActionIds), MemberType = typeof(CatalogSamples))]
    public void InputSchema_EachAction_AgreesWithTheDescriptorInputs(string id)
    {
        var descriptor = _catalog.Find(id)!;
        var schema = descriptor.InputSchema;
        var properties = schema["properties"]!.AsObject();
        var required = schema["required"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();

        properties.Select(p => p.Key).Should().Equal(descriptor.Inputs.Select(p => p.Name));
        required.Should().BeEquivalentTo(descriptor.Inputs.Where(p => p.IsRequired).Select(p => p.Name));
        foreach (var parameter in descriptor.Inputs)
        {
            var property = properties[parameter.Name]!.AsObject();
            property["title"]!.GetValue<string>().Should().Be(parameter.DisplayName);
            property["description"]!.GetValue<string>().Should().Be(parameter.Description);
            TypeName(property).Should().Be(parameter.TypeName, $"{id} input {parameter.Name}");
            // An optional input may be given as null; a required one may not.
            Types(property).Contains("null").Should().Be(!parameter.IsRequired, $"{id} input {parameter.Name}");
        }
    }

    [Theory]
    [MemberData(nameof(CatalogSamples.ActionIds), MemberType = typeof(CatalogSamples))]
    public void OutputSchema_EachAction_AgreesWithTheDescriptorOutputs(string id)
    {
        var descriptor = _catalog.Find(id)!;
        var schema = descriptor.OutputSchema;
        var properties = schema["properties"]!.AsObject();

        properties.Select(p => p.Key).Should().Equal(descriptor.Outputs.Select(p => p.Name));
        schema["required"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal(descriptor.Outputs.Select(p => p.Name), "every output is always present");
        foreach (var parameter in descriptor.Outputs)
        {
            var property = properties[parameter.Name]!.AsObject();
            property["title"]!.GetValue<string>().Should().Be(parameter.DisplayName);
            property["description"]!.GetValue<string>().Should().Be(parameter.Description);
            TypeName(property).Should().Be(parameter.TypeName, $"{id} output {parameter.Name}");
            // The descriptor's IsRequired means "never null" for an output.
            Types(property).Contains("null").Should().Be(!parameter.IsRequired, $"{id} output {parameter.Name}");
        }
    }

    [Theory]
    [InlineData(CatalogSamples.LookupUser, "id", "displayName", "givenName", "surname", "mail", "userPrincipalName", "jobTitle", "additionalProperties")]
    [InlineData(CatalogSamples.LookupGroup, "id", "displayName", "description", "mail", "mailNickname", "mailEnabled", "securityEnabled", "groupTypes", "visibility", "createdDateTime", "isAssignableToRole", "onPremisesSyncEnabled", "membershipRule", "kind", "isDynamic", "additionalProperties")]
    [InlineData(CatalogSamples.AddUserToGroup, "memberId", "groupId", "outcome", "isDryRun", "changed")]
    [InlineData(CatalogSamples.RemoveMemberFromGroup, "memberId", "groupId", "outcome", "isDryRun", "changed")]
    [InlineData(CatalogSamples.BulkAdd, "items", "succeededCount", "failedCount", "allSucceeded", "isDryRun")]
    [InlineData(CatalogSamples.BulkRemove, "items", "succeededCount", "failedCount", "allSucceeded", "isDryRun")]
    [InlineData(CatalogSamples.BulkLookup, "items", "succeededCount", "failedCount", "allSucceeded", "isDryRun")]
    public void OutputSchema_EachAction_UsesGraphCamelCaseNames(string id, params string[] names)
    {
        _catalog.Find(id)!.OutputSchema["properties"]!.AsObject().Select(p => p.Key).Should().Equal(names);
    }

    [Fact]
    public void OutputSchema_Enums_AreStringsWithTheirNames()
    {
        var group = _catalog.Find(CatalogSamples.LookupGroup)!.OutputSchema["properties"]!["kind"]!;
        var outcome = _catalog.Find(CatalogSamples.AddUserToGroup)!.OutputSchema["properties"]!["outcome"]!;

        group["type"]!.GetValue<string>().Should().Be("string");
        group["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Contain(["Security", "Microsoft365", "MailEnabledSecurity", "Distribution"]);
        outcome["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal("Added", "AlreadyMember", "Removed", "NotAMember");
    }

    [Fact]
    public void OutputSchema_BulkItems_ListEveryNestedPropertyAsRequired()
    {
        var item = _catalog.Find(CatalogSamples.BulkLookup)!.OutputSchema["properties"]!["items"]!["items"]!;

        Names(item["required"]).Should().Equal("input", "success", "isDuplicate", "value", "error");
        Names(item["properties"]!["value"]!["required"]).Should().Equal("id", "displayName", "givenName", "surname", "mail", "userPrincipalName", "jobTitle", "additionalProperties");
        Names(item["properties"]!["error"]!["required"]).Should().Equal("kind", "message", "graphErrorCode", "statusCode", "requestId", "retryAfterSeconds");
        item["properties"]!["error"]!["type"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("object", "null");

        static IEnumerable<string> Names(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(CatalogSamples.ActionIds), MemberType = typeof(CatalogSamples))]
    public async Task OutputSchema_OutputsOfARealTypedResult_Validate(string id)
    {
        var fixture = new CatalogSamples.Fixture();
        fixture.SetUpSuccess(id);

        var result = await fixture.Invoker.InvokeAsync(id, CatalogSamples.Inputs(id));

        result.Succeeded.Should().BeTrue(result.ToString());
        SchemaAssertions.Errors(_catalog.Find(id)!.OutputSchema, result.Outputs).Should().BeEmpty();
    }

    [Theory]
    [InlineData(CatalogSamples.AddUserToGroup)]
    [InlineData(CatalogSamples.RemoveMemberFromGroup)]
    public async Task Outputs_MembershipAction_HaveNoSuccessFlagAndTheSchemaAgrees(string id)
    {
        var fixture = new CatalogSamples.Fixture();
        fixture.SetUpSuccess(id);

        var result = await fixture.Invoker.InvokeAsync(id, CatalogSamples.Inputs(id));

        result.Succeeded.Should().BeTrue(result.ToString());
        result.ToJsonObject()["success"]!.GetValue<bool>().Should().BeTrue("the invocation result is the one place that says it");
        var outputs = JsonObject.Create(result.Outputs)!;
        outputs.Select(p => p.Key).Should().Equal("memberId", "groupId", "outcome", "isDryRun", "changed");
        var schema = _catalog.Find(id)!.OutputSchema;
        schema["properties"]!.AsObject().Select(p => p.Key).Should().Equal(outputs.Select(p => p.Key));
        SchemaAssertions.Errors(schema, outputs).Should().BeEmpty();

        outputs.Insert(0, "success", true);
        SchemaAssertions.Errors(schema, outputs).Should().NotBeEmpty("a success flag is not one of the outputs");
    }

    [Fact]
    public async Task OutputSchema_SparseUserWithNulls_Validates()
    {
        var fixture = new CatalogSamples.Fixture();
        fixture.Actions.Setup(a => a.LookupUserAsync(TestData.UserId, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(CatalogSamples.SparseUser()));

        var result = await fixture.Invoker.InvokeAsync(CatalogSamples.LookupUser, new JsonObject { ["userId"] = TestData.UserId });

        result.Outputs.GetProperty("displayName").ValueKind.Should().Be(JsonValueKind.Null);
        result.Outputs.TryGetProperty("displayName", out _).Should().BeTrue("every output is present, null when Graph has no value");
        SchemaAssertions.Errors(_catalog.Find(CatalogSamples.LookupUser)!.OutputSchema, result.Outputs).Should().BeEmpty();
    }

    [Theory]
    [InlineData("id")]
    [InlineData("extra")]
    [InlineData("mailEnabled")]
    public void OutputSchema_OutputThatDriftedFromTheModel_FailsValidation(string drift)
    {
        // Guards the tests above: a renamed, extra or mistyped output is caught.
        var outputs = new JsonObject
        {
            ["id"] = TestData.GroupId,
            ["displayName"] = null,
            ["description"] = null,
            ["mail"] = null,
            ["mailNickname"] = null,
            ["mailEnabled"] = false,
            ["securityEnabled"] = true,
            ["groupTypes"] = new JsonArray(),
            ["visibility"] = null,
            ["createdDateTime"] = null,
            ["isAssignableToRole"] = false,
            ["onPremisesSyncEnabled"] = null,
            ["membershipRule"] = null,
            ["kind"] = "Security",
            ["isDynamic"] = false,
            ["additionalProperties"] = new JsonObject(),
        };
        var schema = _catalog.Find(CatalogSamples.LookupGroup)!.OutputSchema;
        SchemaAssertions.Errors(schema, outputs).Should().BeEmpty();

        switch (drift)
        {
            case "id": outputs.Remove("id"); outputs["Id"] = TestData.GroupId; break;
            case "extra": outputs["extra"] = 1; break;
            default: outputs["mailEnabled"] = "false"; break;
        }

        SchemaAssertions.Errors(schema, outputs).Should().NotBeEmpty();
    }

    private static List<string> Types(JsonObject property) => property["type"] switch
    {
        JsonArray many => [.. many.Select(t => t!.GetValue<string>())],
        JsonValue one => [one.GetValue<string>()],
        _ => [],
    };

    /// <summary>The metadata type name a schema property stands for.</summary>
    private static string TypeName(JsonObject property)
    {
        var type = Types(property).Where(t => t != "null").Should().ContainSingle().Subject;
        return type switch
        {
            "string" when property["format"]?.GetValue<string>() == "date-time" => "dateTime",
            "array" => property["items"]!["type"] is JsonValue item && item.GetValue<string>() == "string" ? "string[]" : "object[]",
            _ => type,
        };
    }
}
