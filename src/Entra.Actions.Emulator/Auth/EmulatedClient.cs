namespace Entra.Actions.Emulator;

/// <summary>An app registration known to the emulator's sign-in endpoints (see <see cref="EmulatedAuthority.RegisterClient(string, IEnumerable{string}, string)"/>).</summary>
/// <param name="ClientId">The application (client) id.</param>
/// <param name="RedirectUris">The redirect URIs the authorize endpoint accepts (compared exactly, as Entra does).</param>
/// <param name="ClientSecret">The client secret a confidential client must send to the token endpoint; <see langword="null"/> for a public client.</param>
public sealed record EmulatedClient(string ClientId, IReadOnlyList<string> RedirectUris, string? ClientSecret)
{
    /// <summary>Gets the app's display name the sign-in page shows, or <see langword="null"/> to show the client id.</summary>
    public string? DisplayName { get; init; }

    /// <summary>A summary without the secret.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() =>
        $"EmulatedClient {{ ClientId = {ClientId}, DisplayName = {DisplayName ?? "(none)"}, RedirectUris = [{string.Join(", ", RedirectUris)}], "
        + $"ClientSecret = {(ClientSecret is null ? "(none)" : "***")} }}";
}
