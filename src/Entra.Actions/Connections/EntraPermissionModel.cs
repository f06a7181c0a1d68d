namespace Entra.Actions;

/// <summary>How a connection's token is authorized: delegated (a signed-in account) or application (the app itself).</summary>
public enum EntraPermissionModel
{
    /// <summary>Not known: no token was obtained, or it could not be read.</summary>
    Unknown = 0,

    /// <summary>Delegated: a signed-in user (or service account); permissions are the token's <c>scp</c> scopes, and Graph also checks the user's roles.</summary>
    Delegated = 1,

    /// <summary>Application (app-only): permissions are the token's <c>roles</c>.</summary>
    Application = 2,
}
