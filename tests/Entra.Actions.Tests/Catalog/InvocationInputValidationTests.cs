using System.Text.Json.Nodes;
using Moq;

namespace Entra.Actions.Tests.Catalog;

/// <summary>Inputs are checked against the input schema before anything runs: the mocks are strict, so any call fails a test.</summary>
public class InvocationInputValidationTests
{
    private readonly CatalogSamples.Fixture _fixture = new();

    private async Task<EntraActionError> RejectedAsync(string actionId, JsonObject inputs)
    {
        var result = await _fixture.Invoker.InvokeAsync(actionId, inputs);

        result.Succeeded.Should().BeFalse();
        result.ActionId.Should().Be(actionId);
        result.Outputs.EnumerateObject().Should().BeEmpty();
        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.StatusCode.Should().BeNull("no request was sent");
        return result.Error;
    }

    [Theory]
    [InlineData("entra.nope")]
    [InlineData("")]
    [InlineData("Entra.Lookup_User")]
    [InlineData("entra.lookup_user\n")]
    public async Task InvokeAsync_UnknownActionId_InvalidInputListingTheKnownActions(string actionId)
    {
        var error = await RejectedAsync(actionId, new JsonObject { ["userId"] = TestData.UserId });

        error.Message.Should().StartWith("Unknown action '").And.Contain(string.Join(", ", CatalogSamples.AllIds));
        error.Message.Should().NotContain("\n", "the caller's text is escaped");
    }

    [Theory]
    [InlineData(CatalogSamples.LookupUser, "userId")]
    [InlineData(CatalogSamples.LookupGroup, "groupId")]
    [InlineData(CatalogSamples.AddUserToGroup, "userId")]
    [InlineData(CatalogSamples.AddUserToGroup, "groupId")]
    [InlineData(CatalogSamples.RemoveMemberFromGroup, "memberId")]
    [InlineData(CatalogSamples.RemoveMemberFromGroup, "groupId")]
    [InlineData(CatalogSamples.BulkAdd, "groupId")]
    [InlineData(CatalogSamples.BulkAdd, "userIds")]
    [InlineData(CatalogSamples.BulkRemove, "memberIds")]
    [InlineData(CatalogSamples.BulkLookup, "userIds")]
    public async Task InvokeAsync_MissingRequiredInput_InvalidInputNamingTheField(string actionId, string field)
    {
        var inputs = CatalogSamples.Inputs(actionId);
        inputs.Remove(field);

        var error = await RejectedAsync(actionId, inputs);

        error.Message.Should().Contain($"input '{field}' is required").And.Contain(actionId);
    }

    [Fact]
    public async Task InvokeAsync_NoInputsAtAll_NamesEveryMissingField()
    {
        var error = await RejectedAsync(CatalogSamples.AddUserToGroup, []);

        error.Message.Should().Contain("input 'userId' is required").And.Contain("input 'groupId' is required");
    }

    [Theory]
    [InlineData(CatalogSamples.LookupUser, "userId", "42", "must be a string, not a number")]
    [InlineData(CatalogSamples.LookupUser, "userId", "null", "must be a string, not null")]
    [InlineData(CatalogSamples.LookupUser, "userId", "true", "must be a string, not a boolean")]
    [InlineData(CatalogSamples.LookupUser, "userId", "[\"a@b.com\"]", "must be a string, not an array")]
    [InlineData(CatalogSamples.LookupUser, "additionalProperties", "\"department\"", "must be an array of strings (or null), not a string")]
    [InlineData(CatalogSamples.AddUserToGroup, "groupId", "{}", "must be a string, not an object")]
    [InlineData(CatalogSamples.BulkAdd, "userIds", "\"a@b.com\"", "must be an array of strings, not a string")]
    public async Task InvokeAsync_WrongType_InvalidInputNamingTheFieldAndTypes(string actionId, string field, string json, string expected)
    {
        var inputs = CatalogSamples.Inputs(actionId);
        inputs[field] = JsonNode.Parse(json);

        var error = await RejectedAsync(actionId, inputs);

        error.Message.Should().Contain($"input '{field}' {expected}");
    }

    [Fact]
    public async Task InvokeAsync_WrongTypeInsideAList_NamesTheItem()
    {
        var inputs = new JsonObject { ["userIds"] = new JsonArray(TestData.UserId, 7, null) };

        var error = await RejectedAsync(CatalogSamples.BulkLookup, inputs);

        error.Message.Should().Contain("input 'userIds[1]' must be a string, not a number").And.Contain("input 'userIds[2]' must be a string, not null");
    }

    [Fact]
    public async Task InvokeAsync_ManyWrongTypedItems_MessageNamesTheFirstTenAndCountsTheRest()
    {
        var inputs = new JsonObject { ["userIds"] = new JsonArray([.. Enumerable.Range(0, 20_000).Select(i => (JsonNode?)JsonValue.Create(i))]) };

        var error = await RejectedAsync(CatalogSamples.BulkLookup, inputs);

        error.Message.Length.Should().BeLessThan(2_000, "the message is bounded however many items are wrong");
        error.Message.Should().Contain("input 'userIds[0]' must be a string, not a number")
            .And.Contain("input 'userIds[9]' must be a string, not a number")
            .And.NotContain("userIds[10]")
            .And.Contain("and 19,990 more problems")
            .And.EndWith("It takes userIds.");
    }

    [Fact]
    public async Task InvokeAsync_ExactlyTenProblems_NamesEachWithoutACount()
    {
        var inputs = new JsonObject { ["userIds"] = new JsonArray([.. Enumerable.Range(0, 10).Select(i => (JsonNode?)JsonValue.Create(i))]) };

        var error = await RejectedAsync(CatalogSamples.BulkLookup, inputs);

        error.Message.Should().Contain("input 'userIds[9]' must be a string").And.NotContain("more problems");
    }

    [Fact]
    public async Task InvokeAsync_UnknownExtraInput_InvalidInputNamingItAndTheRealInputs()
    {
        var inputs = CatalogSamples.Inputs(CatalogSamples.LookupUser);
        inputs["department"] = "Retail";

        var error = await RejectedAsync(CatalogSamples.LookupUser, inputs);

        error.Message.Should().Contain("input 'department' is not an input of this action").And.Contain("It takes userId, additionalProperties.");
    }

    [Fact]
    public async Task InvokeAsync_WrongCase_SuggestsTheRealName()
    {
        var error = await RejectedAsync(CatalogSamples.LookupUser, new JsonObject { ["UserId"] = TestData.UserId });

        error.Message.Should().Contain("input 'userId' is required").And.Contain("input 'UserId' is not an input of this action (did you mean 'userId'?)");
    }

    [Fact]
    public async Task InvokeAsync_SeveralProblems_NamesEveryField()
    {
        var error = await RejectedAsync(CatalogSamples.AddUserToGroup, new JsonObject { ["userId"] = 5, ["group"] = TestData.GroupId });

        error.Message.Should().Contain("'groupId' is required").And.Contain("'group' is not an input").And.Contain("'userId' must be a string");
    }

    [Fact]
    public async Task InvokeAsync_InputThatIsNotJson_InvalidInput()
    {
        var inputs = new JsonObject { ["userId"] = JsonValue.Create(new NotJson()) };

        var error = await RejectedAsync(CatalogSamples.LookupUser, inputs);

        error.Message.Should().Contain("could not be read as JSON");
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("not a guid or upn")]
    public async Task InvokeAsync_StringThatTheActionRefuses_IsPassedToTheActionWhichOwnsIdValidation(string userId)
    {
        // The schema checks shape only; id rules live in one place (EntraIdValidator, inside the action).
        _fixture.Actions.Setup(a => a.LookupUserAsync(userId, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Failure<EntraUser>(new EntraActionError(EntraErrorKind.InvalidInput, "User ID is invalid.")));

        var result = await _fixture.Invoker.InvokeAsync(CatalogSamples.LookupUser, new JsonObject { ["userId"] = userId });

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.Message.Should().Be("User ID is invalid.");
    }

    [Fact]
    public async Task InvokeAsync_ManyParallelInvalidInputs_EachGetsItsOwnMessage()
    {
        var invoker = _fixture.Invoker;

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
            invoker.InvokeAsync(CatalogSamples.LookupUser, new JsonObject { ["userId"] = TestData.UserId, [$"extra{i}"] = i }))));

        results.Select((r, i) => r.Error!.Message.Contains($"input 'extra{i}' is not an input", StringComparison.Ordinal)).Should().AllBeEquivalentTo(true);
    }

    private sealed class NotJson
    {
        public IntPtr Pointer { get; } = IntPtr.Zero;

        public NotJson Self => this;
    }
}
