namespace Entra.Actions.IntegrationTests.Support;

/// <summary>Permission sets the tests give the emulated connection.</summary>
public static class Permissions
{
    /// <summary>The four permissions the product asks for.</summary>
    public static readonly string[] Connection = ["User.Read.All", "Group.Read.All", "GroupMember.Read.All", "GroupMember.ReadWrite.All"];

    /// <summary>Reads only: no GroupMember.ReadWrite.All.</summary>
    public static readonly string[] ReadOnly = ["User.Read.All", "GroupMember.Read.All"];

    /// <summary>The connection's permissions plus the one role-assignable groups need.</summary>
    public static readonly string[] WithRoleManagement = [.. Connection, "RoleManagement.ReadWrite.Directory"];
}
