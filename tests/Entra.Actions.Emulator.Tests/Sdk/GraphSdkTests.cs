using Entra.Actions.Emulator.Tests.Support;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace Entra.Actions.Emulator.Tests.Sdk;

/// <summary>The real Graph SDK (6.10.0) as the client, in-process.</summary>
public class GraphSdkTests
{
    private readonly GraphEmulator _emulator = Emulators.Demo();

    [Fact]
    public async Task UsersGet_ByIdAndUpnAndGuestUpn_ReturnsUsers()
    {
        var graph = Emulators.Graph(_emulator);

        var byId = await graph.Users[DemoTenant.AdeleVanceId].GetAsync();
        var byUpn = await graph.Users[DemoTenant.AdeleVanceUpn].GetAsync();
        var guest = await graph.Users[DemoTenant.GuestUserUpn].GetAsync(rc => rc.QueryParameters.Select = ["id", "userType", "accountEnabled"]);

        byId!.JobTitle.Should().Be("Retail Manager");
        byUpn!.Id.Should().Be(DemoTenant.AdeleVanceId);
        guest!.UserType.Should().Be("Guest");
        guest.AccountEnabled.Should().BeTrue();
        _emulator.Journal.Entries[2].RawPath.Should().Contain("%23EXT%23");
    }

    [Fact]
    public async Task GroupsGet_WithSelect_ReturnsKindProperties()
    {
        var graph = Emulators.Graph(_emulator);

        var group = await graph.Groups[DemoTenant.DynamicGroupId].GetAsync(rc =>
            rc.QueryParameters.Select = ["groupTypes", "mailEnabled", "securityEnabled", "onPremisesSyncEnabled", "isAssignableToRole", "membershipRule"]);

        group!.GroupTypes.Should().Equal("DynamicMembership");
        group.MembershipRule.Should().NotBeNullOrEmpty();
        group.SecurityEnabled.Should().BeTrue();
    }

    [Fact]
    public async Task UsersGet_Unknown_ThrowsODataErrorWithCodeAndRequestId()
    {
        var graph = Emulators.Graph(_emulator);

        var act = () => graph.Users["nobody@contoso.com"].GetAsync();

        var error = (await act.Should().ThrowAsync<ODataError>()).Which;
        error.ResponseStatusCode.Should().Be(404);
        error.Error!.Code.Should().Be("Request_ResourceNotFound");
        error.Error.InnerError!.RequestId.Should().NotBeNullOrEmpty();
        error.Message.Should().Contain("does not exist");
    }

    [Fact]
    public async Task MembersRef_AddAddRemoveRemove_MatchesGraphOutcomes()
    {
        var graph = Emulators.Graph(_emulator);
        var group = graph.Groups[DemoTenant.ProjectFalconGroupId];
        var reference = new ReferenceCreate { OdataId = Emulators.Ref(DemoTenant.AdeleVanceId) };

        await group.Members.Ref.PostAsync(reference);
        var again = async () => await group.Members.Ref.PostAsync(reference);
        var alreadyMember = (await again.Should().ThrowAsync<ODataError>()).Which;
        await group.Members[DemoTenant.AdeleVanceId].Ref.DeleteAsync();
        var removeAgain = async () => await group.Members[DemoTenant.AdeleVanceId].Ref.DeleteAsync();
        var notMember = (await removeAgain.Should().ThrowAsync<ODataError>()).Which;

        alreadyMember.ResponseStatusCode.Should().Be(400);
        alreadyMember.Error!.Code.Should().Be("Request_BadRequest");
        notMember.ResponseStatusCode.Should().Be(404);
        notMember.Error!.Code.Should().Be("Request_ResourceNotFound");
        _emulator.Journal.Entries.Where(e => e.Method == "DELETE").Should().OnlyContain(e => e.RawPath.EndsWith("/$ref", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GroupsPatch_MembersBind_AddsMembers()
    {
        var graph = Emulators.Graph(_emulator);
        var body = new Group
        {
            AdditionalData = new Dictionary<string, object>
            {
                ["members@odata.bind"] = new List<string> { Emulators.Ref(DemoTenant.AdeleVanceId), Emulators.Ref(DemoTenant.LeeGuId) },
            },
        };

        await graph.Groups[DemoTenant.ProjectFalconGroupId].PatchAsync(body);

        _emulator.Directory.GetMemberIds(Guid.Parse(DemoTenant.ProjectFalconGroupId)).Should().HaveCount(2);
        _emulator.Journal.Entries[0].Body.Should().Contain("\"@odata.type\":\"#microsoft.graph.group\"");
    }

    [Fact]
    public async Task MembersCount_WithConsistencyLevelHeader_ReturnsCount()
    {
        var graph = Emulators.Graph(_emulator);

        var count = await graph.Groups[DemoTenant.SalesAndMarketingGroupId].Members.Count.GetAsync(rc => rc.Headers.Add("ConsistencyLevel", "eventual"));

        count.Should().Be(4);
    }

    [Fact]
    public async Task Members_PageIterator_ReadsAllPages()
    {
        var graph = Emulators.Graph(_emulator);
        var first = await graph.Groups[DemoTenant.AllCompanyGroupId].Members.GetAsync(rc => rc.QueryParameters.Top = 8);
        var ids = new List<string>();

        var iterator = PageIterator<DirectoryObject, DirectoryObjectCollectionResponse>.CreatePageIterator(graph, first!, item =>
        {
            ids.Add(item.Id!);
            return true;
        });
        await iterator.IterateAsync();

        ids.Should().HaveCount(30).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task GetByIds_ViaSdk_ReturnsTypedObjects()
    {
        var graph = Emulators.Graph(_emulator, EmulatorCredential.ForApplication("Directory.Read.All"));

        var result = await graph.DirectoryObjects.GetByIds.PostAsGetByIdsPostResponseAsync(new Microsoft.Graph.DirectoryObjects.GetByIds.GetByIdsPostRequestBody
        {
            Ids = [DemoTenant.AdeleVanceId, DemoTenant.HrTaskforceGroupId],
        });

        result!.Value.Should().HaveCount(2);
        result.Value![0].Should().BeOfType<User>();
        result.Value[1].Should().BeOfType<Group>();
    }

    [Fact]
    public async Task Batch_ViaSdk_EchoesStepIdsAndStatuses()
    {
        var graph = Emulators.Graph(_emulator);
        var batch = new BatchRequestContentCollection(graph);
        var lookup = await batch.AddBatchRequestStepAsync(graph.Users[DemoTenant.AdeleVanceId].ToGetRequestInformation());
        var missing = await batch.AddBatchRequestStepAsync(graph.Users["nobody@contoso.com"].ToGetRequestInformation());
        var add = await batch.AddBatchRequestStepAsync(graph.Groups[DemoTenant.ProjectFalconGroupId].Members.Ref.ToPostRequestInformation(
            new ReferenceCreate { OdataId = Emulators.Ref(DemoTenant.LeeGuId) }));

        var response = await graph.Batch.PostAsync(batch);
        var statuses = await response.GetResponsesStatusCodesAsync();

        statuses[lookup].Should().Be(System.Net.HttpStatusCode.OK);
        statuses[missing].Should().Be(System.Net.HttpStatusCode.NotFound);
        statuses[add].Should().Be(System.Net.HttpStatusCode.NoContent);
        (await response.GetResponseByIdAsync<User>(lookup)).DisplayName.Should().Be("Adele Vance");
        _emulator.Directory.IsMember(Guid.Parse(DemoTenant.ProjectFalconGroupId), Guid.Parse(DemoTenant.LeeGuId)).Should().BeTrue();
    }

    [Fact]
    public async Task UsersList_FilterIdInViaSdk_DirectAndAsUnescapedBatchStep_ReturnMatches()
    {
        var graph = Emulators.Graph(_emulator);
        var filter = $"id in ('{DemoTenant.AdeleVanceId}','{DemoTenant.AlexWilberId}','0badc0de-0000-4000-8000-000000000000')";
        void Configure(Microsoft.Kiota.Abstractions.RequestConfiguration<Microsoft.Graph.Users.UsersRequestBuilder.UsersRequestBuilderGetQueryParameters> rc)
        {
            rc.QueryParameters.Filter = filter;
            rc.QueryParameters.Select = ["id", "displayName"];
        }

        var direct = await graph.Users.GetAsync(Configure);
        var batch = new BatchRequestContentCollection(graph);
        var step = await batch.AddBatchRequestStepAsync(graph.Users.ToGetRequestInformation(Configure));
        var response = await graph.Batch.PostAsync(batch);
        var batched = await response.GetResponseByIdAsync<UserCollectionResponse>(step);

        direct!.Value!.Select(u => u.Id).Should().BeEquivalentTo([DemoTenant.AdeleVanceId, DemoTenant.AlexWilberId]);
        batched.Value!.Select(u => u.Id).Should().BeEquivalentTo([DemoTenant.AdeleVanceId, DemoTenant.AlexWilberId]);
        _emulator.Journal.Entries.Should().Contain(e => e.BatchStepId == step && e.Query.Contains("id in ('", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Batch_ViaSdk_TwentyTwoSteps_SplitIntoTwoPosts()
    {
        var graph = Emulators.Graph(_emulator);
        var batch = new BatchRequestContentCollection(graph);
        for (var i = 0; i < 22; i++)
        {
            await batch.AddBatchRequestStepAsync(graph.Users[DemoTenant.AdeleVanceId].ToGetRequestInformation());
        }

        var response = await graph.Batch.PostAsync(batch);

        (await response.GetResponsesStatusCodesAsync()).Should().HaveCount(22);
        _emulator.Journal.Entries.Count(e => e.BatchStepId is null).Should().Be(2);
    }

    [Fact]
    public async Task Me_DelegatedCredential_ReturnsSignedInUser()
    {
        var graph = Emulators.Graph(_emulator, EmulatorCredential.ForDelegated(["User.Read"], DemoTenant.LeeGuId, "LeeG@contoso.com"));

        var me = await graph.Me.GetAsync();

        me!.DisplayName.Should().Be("Lee Gu");
    }

    [Fact]
    public async Task Throttled_SdkDefaultRetryHandler_RetriesAfterRetryAfter()
    {
        _emulator.Faults.FailNext(1, 429, "GET", retryAfter: "1");
        var handler = GraphClientFactory.CreatePipeline(GraphClientFactory.CreateDefaultHandlers(), _emulator.CreateHandler());
        var graph = Emulators.Graph(handler!, GraphEmulator.InProcessBaseUrl, EmulatorCredential.ForApplication(Api.ReadWrite));

        var user = await graph.Users[DemoTenant.AdeleVanceId].GetAsync();

        user!.Id.Should().Be(DemoTenant.AdeleVanceId);
        var attempts = _emulator.Journal.Entries;
        attempts.Select(e => e.StatusCode).Should().Equal(429, 200);
        attempts[1].Headers["client-request-id"].Should().Be(attempts[0].Headers["client-request-id"]);
        attempts[1].Headers.Should().ContainKey("Retry-Attempt");
        (attempts[1].Timestamp - attempts[0].Timestamp).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900));
    }

    [Fact]
    public async Task UserMemberOf_RoleAndUnit_DeserializeAsTheirSdkTypes()
    {
        var graph = Emulators.Graph(_emulator);

        var memberOf = await graph.Users[DemoTenant.LeeGuId].MemberOf.GetAsync();
        var groups = await graph.Users[DemoTenant.LeeGuId].MemberOf.GraphGroup.GetAsync();

        memberOf!.Value!.OfType<DirectoryRole>().Should().ContainSingle().Which.RoleTemplateId.Should().Be(DemoTenant.GroupsAdministratorRoleTemplateId);
        memberOf.Value!.OfType<AdministrativeUnit>().Should().ContainSingle().Which.DisplayName.Should().Be("Seattle Office");
        memberOf.Value!.OfType<Group>().Should().HaveCount(2);
        groups!.Value!.Select(g => g.Id).Should().BeEquivalentTo([DemoTenant.SalesAndMarketingGroupId, DemoTenant.AllCompanyGroupId]);
    }

    [Fact]
    public async Task GroupTransitiveMembers_SdkCastToUser_SendsGraphAliasAndListsUsers()
    {
        var graph = Emulators.Graph(_emulator);

        var users = await graph.Groups[DemoTenant.SalesAndMarketingGroupId].TransitiveMembers.GraphUser.GetAsync();
        var count = await graph.Groups[DemoTenant.SalesAndMarketingGroupId].Members.GraphUser.Count.GetAsync(rc => rc.Headers.Add("ConsistencyLevel", "eventual"));

        users!.Value!.Select(u => u.Id).Should().Contain([DemoTenant.AdeleVanceId, DemoTenant.AlexWilberId]).And.NotContain(DemoTenant.RetailTeamGroupId);
        count.Should().Be(3);
        _emulator.Journal.Entries[0].RawPath.Should().EndWith("/transitiveMembers/graph.user");
    }

    [Theory]
    [InlineData("C++ & #1")]
    [InlineData("100% (x) \"q\" \\ O'Neil")]
    [InlineData("Zoë 日本 a=b?c/d")]
    public async Task UsersGet_SdkStartsWithFilterOnFiveProperties_FindsTheUser(string prefix)
    {
        var id = Guid.NewGuid();
        _emulator.Directory.AddUser(new EmulatedUser { Id = id, DisplayName = prefix + " Tester", UserPrincipalName = $"t{id:N}@contoso.com" });
        var graph = Emulators.Graph(_emulator);
        var literal = prefix.Replace("'", "''", StringComparison.Ordinal).ToLowerInvariant();
        var filter = string.Join(" or ", new[] { "displayName", "givenName", "surname", "mail", "userPrincipalName" }.Select(p => $"startswith({p},'{literal}')"));

        var users = await graph.Users.GetAsync(rc =>
        {
            rc.QueryParameters.Filter = filter;
            rc.QueryParameters.Top = 5;
        });

        users!.Value!.Select(u => u.Id).Should().Equal(id.ToString());
    }

    [Fact]
    public async Task GroupsGet_SdkExactNameFilterAndCheckMemberGroups_AnswerLikeGraph()
    {
        var graph = Emulators.Graph(_emulator);
        var unknown = Guid.NewGuid().ToString();

        var groups = await graph.Groups.GetAsync(rc =>
        {
            rc.QueryParameters.Filter = "displayName eq 'sales' or mail eq 'sales' or mailNickname eq 'sales'";
            rc.QueryParameters.Top = 11;
        });
        var check = await graph.Users[DemoTenant.AdeleVanceUpn].CheckMemberGroups.PostAsCheckMemberGroupsPostResponseAsync(new()
        {
            GroupIds = [DemoTenant.SalesAndMarketingGroupId, DemoTenant.SalesGroupId, unknown],
        });

        groups!.Value!.Select(g => g.Id).Should().Equal(DemoTenant.SalesGroupId);
        check!.Value.Should().Equal(DemoTenant.SalesAndMarketingGroupId);
    }

    [Fact]
    public async Task GroupMembers_SdkSelectTopTwoAndPageIterator_ReadsEveryMember()
    {
        var graph = Emulators.Graph(_emulator);
        var first = await graph.Groups[DemoTenant.SalesAndMarketingGroupId].TransitiveMembers.GetAsync(rc =>
        {
            rc.QueryParameters.Select = ["id", "displayName", "userPrincipalName", "mail"];
            rc.QueryParameters.Top = 2;
        });
        var seen = new List<DirectoryObject>();

        var iterator = PageIterator<DirectoryObject, DirectoryObjectCollectionResponse>.CreatePageIterator(graph, first!, item =>
        {
            seen.Add(item);
            return true;
        });
        await iterator.IterateAsync();

        first!.Value.Should().HaveCount(2);
        seen.Select(o => o.Id).Should().Equal(_emulator.Directory.GetTransitiveMemberIds(Guid.Parse(DemoTenant.SalesAndMarketingGroupId)).Select(g => g.ToString()));
        seen.OfType<User>().Single(u => u.Id == DemoTenant.AlexWilberId).UserPrincipalName.Should().Be("AlexW@contoso.com");
        seen.OfType<Group>().Single().DisplayName.Should().Be("Retail Team");
    }
}
