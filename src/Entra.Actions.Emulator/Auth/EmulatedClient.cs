namespace Entra.Actions.Emulator;

/// <summary>An app registration known to the emulator's sign-in endpoints (see <see cref="EmulatedAuthority.RegisterClient"/>).</summary>
/// <param name="ClientId">The application (client) id.</param>
/// <param name="RedirectUris">The redirect URIs the authorize endpoint accepts (compared exactly, as Entra does).</param>
/// <param name="ClientSecret">The client secret a confidential client must send to the token endpoint; <see langword="null"/> for a public client.</param>
public sealed record EmulatedClient(string ClientId, IReadOnlyList<string> RedirectUris, string? ClientSecret)
{
    /// <summary>A summary without the secret.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() =>
        $"EmulatedClient {{ ClientId = {ClientId}, RedirectUris = [{string.Join(", ", RedirectUris)}], ClientSecret = {(ClientSecret is null ? "(none)" : "***")} }}";
}
