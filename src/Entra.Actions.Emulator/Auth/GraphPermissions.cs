namespace Entra.Actions.Emulator;

/// <summary>The least-privilege table of graph-contract §4: any one permission of a set suffices.</summary>
internal static class GraphPermissions
{
    public const string RoleManagementReadWriteDirectory = "RoleManagement.ReadWrite.Directory";

    public static readonly string[] UserRead =
        ["User.ReadBasic.All", "User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All", "Directory.AccessAsUser.All"];

    public static readonly string[] Me =
        ["User.Read", "User.ReadWrite", .. UserRead];

    public static readonly string[] GroupRead =
        ["GroupMember.Read.All", "Group.Read.All", "GroupMember.ReadWrite.All", "Group.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All", "Directory.AccessAsUser.All"];

    public static readonly string[] MemberOfRead =
        ["User.Read.All", "User.ReadWrite.All", .. GroupRead];

    public static readonly string[] DirectoryRead =
        ["Directory.Read.All", "Directory.ReadWrite.All", "Directory.AccessAsUser.All"];

    public static readonly string[] MembershipWrite =
        ["GroupMember.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All", "Directory.AccessAsUser.All"];

    public static readonly string[] GroupWrite =
        ["Group.ReadWrite.All", "Directory.ReadWrite.All", "Directory.AccessAsUser.All"];

    public static readonly string[] UserWrite =
        ["User.ReadWrite.All", "Directory.ReadWrite.All", "Directory.AccessAsUser.All"];

    public static readonly string[] OrganizationRead =
        ["User.Read", "Organization.Read.All", "Organization.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All", "Directory.AccessAsUser.All"];
}
