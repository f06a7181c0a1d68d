using System.Text.Json;
using System.Text.Json.Nodes;
using Moq;

namespace Entra.Actions.Tests.Catalog;

/// <summary>The five query descriptors: schema limits, the invoker's refusals before any call, and output shapes.</summary>
public class QueryCatalogTests
{
    private readonly EntraActionCatalog _catalog = new();
    private readonly CatalogSamples.Fixture _fixture = new();

    private JsonNode Input(string actionId, string name) => _catalog.Find(actionId)!.InputSchema["properties"]![name]!;

    private async Task<EntraActionError> RejectedAsync(string actionId, JsonObject inputs)
    {
        var result = await _fixture.Invoker.InvokeAsync(actionId, inputs);

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        result.Error.StatusCode.Should().BeNull("no request was sent");
        _fixture.Queries.VerifyNoOtherCalls();
        return result.Error;
    }

    [Theory]
    [InlineData(CatalogSamples.SearchUsers, 999)]
    [InlineData(CatalogSamples.ListGroupMembers, 100_000)]
    [InlineData(CatalogSamples.ListUserGroups, 100_000)]
    public void InputSchema_Limit_HasMinimumAndMaximum(string actionId, long maximum)
    {
        var limit = Input(actionId, "limit");

        limit["minimum"]!.GetValue<long>().Should().Be(1);
        limit["maximum"]!.GetValue<long>().Should().Be(maximum);
        _catalog.Find(actionId)!.InputSchema["required"]!.AsArray().Select(n => n!.GetValue<string>()).Should().NotContain("limit");
    }

    [Theory]
    [InlineData(CatalogSamples.SearchUsers, "query")]
    [InlineData(CatalogSamples.FindGroup, "name")]
    public void InputSchema_Text_HasMinLengthAndMaxLength(string actionId, string name)
    {
        var text = Input(actionId, name);

        text["minLength"]!.GetValue<int>().Should().Be(1);
        text["maxLength"]!.GetValue<int>().Should().Be(256);
        _catalog.Find(actionId)!.InputSchema["required"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Contain(name);
    }

    [Theory]
    [InlineData(CatalogSamples.ListGroupMembers, "groupId")]
    [InlineData(CatalogSamples.CheckMembership, "userId")]
    [InlineData(CatalogSamples.CheckMembership, "transitive")]
    [InlineData(CatalogSamples.ListUserGroups, "transitive")]
    public void InputSchema_InputsWithoutLimits_HaveNoBounds(string actionId, string name)
    {
        var input = Input(actionId, name).AsObject();

        input.Select(p => p.Key).Should().NotContain(["minimum", "maximum", "minLength", "maxLength"]);
    }

    public static TheoryData<string, string> RefusedInputs => new()
    {
        { CatalogSamples.SearchUsers, """{"query":""}""" },
        { CatalogSamples.SearchUsers, $$"""{"query":"{{new string('a', 257)}}"}""" },
        { CatalogSamples.SearchUsers, """{"query":"Ade","limit":0}""" },
        { CatalogSamples.SearchUsers, """{"query":"Ade","limit":-1}""" },
        { CatalogSamples.SearchUsers, """{"query":"Ade","limit":1000}""" },
        { CatalogSamples.SearchUsers, """{"query":"Ade","limit":2.5}""" },
        { CatalogSamples.SearchUsers, """{"query":"Ade","limit":"25"}""" },
        { CatalogSamples.SearchUsers, """{"query":42}""" },
        { CatalogSamples.SearchUsers, """{"query":null}""" },
        { CatalogSamples.SearchUsers, """{"limit":5}""" },
        { CatalogSamples.SearchUsers, """{"query":"Ade","filter":"id eq 'x'"}""" },
        { CatalogSamples.FindGroup, """{"name":""}""" },
        { CatalogSamples.FindGroup, $$"""{"name":"{{new string('b', 257)}}"}""" },
        { CatalogSamples.FindGroup, """{"name":["Retail"]}""" },
        { CatalogSamples.FindGroup, """{"name":"Retail","limit":10}""" },
        { CatalogSamples.ListGroupMembers, $$"""{"groupId":"{{TestData.GroupId}}","limit":0}""" },
        { CatalogSamples.ListGroupMembers, $$"""{"groupId":"{{TestData.GroupId}}","limit":100001}""" },
        { CatalogSamples.ListGroupMembers, $$"""{"groupId":"{{TestData.GroupId}}","transitive":"yes"}""" },
        { CatalogSamples.ListGroupMembers, """{"groupId":7}""" },
        { CatalogSamples.CheckMembership, $$"""{"userId":"{{TestData.Upn}}"}""" },
        { CatalogSamples.CheckMembership, $$"""{"userId":"{{TestData.Upn}}","groupId":"{{TestData.GroupId}}","transitive":1}""" },
        { CatalogSamples.CheckMembership, $$"""{"userId":"{{TestData.Upn}}","groupId":"{{TestData.GroupId}}","direct":true}""" },
        { CatalogSamples.ListUserGroups, $$"""{"userId":"{{TestData.Upn}}","limit":0}""" },
        { CatalogSamples.ListUserGroups, $$"""{"userId":"{{TestData.Upn}}","limit":100001}""" },
        { CatalogSamples.ListUserGroups, """{"userId":true}""" },
    };

    [Theory]
    [MemberData(nameof(RefusedInputs))]
    public async Task InvokeAsync_InputOutsideTheSchema_InvalidInputWithoutCallingTheAction(string actionId, string inputs)
    {
        var error = await RejectedAsync(actionId, JsonNode.Parse(inputs)!.AsObject());

        error.Message.Should().Contain(actionId);
    }

    [Theory]
    [InlineData(CatalogSamples.SearchUsers, """{"query":"Ade","limit":999}""")]
    [InlineData(CatalogSamples.SearchUsers, """{"query":"Ade","limit":1}""")]
    [InlineData(CatalogSamples.ListGroupMembers, """{"groupId":"02bd9fd6-8f93-4758-87c3-1fb73740a315","limit":100000}""")]
    public async Task InvokeAsync_LimitAtTheBounds_IsPassedOn(string actionId, string inputs)
    {
        _fixture.SetUpSuccess(actionId);

        var result = await _fixture.Invoker.InvokeAsync(actionId, JsonNode.Parse(inputs)!.AsObject());

        result.Succeeded.Should().BeTrue(result.ToString());
        var limit = JsonNode.Parse(inputs)!["limit"]!.GetValue<int>();
        if (actionId == CatalogSamples.SearchUsers)
        {
            _fixture.Queries.Verify(q => q.SearchUsersAsync("Ade", limit, It.IsAny<CancellationToken>()), Times.Once);
        }
        else
        {
            _fixture.Queries.Verify(q => q.ListGroupMembersAsync(TestData.GroupId, false, limit, It.IsAny<CancellationToken>()), Times.Once);
        }
    }

    [Fact]
    public async Task InvokeAsync_OptionalInputsLeftOut_ActionDefaultsArePassed()
    {
        foreach (var id in CatalogSamples.QueryIds)
        {
            _fixture.SetUpSuccess(id);
            (await _fixture.Invoker.InvokeAsync(id, CatalogSamples.Inputs(id))).Succeeded.Should().BeTrue();
        }

        _fixture.Queries.Verify(q => q.SearchUsersAsync("Ade", SearchUsersAction.DefaultLimit, It.IsAny<CancellationToken>()), Times.Once);
        _fixture.Queries.Verify(q => q.FindGroupAsync("Retail", It.IsAny<CancellationToken>()), Times.Once);
        _fixture.Queries.Verify(q => q.ListGroupMembersAsync(TestData.GroupId, false, ListGroupMembersAction.DefaultLimit, It.IsAny<CancellationToken>()), Times.Once);
        _fixture.Queries.Verify(q => q.CheckMembershipAsync(TestData.Upn, TestData.GroupId, true, It.IsAny<CancellationToken>()), Times.Once);
        _fixture.Queries.Verify(q => q.ListUserGroupsAsync(TestData.Upn, false, ListUserGroupsAction.DefaultLimit, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task InvokeAsync_SearchUsers_OutputsUsersAndTruncated()
    {
        _fixture.SetUpSuccess(CatalogSamples.SearchUsers);

        var result = await _fixture.Invoker.InvokeAsync(CatalogSamples.SearchUsers, CatalogSamples.Inputs(CatalogSamples.SearchUsers));

        result.Outputs.EnumerateObject().Select(p => p.Name).Should().Equal("users", "truncated");
        result.Outputs.GetProperty("truncated").GetBoolean().Should().BeTrue();
        var users = result.Outputs.GetProperty("users");
        users.GetArrayLength().Should().Be(2);
        users[0].GetProperty("userPrincipalName").GetString().Should().Be(TestData.Upn);
        users[1].GetProperty("displayName").ValueKind.Should().Be(JsonValueKind.Null);
        Valid(CatalogSamples.SearchUsers, result);
    }

    [Fact]
    public async Task InvokeAsync_ListGroupMembers_OutputsMembersCountTruncatedWithObjectTypeNames()
    {
        _fixture.SetUpSuccess(CatalogSamples.ListGroupMembers);

        var result = await _fixture.Invoker.InvokeAsync(CatalogSamples.ListGroupMembers, CatalogSamples.Inputs(CatalogSamples.ListGroupMembers));

        result.Outputs.GetProperty("count").GetInt32().Should().Be(2);
        result.Outputs.GetProperty("truncated").GetBoolean().Should().BeFalse();
        result.Outputs.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("objectType").GetString()).Should().Equal("User", "Group");
        Valid(CatalogSamples.ListGroupMembers, result);
    }

    [Fact]
    public async Task InvokeAsync_CheckMembership_OutputsIsMemberGroupIdTransitive()
    {
        _fixture.SetUpSuccess(CatalogSamples.CheckMembership);

        var result = await _fixture.Invoker.InvokeAsync(CatalogSamples.CheckMembership, CatalogSamples.Inputs(CatalogSamples.CheckMembership));

        result.Outputs.GetProperty("isMember").GetBoolean().Should().BeTrue();
        result.Outputs.GetProperty("groupId").GetString().Should().Be(TestData.GroupId);
        result.Outputs.GetProperty("transitive").GetBoolean().Should().BeTrue();
        Valid(CatalogSamples.CheckMembership, result);
    }

    [Fact]
    public async Task InvokeAsync_ListUserGroups_OutputsGroupsWithKindName()
    {
        _fixture.SetUpSuccess(CatalogSamples.ListUserGroups);

        var result = await _fixture.Invoker.InvokeAsync(CatalogSamples.ListUserGroups, CatalogSamples.Inputs(CatalogSamples.ListUserGroups));

        var group = result.Outputs.GetProperty("groups").EnumerateArray().Should().ContainSingle().Subject;
        group.GetProperty("kind").GetString().Should().Be("Microsoft365");
        group.GetProperty("isDynamic").GetBoolean().Should().BeTrue();
        result.Outputs.GetProperty("truncated").GetBoolean().Should().BeFalse();
        Valid(CatalogSamples.ListUserGroups, result);
    }

    [Fact]
    public async Task InvokeAsync_FindGroupAmbiguous_FailureKeepsKindAndMessage()
    {
        var error = new EntraActionError(EntraErrorKind.Ambiguous, "2 groups have the display name, email or mail nickname 'Retail'; ...");
        _fixture.Queries.Setup(q => q.FindGroupAsync("Retail", It.IsAny<CancellationToken>())).ReturnsAsync(EntraActionResult.Failure<EntraGroup>(error));

        var result = await _fixture.Invoker.InvokeAsync(CatalogSamples.FindGroup, CatalogSamples.Inputs(CatalogSamples.FindGroup));

        result.Succeeded.Should().BeFalse();
        result.Error!.Kind.Should().Be(EntraErrorKind.Ambiguous);
        result.Error.Message.Should().Be(error.Message);
    }

    [Fact]
    public void OutputSchema_ListGroupMembers_ObjectTypeIsAStringEnumOfTheNames()
    {
        var objectType = _catalog.Find(CatalogSamples.ListGroupMembers)!.OutputSchema["properties"]!["members"]!["items"]!["properties"]!["objectType"]!;

        objectType["enum"]!.AsArray().Select(n => n!.GetValue<string>()).Should().BeEquivalentTo(Enum.GetNames<EntraObjectType>());
    }

    [Fact]
    public void OutputSchema_ListGroupMembers_RefusesANumericObjectType()
    {
        var schema = _catalog.Find(CatalogSamples.ListGroupMembers)!.OutputSchema;
        string Outputs(string objectType) =>
            $$"""{"members":[{"id":"{{TestData.UserId}}","displayName":null,"userPrincipalName":null,"mail":null,"objectType":{{objectType}}}],"count":1,"truncated":false}""";

        SchemaAssertions.Errors(schema, JsonNode.Parse(Outputs("\"Device\""))).Should().BeEmpty();
        SchemaAssertions.Errors(schema, JsonNode.Parse(Outputs("3"))).Should().NotBeEmpty();
        SchemaAssertions.Errors(schema, JsonNode.Parse(Outputs("\"Printer\""))).Should().NotBeEmpty();
    }

    private void Valid(string actionId, EntraInvocationResult result) =>
        SchemaAssertions.Errors(_catalog.Find(actionId)!.OutputSchema, result.Outputs).Should().BeEmpty();
}
