using System.Text.Json.Nodes;
using Entra.Actions.Connections.Internal;

namespace Entra.Actions.Tests.Connections;

public sealed class LeastPrivilegeTests
{
    private static EntraActionDescriptor Needing(string id, params string[] permissions) => new()
    {
        Id = id,
        DisplayName = id,
        Description = "Needs " + string.Join(", ", permissions),
        Inputs = [],
        Outputs = [],
        InputSchema = [],
        OutputSchema = [],
        DelegatedPermissions = permissions,
        ApplicationPermissions = ["Directory.Read.All"],
        Handler = (_, _) => Task.FromResult(EntraActionResult.Success(new JsonObject())),
    };

    [Fact]
    public void DefaultScopes_DerivedFromTheCatalog_AreUserReadAllAndGroupMemberReadWriteAll()
    {
        EntraConnectOptions.DefaultScopes.Should().Equal("User.Read.All", "GroupMember.ReadWrite.All");
        EntraConnectOptions.DefaultScopes.Should().Equal(LeastPrivilege.For(new EntraActionCatalog().Actions, EntraPermissionModel.Delegated));
    }

    [Fact]
    public void DefaultScopes_LetEveryCatalogActionRun()
    {
        foreach (var action in new EntraActionCatalog().Actions)
        {
            action.DelegatedPermissions.Should().OnlyContain(
                permission => GraphPermissionImplications.Satisfies(EntraConnectOptions.DefaultScopes, permission, EntraPermissionModel.Delegated),
                action.Id);
        }
    }

    [Fact]
    public void EffectiveScopes_ExplicitScopes_AreKeptAsGiven()
    {
        var options = new EntraConnectOptions { Scopes = ["User.Read.All", "Group.Read.All", "GroupMember.Read.All", "GroupMember.ReadWrite.All"] };

        options.EffectiveScopes.Should().Equal("User.Read.All", "Group.Read.All", "GroupMember.Read.All", "GroupMember.ReadWrite.All");
        new EntraConnectOptions().EffectiveScopes.Should().Equal(EntraConnectOptions.DefaultScopes);
    }

    [Fact]
    public void Reduce_DropsDuplicatesAndIncludedPermissionsKeepingFirstOrder()
    {
        LeastPrivilege.Reduce(["GroupMember.Read.All", "User.Read.All", "user.read.all", "User.ReadBasic.All", "GroupMember.ReadWrite.All"], EntraPermissionModel.Delegated)
            .Should().Equal("User.Read.All", "GroupMember.ReadWrite.All");
    }

    [Fact]
    public void For_HostCatalog_UsesTheModelsListAndNeverWidens()
    {
        EntraActionDescriptor[] actions = [Needing("a", "GroupMember.ReadWrite.All"), Needing("b", "Group.ReadWrite.All"), Needing("c", "User.Read.All")];

        LeastPrivilege.For(actions, EntraPermissionModel.Delegated).Should().Equal(
            ["Group.ReadWrite.All", "User.Read.All"], "Group.ReadWrite.All includes GroupMember.ReadWrite.All; nothing broader is chosen");
        LeastPrivilege.For(actions, EntraPermissionModel.Application).Should().Equal("Directory.Read.All");
    }
}
