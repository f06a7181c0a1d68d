namespace Entra.Actions.Emulator;

/// <summary>
/// One row of the least-privilege table: the delegated scopes and the application roles that each suffice on their own.
/// Delegated-only permissions (<c>Directory.AccessAsUser.All</c>, <c>User.Read</c>) never appear in the application set, so they are
/// not honoured when an application token carries them in <c>roles</c>.
/// </summary>
/// <param name="Delegated">The scopes that suffice in a delegated token (<c>scp</c>).</param>
/// <param name="Application">The roles that suffice in an application token (<c>roles</c>).</param>
internal sealed record PermissionSet(string[] Delegated, string[] Application)
{
    public static PermissionSet Both(params string[] permissions) => new(permissions, permissions);

    public PermissionSet WithDelegated(params string[] extra) => new([.. Delegated, .. extra], Application);
}

/// <summary>The least-privilege table of Graph's documentation: any one permission of the caller's kind (delegated or application) suffices.</summary>
internal static class GraphPermissions
{
    public const string RoleManagementReadWriteDirectory = "RoleManagement.ReadWrite.Directory";

    private const string AccessAsUser = "Directory.AccessAsUser.All";

    /// <summary>GET another user: User.ReadBasic.All (basic profile) or User.Read.All and up.</summary>
    public static readonly PermissionSet UserRead =
        PermissionSet.Both("User.ReadBasic.All", "User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All").WithDelegated(AccessAsUser);

    /// <summary>User.Read.All-class: what the application needs for checkMemberGroups on a user, and either kind for another user's memberOf.</summary>
    public static readonly PermissionSet UserReadAll =
        PermissionSet.Both("User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All").WithDelegated(AccessAsUser);

    /// <summary>The signed-in user reading themselves (delegated only: <c>/me</c> is not allowed app-only).</summary>
    public static readonly PermissionSet Me = new(["User.Read", "User.ReadWrite", .. UserRead.Delegated], []);

    public static readonly PermissionSet GroupRead =
        PermissionSet.Both("GroupMember.Read.All", "Group.Read.All", "GroupMember.ReadWrite.All", "Group.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All")
            .WithDelegated(AccessAsUser);

    /// <summary>memberOf/transitiveMemberOf of another user: User.Read.All; group permissions alone are not enough.</summary>
    public static readonly PermissionSet MemberOfRead = UserReadAll;

    /// <summary>checkMemberGroups on a user: delegated User.ReadBasic.All, application User.Read.All, each plus <see cref="GroupRead"/>.</summary>
    public static readonly PermissionSet CheckMemberGroupsUser = new(UserRead.Delegated, UserReadAll.Application);

    public static readonly PermissionSet DirectoryRead =
        PermissionSet.Both("Directory.Read.All", "Directory.ReadWrite.All").WithDelegated(AccessAsUser);

    public static readonly PermissionSet MembershipWrite =
        PermissionSet.Both("GroupMember.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All").WithDelegated(AccessAsUser);

    public static readonly PermissionSet GroupWrite =
        PermissionSet.Both("Group.ReadWrite.All", "Directory.ReadWrite.All").WithDelegated(AccessAsUser);

    public static readonly PermissionSet UserWrite =
        PermissionSet.Both("User.ReadWrite.All", "Directory.ReadWrite.All").WithDelegated(AccessAsUser);

    public static readonly PermissionSet OrganizationRead =
        PermissionSet.Both("Organization.Read.All", "Organization.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All").WithDelegated("User.Read", AccessAsUser);

    /// <summary>Reading directory roles; without it a role in a directoryObject collection carries only its id.</summary>
    public static readonly PermissionSet RoleRead =
        PermissionSet.Both("RoleManagement.Read.Directory", "RoleManagement.Read.All", RoleManagementReadWriteDirectory, "Directory.Read.All", "Directory.ReadWrite.All")
            .WithDelegated(AccessAsUser);

    /// <summary>Reading administrative units; without it a unit in a directoryObject collection carries only its id.</summary>
    public static readonly PermissionSet AdministrativeUnitRead =
        PermissionSet.Both("AdministrativeUnit.Read.All", "AdministrativeUnit.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All")
            .WithDelegated(AccessAsUser);

    public static readonly PermissionSet RoleManagementWrite = PermissionSet.Both(RoleManagementReadWriteDirectory);
}
