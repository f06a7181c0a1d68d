namespace Entra.Actions;

/// <summary>
/// What a connection check found: whether the connection works, the tenant, who is connected, the permissions granted, per action
/// whether it can run, and warnings. Never contains the token.
/// </summary>
public sealed class EntraConnectionReport
{
    /// <summary>The connection name.</summary>
    public required string ConnectionName { get; init; }

    /// <summary>Whether a token was obtained and Graph accepted it.</summary>
    public bool Works => Error is null;

    /// <summary>Why the connection does not work (<see cref="EntraErrorKind.Unauthorized"/> for a credential or token problem,
    /// <see cref="EntraErrorKind.Throttled"/> or <see cref="EntraErrorKind.ServiceError"/> when Graph could not answer), or <see langword="null"/>.</summary>
    public EntraActionError? Error { get; init; }

    /// <summary>The tenant id, from the token's <c>tid</c> claim.</summary>
    public string? TenantId { get; init; }

    /// <summary>The organization's display name from <c>GET /organization</c>, or <see langword="null"/> when it could not be read.</summary>
    public string? OrganizationDisplayName { get; init; }

    /// <summary>The organization's verified domains from <c>GET /organization</c>, default domain first; empty when it could not be read.</summary>
    public IReadOnlyList<string> VerifiedDomains { get; init; } = [];

    /// <summary>Delegated or application.</summary>
    public EntraPermissionModel PermissionModel { get; init; }

    /// <summary>The connected person's userPrincipalName (delegated), from <c>upn</c> or <c>preferred_username</c>.</summary>
    public string? UserPrincipalName { get; init; }

    /// <summary>The connected person's object id (delegated), from <c>oid</c>.</summary>
    public string? UserObjectId { get; init; }

    /// <summary>The application (client) id, from <c>appid</c> or <c>azp</c>.</summary>
    public string? ApplicationId { get; init; }

    /// <summary>The permissions the token grants: <c>scp</c> (delegated) or <c>roles</c> (application), as written in the token.</summary>
    public IReadOnlyList<string> GrantedPermissions { get; init; } = [];

    /// <summary>The directory role template ids assigned to the connected person (<c>wids</c>, delegated tokens).</summary>
    public IReadOnlyList<string> DirectoryRoleTemplateIds { get; init; } = [];

    /// <summary>Per action, whether the granted permissions allow it. Empty when the permissions are unknown.</summary>
    public IReadOnlyList<EntraActionReadiness> Actions { get; init; } = [];

    /// <summary>Granted permissions that no action needs (least privilege: ask the admin to remove them).</summary>
    public IReadOnlyList<string> ExcessPermissions { get; init; } = [];

    /// <summary>Warnings to show with the connection.</summary>
    public IReadOnlyList<EntraConnectionWarning> Warnings { get; init; } = [];

    /// <inheritdoc />
    public override string ToString() =>
        $"EntraConnectionReport {{ ConnectionName = {ConnectionName}, Works = {Works}, TenantId = {TenantId ?? "(unknown)"}, PermissionModel = {PermissionModel}, Actions ready = {Actions.Count(a => a.CanRun)}/{Actions.Count} }}";
}
