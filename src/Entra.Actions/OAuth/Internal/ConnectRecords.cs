namespace Entra.Actions.OAuth.Internal;

/// <summary>
/// A started connect, kept in the token store under its state until completed or expired. Holds the PKCE verifier and, once a
/// completion was cancelled while it redeemed a code, that code's hash: from then on the state completes only with that code.
/// </summary>
internal sealed record PendingConnect(string ConnectionName, string CodeVerifier, string RedirectUri, DateTimeOffset ExpiresOn, string? CodeHash = null)
{
    /// <summary>Whether every field this flow writes is there (a value written by something else may lack them).</summary>
    public bool IsComplete =>
        !string.IsNullOrEmpty(ConnectionName) && !string.IsNullOrEmpty(CodeVerifier) && !string.IsNullOrEmpty(RedirectUri);

    public override string ToString() => $"PendingConnect {{ ConnectionName = {ConnectionName} }}";
}

/// <summary>A connected connection as kept in the token store. Holds the refresh token.</summary>
internal sealed record StoredConnection(
    string RefreshToken,
    string? UserPrincipalName,
    string? DisplayName,
    string? ObjectId,
    string? TenantId,
    IReadOnlyList<string> Scopes,
    DateTimeOffset ConnectedOn,
    DateTimeOffset? RefreshedOn)
{
    /// <summary>Whether every field this flow writes is there (a value written by something else may lack them).</summary>
    public bool IsComplete => !string.IsNullOrEmpty(RefreshToken) && Scopes is not null;

    public override string ToString() => $"StoredConnection {{ ObjectId = {ObjectId}, TenantId = {TenantId} }}";

    public EntraConnectedAccount ToAccount(string connectionName) => new()
    {
        ConnectionName = connectionName,
        UserPrincipalName = UserPrincipalName,
        DisplayName = DisplayName,
        ObjectId = ObjectId,
        TenantId = TenantId,
        Scopes = Scopes,
        ConnectedOn = ConnectedOn,
        RefreshedOn = RefreshedOn,
    };
}
