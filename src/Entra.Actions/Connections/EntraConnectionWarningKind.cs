namespace Entra.Actions;

/// <summary>What a <see cref="EntraConnectionWarning"/> is about. Members may be added; never renumbered.</summary>
public enum EntraConnectionWarningKind
{
    /// <summary>The connection is delegated: every action is attributed to the signed-in person; a dedicated service account is advised.</summary>
    DelegatedConnection = 0,

    /// <summary>The token grants permissions no action needs (least privilege).</summary>
    ExcessPermissions = 1,

    /// <summary>Some actions cannot run with the granted permissions.</summary>
    MissingPermissions = 2,

    /// <summary>The organization (display name, verified domains) could not be read with the granted permissions; the tenant id comes from the token.</summary>
    OrganizationNotReadable = 3,

    /// <summary>
    /// Information, nothing to remove: a granted permission an action names is already included in another granted one
    /// (<c>GroupMember.Read.All</c> in <c>GroupMember.ReadWrite.All</c>), so it widens nothing.
    /// </summary>
    RedundantPermissions = 4,
}
