using Entra.Actions.Connections.Internal;

namespace Entra.Actions.Tests.Connections;

public sealed class GraphPermissionImplicationsTests
{
    private const EntraPermissionModel App = EntraPermissionModel.Application;
    private const EntraPermissionModel Delegated = EntraPermissionModel.Delegated;

    public static TheoryData<string, string, EntraPermissionModel, bool> Cases => new()
    {
        // Writes: GroupMember.ReadWrite.All, or the broader group and directory writes.
        { "GroupMember.ReadWrite.All", "GroupMember.ReadWrite.All", App, true },
        { "Group.ReadWrite.All", "GroupMember.ReadWrite.All", App, true },
        { "Directory.ReadWrite.All", "GroupMember.ReadWrite.All", App, true },
        { "GroupMember.Read.All", "GroupMember.ReadWrite.All", App, false },
        { "Directory.Read.All", "GroupMember.ReadWrite.All", App, false },
        { "Group.Read.All", "GroupMember.ReadWrite.All", App, false },

        // Group reads.
        { "GroupMember.ReadWrite.All", "GroupMember.Read.All", App, true },
        { "Group.Read.All", "GroupMember.Read.All", App, true },
        { "Directory.Read.All", "GroupMember.Read.All", App, true },
        { "Directory.ReadWrite.All", "GroupMember.Read.All", App, true },
        { "GroupMember.Read.All", "Group.Read.All", App, false },
        { "GroupMember.ReadWrite.All", "Group.Read.All", App, false },

        // User reads.
        { "Directory.Read.All", "User.Read.All", App, true },
        { "User.ReadWrite.All", "User.Read.All", App, true },
        { "Directory.ReadWrite.All", "User.Read.All", App, true },
        { "User.Read.All", "User.ReadBasic.All", App, true },
        { "User.ReadBasic.All", "User.Read.All", App, false },
        { "User.Read", "User.Read.All", Delegated, false },
        { "GroupMember.ReadWrite.All", "User.Read.All", App, false },

        // Directory.AccessAsUser.All counts only in delegated tokens.
        { "Directory.AccessAsUser.All", "GroupMember.ReadWrite.All", Delegated, true },
        { "Directory.AccessAsUser.All", "User.Read.All", Delegated, true },
        { "Directory.AccessAsUser.All", "GroupMember.ReadWrite.All", App, false },

        // Scopes are case-insensitive.
        { "group.readwrite.all", "GroupMember.Read.All", App, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Satisfies_FollowsTheGraphImplicationTable(string granted, string required, EntraPermissionModel model, bool expected) =>
        GraphPermissionImplications.Satisfies([granted], required, model).Should().Be(expected);

    [Fact]
    public void Expand_DirectoryReadWriteAll_IncludesEveryPermissionTheSeedActionsNeed()
    {
        var expanded = GraphPermissionImplications.Expand(["Directory.ReadWrite.All"], App);

        expanded.Should().Contain(["User.Read.All", "GroupMember.Read.All", "GroupMember.ReadWrite.All", "Group.Read.All", "Organization.Read.All"]);
        expanded.Should().NotContain("Organization.ReadWrite.All").And.NotContain("RoleManagement.ReadWrite.Directory");
    }
}
