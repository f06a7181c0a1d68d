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

        json.ToJsonString().Should().Be(
            $$$"""{"success":false,"error":{"kind":"Forbidden","message":"Adding user \u0027u\u0027 to group \u0027g\u0027 was refused.","graphErrorCode":"Authorization_RequestDenied","statusCode":403,"requestId":"{{{TestData.RequestId}}}","retryAfterSeconds":null}}""");
    }

    [Fact]
    public void ToJson_FailureWithoutGraphDetails_KeepsEveryKeyWithNulls()
    {
        var json = EntraInvocationResult.Failure("entra.nope", new EntraActionError(EntraErrorKind.InvalidInput, "Unknown action 'entra.nope'.")).ToJson();

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
        var json = EntraInvocationResult.Failure(CatalogSamples.LookupUser, CatalogSamples.Error(EntraErrorKind.Throttled)).ToJson();

        json["error"]!["retryAfterSeconds"]!.GetValue<double>().Should().Be(2.128);
    }

    [Fact]
    public void ToJson_Success_WrapsTheOutputs()
    {
        var outputs = new JsonObject { ["success"] = true, ["outcome"] = "Added", ["mail"] = null };
        var result = EntraInvocationResult.Success(CatalogSamples.AddUserToGroup, outputs);

        var json = result.ToJson();

        json.ToJsonString().Should().Be("""{"success":true,"outputs":{"success":true,"outcome":"Added","mail":null}}""");
        result.Succeeded.Should().BeTrue();
        result.Error.Should().BeNull();
        result.ToString().Should().Be("entra.add_user_to_group succeeded");
    }

    [Fact]
    public void Success_OutputsChangedAfterwards_ResultKeepsWhatItWasGiven()
    {
        var outputs = new JsonObject { ["success"] = true, ["outcome"] = "Added" };
        var result = EntraInvocationResult.Success(CatalogSamples.AddUserToGroup, outputs);

        outputs["outcome"] = "changed later";
        outputs.Remove("success");

        result.Outputs.GetRawText().Should().Be("""{"success":true,"outcome":"Added"}""");
        result.ToJson()["outputs"]!.ToJsonString().Should().Be("""{"success":true,"outcome":"Added"}""");
    }

    [Fact]
    public void ToJson_Changed_DoesNotChangeTheResult()
    {
        var result = EntraInvocationResult.Success(CatalogSamples.AddUserToGroup, new JsonObject { ["outcome"] = "Added" });

        result.ToJson()["outputs"]!["outcome"] = "changed by one reader";

        result.Outputs.GetProperty("outcome").GetString().Should().Be("Added");
        result.ToJson()["outputs"]!["outcome"]!.GetValue<string>().Should().Be("Added");
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
