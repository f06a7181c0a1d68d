namespace Entra.Actions;

/// <summary>What a connection is connected to: the signed-in account (read from the tokens Entra issued) and the granted scopes.</summary>
public sealed class EntraConnectedAccount
{
    /// <summary>Gets the connection name.</summary>
    public required string ConnectionName { get; init; }

    /// <summary>Gets the account's user principal name (<c>preferred_username</c> or <c>upn</c>), when the tokens carry it.</summary>
    public string? UserPrincipalName { get; init; }

    /// <summary>Gets the account's display name (<c>name</c>), when the tokens carry it.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Gets the account's object id (<c>oid</c>).</summary>
    public string? ObjectId { get; init; }

    /// <summary>Gets the account's tenant id (<c>tid</c>).</summary>
    public string? TenantId { get; init; }

    /// <summary>Gets the Graph permissions granted (without the resource prefix), as the token endpoint reported them.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>Gets when the connection was made.</summary>
    public DateTimeOffset ConnectedOn { get; init; }

    /// <summary>Gets when its tokens were last refreshed, or <see langword="null"/> if never.</summary>
    public DateTimeOffset? RefreshedOn { get; init; }

    /// <summary>A summary.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() =>
        $"EntraConnectedAccount {{ ConnectionName = {ConnectionName}, ObjectId = {ObjectId ?? "(none)"}, TenantId = {TenantId ?? "(none)"}, Scopes = [{string.Join(", ", Scopes)}] }}";
}
