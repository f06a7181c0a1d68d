using Entra.Actions.IntegrationTests.Support;

namespace Entra.Actions.IntegrationTests.Queries;

/// <summary>
/// The permissions each query action declares in its descriptor, against the emulator's least-privilege table: exactly the
/// declared delegated scopes or application roles run the action; without any one of them Graph refuses it and the action
/// says which permission it needs.
/// </summary>
public abstract class QueryPermissionTests : EmulatorTestBase
{
    public static readonly TheoryData<string> ActionIds = new()
    {
        SearchUsersAction.Descriptor.Id,
        FindGroupAction.Descriptor.Id,
        ListGroupMembersAction.Descriptor.Id,
        CheckMembershipAction.Descriptor.Id,
        ListUserGroupsAction.Descriptor.Id,
    };

    public static readonly TheoryData<string, bool, int> EachDeclaredPermission = Declared();

    private static EntraActionDescriptor Descriptor(string actionId) => new EntraActionCatalog().Find(actionId)!;

    private static IReadOnlyList<string> Required(string actionId, bool delegated) =>
        delegated ? Descriptor(actionId).DelegatedPermissions : Descriptor(actionId).ApplicationPermissions;

    private EmulatorCredential Credential(IEnumerable<string> permissions, bool delegated) =>
        delegated
            ? Emulator.CreateDelegatedCredential([.. permissions], DemoTenant.LidiaHollowayId)
            : Emulator.CreateApplicationCredential(permissions);

    /// <summary>Runs every call of the action (both branches where it has two) and returns the first failure, or null.</summary>
    private static async Task<EntraActionError?> RunAsync(IEntraQueryActions queries, string actionId)
    {
        IEnumerable<Task<EntraActionError?>> calls = actionId switch
        {
            "entra.search_users" => [Error(queries.SearchUsersAsync("adele"))],
            "entra.find_group" => [Error(queries.FindGroupAsync("Retail Team"))],
            "entra.list_group_members" => [Error(queries.ListGroupMembersAsync(DemoTenant.SalesAndMarketingGroupId)), Error(queries.ListGroupMembersAsync(DemoTenant.SalesAndMarketingGroupId, transitive: true))],
            "entra.check_membership" =>
            [
                Error(queries.CheckMembershipAsync(DemoTenant.AdeleVanceUpn, DemoTenant.SalesAndMarketingGroupId)),
                Error(queries.CheckMembershipAsync(DemoTenant.MeganBowenId, DemoTenant.RetailTeamGroupId)),
                Error(queries.CheckMembershipAsync("AlexW@contoso.com", DemoTenant.SalesAndMarketingGroupId, transitive: false)),
                Error(queries.CheckMembershipAsync(DemoTenant.MeganBowenId, DemoTenant.RetailTeamGroupId, transitive: false)),
            ],
            "entra.list_user_groups" => [Error(queries.ListUserGroupsAsync(DemoTenant.MeganBowenId)), Error(queries.ListUserGroupsAsync(DemoTenant.AdeleVanceUpn, transitive: true))],
            _ => throw new ArgumentOutOfRangeException(nameof(actionId), actionId, null),
        };
        foreach (var call in calls)
        {
            if (await call is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private static async Task<EntraActionError?> Error<T>(Task<EntraActionResult<T>> call) => (await call).Error;

    [Theory]
    [MemberData(nameof(ActionIds))]
    public async Task Query_DelegatedWithExactlyTheDeclaredScopes_Runs(string actionId)
    {
        var queries = QueryOracle.Queries(Harness, Credential(Required(actionId, delegated: true), delegated: true));

        var error = await RunAsync(queries, actionId);

        error.Should().BeNull($"{actionId} declares {string.Join(", ", Required(actionId, true))} as enough (delegated)");
    }

    [Theory]
    [MemberData(nameof(ActionIds))]
    public async Task Query_ApplicationWithExactlyTheDeclaredRoles_Runs(string actionId)
    {
        var queries = QueryOracle.Queries(Harness, Credential(Required(actionId, delegated: false), delegated: false));

        var error = await RunAsync(queries, actionId);

        error.Should().BeNull($"{actionId} declares {string.Join(", ", Required(actionId, false))} as enough (application)");
    }

    [Theory]
    [MemberData(nameof(EachDeclaredPermission))]
    public async Task Query_WithoutOneDeclaredPermission_ForbiddenNamingIt(string actionId, bool delegated, int left)
    {
        var required = Required(actionId, delegated);
        var missing = required[left];
        var queries = QueryOracle.Queries(Harness, Credential(required.Where((_, i) => i != left).DefaultIfEmpty("User.Read"), delegated));

        var error = await RunAsync(queries, actionId);

        error.Should().NotBeNull($"{actionId} declares {missing} as needed");
        error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        error.StatusCode.Should().Be(403);
        error.Message.Should().Contain(missing);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ListGroupMembers_DeclaredPermissions_UsersComeWithTheirNames_WithoutTheUserPermissionOnlyIdAndType(bool delegated)
    {
        var declared = Required(ListGroupMembersAction.Descriptor.Id, delegated);
        var full = QueryOracle.Queries(Harness, Credential(declared, delegated));
        var groupOnly = QueryOracle.Queries(Harness, Credential(declared.Where(p => !p.StartsWith("User.", StringComparison.Ordinal)), delegated));

        var named = await full.ListGroupMembersAsync(DemoTenant.SalesAndMarketingGroupId);
        var limited = await groupOnly.ListGroupMembersAsync(DemoTenant.SalesAndMarketingGroupId);

        named.Value!.Members.Where(m => m.ObjectType == EntraObjectType.User).Should().NotBeEmpty()
            .And.OnlyContain(m => m.DisplayName != null && m.UserPrincipalName != null, "the declared permissions are enough for the promised outputs");
        limited.Value!.Members.Where(m => m.ObjectType == EntraObjectType.User).Should().NotBeEmpty()
            .And.OnlyContain(m => m.DisplayName == null, "Graph gives only id and type of a type the caller may not read");
    }

    private static TheoryData<string, bool, int> Declared()
    {
        var data = new TheoryData<string, bool, int>();
        foreach (var descriptor in new EntraActionCatalog().Actions.Where(a => a.Id is "entra.search_users" or "entra.find_group" or "entra.list_group_members" or "entra.check_membership" or "entra.list_user_groups"))
        {
            foreach (var delegated in new[] { true, false })
            {
                var permissions = delegated ? descriptor.DelegatedPermissions : descriptor.ApplicationPermissions;
                for (var i = 0; i < permissions.Count; i++)
                {
                    // A directory-object list is not refused for a type the caller may not read: Graph lists those objects with
                    // only their id and type. So List user groups without GroupMember.Read.All, and List group members without
                    // the user permission, lose names instead of failing (see the Names test); the connection check reports it.
                    if (!(descriptor.Id == "entra.list_user_groups" && permissions[i] == "GroupMember.Read.All")
                        && !(descriptor.Id == "entra.list_group_members" && permissions[i].StartsWith("User.", StringComparison.Ordinal)))
                    {
                        data.Add(descriptor.Id, delegated, i);
                    }
                }
            }
        }

        return data;
    }

    public sealed class InProcess : QueryPermissionTests
    {
        protected override EmulatorHost Host => EmulatorHost.InProcess;
    }

    public sealed class Kestrel : QueryPermissionTests
    {
        protected override EmulatorHost Host => EmulatorHost.Kestrel;
    }
}
