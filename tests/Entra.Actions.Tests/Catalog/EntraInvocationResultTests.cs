using System.Text.Json;
using System.Text.Json.Nodes;

namespace Entra.Actions.Tests.Catalog;

public class EntraInvocationResultTests
{
    [Fact]
    public void ToJson_Failure_HasSuccessFalseAndTheCamelCaseErrorShape()
    {
        var error = new EntraActionError(EntraErrorKind.Forbidden, "Adding user 'u' to group 'g' was refused.")
        {
            GraphErrorCode = "Authorization_RequestDenied",
            StatusCode = 403,
            RequestId = TestData.RequestId,
        };

        var json = EntraInvocationResult.Failure(CatalogSamples.AddUserToGroup, error).ToJson();

        json.Should().Be(
            $$$"""{"success":false,"error":{"kind":"Forbidden","message":"Adding user 'u' to group 'g' was refused.","graphErrorCode":"Authorization_RequestDenied","statusCode":403,"requestId":"{{{TestData.RequestId}}}","retryAfterSeconds":null}}""");
    }

    [Fact]
    public void ToJson_FailureWithoutGraphDetails_KeepsEveryKeyWithNulls()
    {
        var json = EntraInvocationResult.Failure("entra.nope", new EntraActionError(EntraErrorKind.InvalidInput, "Unknown action 'entra.nope'.")).ToJsonObject();

        var error = json["error"]!.AsObject();
        error.Select(p => p.Key).Should().Equal("kind", "message", "graphErrorCode", "statusCode", "requestId", "retryAfterSeconds");
        error["kind"]!.GetValue<string>().Should().Be("InvalidInput");
        error["graphErrorCode"].Should().BeNull();
        error["statusCode"].Should().BeNull();
        error["requestId"].Should().BeNull();
    }

    [Fact]
    public void ToJson_ThrottledFailure_HasRetryAfterSeconds()
    {
        var json = EntraInvocationResult.Failure(CatalogSamples.LookupUser, CatalogSamples.Error(EntraErrorKind.Throttled)).ToJsonObject();

        json["error"]!["retryAfterSeconds"]!.GetValue<double>().Should().Be(2.128);
    }

    [Fact]
    public void ToJson_Success_WrapsTheOutputs()
    {
        var outputs = new JsonObject { ["outcome"] = "Added", ["mail"] = null };
        var result = EntraInvocationResult.Success(CatalogSamples.AddUserToGroup, outputs);

        var json = result.ToJson();

        json.Should().Be("""{"success":true,"outputs":{"outcome":"Added","mail":null}}""");
        result.Succeeded.Should().BeTrue();
        result.Error.Should().BeNull();
        result.ToString().Should().Be("entra.add_user_to_group succeeded");
    }

    [Fact]
    public void Success_OutputsChangedAfterwards_ResultKeepsWhatItWasGiven()
    {
        var outputs = new JsonObject { ["outcome"] = "Added", ["changed"] = true };
        var result = EntraInvocationResult.Success(CatalogSamples.AddUserToGroup, outputs);

        outputs["outcome"] = "changed later";
        outputs.Remove("changed");

        result.Outputs.GetRawText().Should().Be("""{"outcome":"Added","changed":true}""");
        result.ToJsonObject()["outputs"]!.ToJsonString().Should().Be("""{"outcome":"Added","changed":true}""");
    }

    [Fact]
    public void ToJsonObject_Changed_DoesNotChangeTheResult()
    {
        var result = EntraInvocationResult.Success(CatalogSamples.AddUserToGroup, new JsonObject { ["outcome"] = "Added" });

        result.ToJsonObject()["outputs"]!["outcome"] = "changed by one reader";

        result.Outputs.GetProperty("outcome").GetString().Should().Be("Added");
        result.ToJsonObject()["outputs"]!["outcome"]!.GetValue<string>().Should().Be("Added");
        result.ToJson().Should().Be("""{"success":true,"outputs":{"outcome":"Added"}}""");
    }

    [Fact]
    public void ToJson_UserNamedOBrien_IsCompactOneLineWithTheApostropheAsItIs()
    {
        var outputs = new JsonObject { ["displayName"] = "Siobhán O'Brien", ["mail"] = "o'brien+sales@contoso.com", ["jobTitle"] = "R&D <lead>" };
        var result = EntraInvocationResult.Success(CatalogSamples.LookupUser, outputs);

        var json = result.ToJson();

        json.Should().Be("""{"success":true,"outputs":{"displayName":"Siobhán O'Brien","mail":"o'brien+sales@contoso.com","jobTitle":"R&D <lead>"}}""");
        json.Should().NotContain("\\u").And.NotContain("\n").And.NotContain("  ");
    }

    [Fact]
    public void ToJson_FailureMessageWithApostrophe_IsWrittenAsItIs()
    {
        var error = new EntraActionError(EntraErrorKind.NotFound, "User 'O'Brien@contoso.com' was not found.") { StatusCode = 404 };

        var json = EntraInvocationResult.Failure(CatalogSamples.LookupUser, error).ToJson();

        json.Should().Contain("\"message\":\"User 'O'Brien@contoso.com' was not found.\"").And.NotContain("\\u0027");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ToJson_ParsedBack_IsTheSameContentAsToJsonObject(bool succeeded)
    {
        var result = succeeded
            ? EntraInvocationResult.Success(CatalogSamples.LookupUser, new JsonObject { ["displayName"] = "Mary O'Brien", ["mail"] = null, ["additionalProperties"] = new JsonObject { ["city"] = "Zürich" } })
            : EntraInvocationResult.Failure(CatalogSamples.LookupUser, CatalogSamples.Error(EntraErrorKind.Throttled) with { Message = "Graph throttled 'O'Brien' <again> & again." });

        var parsed = JsonNode.Parse(result.ToJson());

        JsonNode.DeepEquals(parsed, result.ToJsonObject()).Should().BeTrue(result.ToJson());
    }

    [Fact]
    public void Failure_Outputs_AreEmptyNotNull()
    {
        var result = EntraInvocationResult.Failure(CatalogSamples.LookupUser, CatalogSamples.Error(EntraErrorKind.NotFound));

        result.Succeeded.Should().BeFalse();
        result.Outputs.ValueKind.Should().Be(JsonValueKind.Object);
        result.Outputs.EnumerateObject().Should().BeEmpty();
        result.ToString().Should().StartWith("entra.lookup_user failed: NotFound:");
    }

    [Fact]
    public void Factories_NullArguments_Throw()
    {
        ((Action)(() => EntraInvocationResult.Success(null!, []))).Should().Throw<ArgumentNullException>();
        ((Action)(() => EntraInvocationResult.Success("x", null!))).Should().Throw<ArgumentNullException>();
        ((Action)(() => EntraInvocationResult.Failure(null!, CatalogSamples.Error(EntraErrorKind.NotFound)))).Should().Throw<ArgumentNullException>();
        ((Action)(() => EntraInvocationResult.Failure("x", null!))).Should().Throw<ArgumentNullException>();
    }
}
