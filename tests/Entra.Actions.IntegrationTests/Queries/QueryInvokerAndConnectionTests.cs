using System.Text.Json;
using System.Text.Json.Nodes;
using Entra.Actions.IntegrationTests.Support;
using Json.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.IntegrationTests.Queries;

/// <summary>
/// The query actions as a flow engine runs them: through a connection's invoker by id, JSON in and JSON out (checked against
/// the catalog's output schema), and the connection check, which must agree with what the emulator then allows.
/// </summary>
public abstract class QueryInvokerAndConnectionTests : EmulatorTestBase, IAsyncDisposable
{
    private static readonly string[] QueryIds = ["entra.search_users", "entra.find_group", "entra.list_group_members", "entra.check_membership", "entra.list_user_groups"];

    private static readonly EntraActionCatalog Catalog = new();

    private readonly List<ServiceProvider> _roots = [];

    /// <summary>A connection from a connection factory, to this test's emulator (in-process handler or Kestrel).</summary>
    private EntraConnection Connect(EmulatorCredential credential)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEntraConnections(o =>
        {
            if (Host == EmulatorHost.InProcess)
            {
                o.ConfigureHttpClient = (_, builder) => builder.ConfigurePrimaryHttpMessageHandler(Emulator.CreateHandler);
            }
        });
        var root = services.BuildServiceProvider();
        _roots.Add(root);
        return root.GetRequiredService<IEntraConnectionFactory>().GetOrCreateConnection("queries", o =>
        {
            o.GraphBaseUrl = Harness.BaseUrl;
            o.Credential = credential;
        });
    }

    private EntraConnection LeastPrivilege() => Connect(Emulator.CreateApplicationCredential("User.Read.All", "GroupMember.Read.All"));

    private static async Task<JsonObject> RunAsync(EntraConnection connection, string actionId, string inputsJson)
    {
        var result = await connection.Invoker.InvokeAsync(actionId, JsonNode.Parse(inputsJson)!.AsObject());
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

    private static bool Bool(JsonNode? node) => node!.GetValue<bool>();

    [Fact]
    public async Task Invoke_SearchUsers_UsersAndTruncated()
    {
        var connection = LeastPrivilege();

        var json = await RunAsync(connection, "entra.search_users", """{ "query": "a", "limit": 2 }""");
        var guest = await RunAsync(connection, "entra.search_users", """{ "query": "JANE" }""");

        Bool(json["success"]).Should().BeTrue(json.ToJsonString());
        json["outputs"]!["users"]!.AsArray().Select(u => Str(u!["id"])).Should().Equal(QueryOracle.SearchUsers(Emulator.Directory, "a").Take(2));
        Bool(json["outputs"]!["truncated"]).Should().BeTrue();
        var jane = guest["outputs"]!["users"]!.AsArray().Should().ContainSingle().Subject!;
        Str(jane["userPrincipalName"]).Should().Be(DemoTenant.GuestUserUpn);
        Str(jane["displayName"]).Should().Be("Jane Doe (Fabrikam)");
        Bool(guest["outputs"]!["truncated"]).Should().BeFalse();
    }

    [Fact]
    public async Task Invoke_FindGroup_TheGroupAsLookupGroupOutputsIt_AndAmbiguousAsTheErrorKind()
    {
        var connection = LeastPrivilege();
        Emulator.Directory.AddGroup(QueryOracle.Security("Twins")).AddGroup(QueryOracle.Security("Twins"));

        var found = await RunAsync(connection, "entra.find_group", """{ "name": "retail team" }""");
        var looked = await RunAsync(connection, "entra.lookup_group", $$"""{ "groupId": "{{DemoTenant.RetailTeamGroupId}}" }""");
        var twins = await RunAsync(connection, "entra.find_group", """{ "name": "Twins" }""");
        var none = await RunAsync(connection, "entra.find_group", """{ "name": "No Such Group" }""");

        found["outputs"]!.ToJsonString().Should().Be(looked["outputs"]!.ToJsonString());
        Str(found["outputs"]!["kind"]).Should().Be("Security");
        Bool(twins["success"]).Should().BeFalse();
        Str(twins["error"]!["kind"]).Should().Be("Ambiguous");
        Str(twins["error"]!["message"]).Should().Contain("2 groups");
        Str(none["error"]!["kind"]).Should().Be("NotFound");
    }

    [Fact]
    public async Task Invoke_ListGroupMembers_MembersCountTruncatedAndObjectType()
    {
        var connection = LeastPrivilege();

        var json = await RunAsync(connection, "entra.list_group_members", $$"""{ "groupId": "{{DemoTenant.SalesAndMarketingGroupId}}", "transitive": true, "limit": 100 }""");
        var cut = await RunAsync(connection, "entra.list_group_members", $$"""{ "groupId": "{{DemoTenant.AllCompanyGroupId}}", "limit": 5 }""");

        var outputs = json["outputs"]!;
        outputs["count"]!.GetValue<int>().Should().Be(6);
        Bool(outputs["truncated"]).Should().BeFalse();
        var members = outputs["members"]!.AsArray();
        Str(members.Single(m => Str(m!["id"]) == DemoTenant.RetailTeamGroupId)!["objectType"]).Should().Be("Group");
        var adele = members.Single(m => Str(m!["id"]) == DemoTenant.AdeleVanceId)!;
        Str(adele["objectType"]).Should().Be("User");
        Str(adele["userPrincipalName"]).Should().Be(DemoTenant.AdeleVanceUpn);
        cut["outputs"]!["count"]!.GetValue<int>().Should().Be(5);
        Bool(cut["outputs"]!["truncated"]).Should().BeTrue();
    }

    [Fact]
    public async Task Invoke_CheckMembership_IsMemberGroupIdTransitive_DefaultTransitive()
    {
        var connection = LeastPrivilege();

        var byDefault = await RunAsync(connection, "entra.check_membership", $$"""{ "userId": "{{DemoTenant.AdeleVanceUpn}}", "groupId": "{{DemoTenant.SalesAndMarketingGroupId}}" }""");
        var direct = await RunAsync(connection, "entra.check_membership", $$"""{ "userId": "{{DemoTenant.AdeleVanceUpn}}", "groupId": "{{DemoTenant.SalesAndMarketingGroupId}}", "transitive": false }""");
        var missing = await RunAsync(connection, "entra.check_membership", $$"""{ "userId": "{{DemoTenant.AdeleVanceId}}", "groupId": "{{Guid.Empty}}" }""");

        byDefault["outputs"]!.ToJsonString().Should().Be($$"""{"isMember":true,"groupId":"{{DemoTenant.SalesAndMarketingGroupId}}","transitive":true}""");
        direct["outputs"]!.ToJsonString().Should().Be($$"""{"isMember":false,"groupId":"{{DemoTenant.SalesAndMarketingGroupId}}","transitive":false}""");
        Str(missing["error"]!["kind"]).Should().Be("NotFound");
    }

    [Fact]
    public async Task Invoke_ListUserGroups_GroupsWithKindAndIsDynamic()
    {
        var connection = LeastPrivilege();

        var json = await RunAsync(connection, "entra.list_user_groups", $$"""{ "userId": "{{DemoTenant.AdeleVanceId}}", "transitive": true }""");
        var one = await RunAsync(connection, "entra.list_user_groups", $$"""{ "userId": "{{DemoTenant.AdeleVanceUpn}}", "limit": 1 }""");

        var groups = json["outputs"]!["groups"]!.AsArray();
        groups.Select(g => Str(g!["id"])).Should().Contain([DemoTenant.SalesAndMarketingGroupId, DemoTenant.RetailTeamGroupId, DemoTenant.AllCompanyGroupId, DemoTenant.DynamicGroupId]);
        var dynamic = groups.Single(g => Str(g!["id"]) == DemoTenant.DynamicGroupId)!;
        Str(dynamic["kind"]).Should().Be("Security");
        Bool(dynamic["isDynamic"]).Should().BeTrue();
        Str(groups.Single(g => Str(g!["id"]) == DemoTenant.AllCompanyGroupId)!["kind"]).Should().Be("Microsoft365");
        Bool(json["outputs"]!["truncated"]).Should().BeFalse();
        one["outputs"]!["groups"]!.AsArray().Should().ContainSingle();
        Bool(one["outputs"]!["truncated"]).Should().BeTrue();
    }

    [Theory]
    [InlineData("entra.search_users", """{ "query": "a", "limit": 1000 }""", "limit")]
    [InlineData("entra.search_users", """{ "limit": 5 }""", "query")]
    [InlineData("entra.find_group", """{ "name": 7 }""", "name")]
    [InlineData("entra.list_group_members", """{ "groupId": "7a1c0de0-3b8e-4f5d-a1c2-0c0de0000a11", "limit": 100001 }""", "limit")]
    [InlineData("entra.check_membership", """{ "userId": "AdeleV@contoso.com" }""", "groupId")]
    [InlineData("entra.list_user_groups", """{ "userId": "AdeleV@contoso.com", "transitive": "yes" }""", "transitive")]
    public async Task Invoke_InputsThatBreakTheSchema_InvalidInputNamingTheFieldWithoutARequest(string actionId, string inputs, string field)
    {
        var json = await RunAsync(LeastPrivilege(), actionId, inputs);

        Str(json["error"]!["kind"]).Should().Be("InvalidInput");
        Str(json["error"]!["message"]).Should().Contain($"'{field}'");
        Emulator.Journal.Count.Should().Be(0);
    }

    [Theory]
    [InlineData(false, new[] { "User.Read.All", "GroupMember.Read.All" })]
    [InlineData(true, new[] { "User.Read.All", "GroupMember.Read.All" })]
    public async Task Check_LeastPrivilegeToken_ListsTheFiveQueriesAsRunnable(bool delegated, string[] permissions)
    {
        var connection = Connect(delegated ? Emulator.CreateDelegatedCredential(permissions, DemoTenant.LidiaHollowayId) : Emulator.CreateApplicationCredential(permissions));

        var report = await connection.CheckAsync();

        report.Works.Should().BeTrue(report.Error?.Message);
        var queries = report.Actions.Where(a => QueryIds.Contains(a.ActionId)).ToList();
        queries.Select(a => a.ActionId).Should().BeEquivalentTo(QueryIds);
        queries.Should().OnlyContain(a => a.CanRun);
        foreach (var action in queries)
        {
            var descriptor = Catalog.Find(action.ActionId)!;
            action.RequiredPermissions.Should().Equal(delegated ? descriptor.DelegatedPermissions : descriptor.ApplicationPermissions);
        }
    }

    [Theory]
    [InlineData(false, new[] { "GroupMember.Read.All" }, "entra.search_users:User.Read.All|entra.list_group_members:User.Read.All|entra.check_membership:User.Read.All|entra.list_user_groups:User.Read.All")]
    [InlineData(false, new[] { "User.Read.All" }, "entra.find_group:GroupMember.Read.All|entra.list_group_members:GroupMember.Read.All|entra.check_membership:GroupMember.Read.All|entra.list_user_groups:GroupMember.Read.All")]
    [InlineData(true, new[] { "User.ReadBasic.All", "GroupMember.Read.All" }, "entra.search_users:User.Read.All|entra.list_user_groups:User.Read.All")]
    [InlineData(true, new[] { "GroupMember.Read.All" }, "entra.search_users:User.Read.All|entra.list_group_members:User.ReadBasic.All|entra.check_membership:User.ReadBasic.All|entra.list_user_groups:User.Read.All")]
    public async Task Check_MissingPermissions_NamesThemPerQuery_AndTheEmulatorAgrees(bool delegated, string[] permissions, string expected)
    {
        var connection = Connect(delegated ? Emulator.CreateDelegatedCredential(permissions, DemoTenant.LidiaHollowayId) : Emulator.CreateApplicationCredential(permissions));
        var missing = expected.Split('|').Select(pair => pair.Split(':')).ToDictionary(pair => pair[0], pair => pair[1]);

        var report = await connection.CheckAsync();

        foreach (var id in QueryIds)
        {
            var action = report.Actions.Single(a => a.ActionId == id);
            action.MissingPermissions.Should().Equal(missing.TryGetValue(id, out var lacking) ? new[] { lacking } : Array.Empty<string>(), id);
        }

        // The report agrees with Graph where Graph refuses: an action said to be runnable runs.
        var search = await connection.Queries.SearchUsersAsync("adele");
        var find = await connection.Queries.FindGroupAsync("Retail Team");
        // Graph answers a user search with User.ReadBasic.All too, only without jobTitle: "cannot run" there means "not all outputs".
        if (!missing.ContainsKey("entra.search_users") || !delegated)
        {
            search.Succeeded.Should().Be(!missing.ContainsKey("entra.search_users"), search.ToString());
        }

        find.Succeeded.Should().Be(!missing.ContainsKey("entra.find_group"), find.ToString());
        if (!missing.ContainsKey("entra.check_membership"))
        {
            (await connection.Queries.CheckMembershipAsync(DemoTenant.AdeleVanceUpn, DemoTenant.SalesAndMarketingGroupId)).Value!.IsMember.Should().BeTrue();
        }
        else
        {
            (await connection.Queries.CheckMembershipAsync(DemoTenant.AdeleVanceUpn, DemoTenant.SalesAndMarketingGroupId)).Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        foreach (var root in _roots)
        {
            await root.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    public sealed class InProcess : QueryInvokerAndConnectionTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    public sealed class Kestrel : QueryInvokerAndConnectionTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }
}
