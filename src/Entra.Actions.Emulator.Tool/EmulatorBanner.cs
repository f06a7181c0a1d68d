using System.Globalization;

namespace Entra.Actions.Emulator.Tool;

/// <summary>The text printed once the server listens: where it is, what it serves, and commands that work against it.</summary>
internal static class EmulatorBanner
{
    /// <summary>Prints <c>access_token</c> from <c>/_emulator/token</c>'s one-line JSON answer, with sed alone (no jq needed).</summary>
    public const string ExtractAccessToken = """sed -E 's/.*"access_token": *"([^"]+)".*/\1/'""";

    private const string Roles = "User.Read.All,GroupMember.ReadWrite.All";

    /// <summary>Builds the banner.</summary>
    /// <param name="server">The running server.</param>
    /// <param name="seedFile">The seed file the tenant came from, or <see langword="null"/> for the demo tenant.</param>
    /// <returns>The banner text.</returns>
    public static string Create(EmulatorServer server, string? seedFile)
    {
        var emulator = server.Emulator;
        var directory = emulator.Directory;
        var options = emulator.Options;
        var root = server.BaseUrl.GetLeftPart(UriPartial.Authority);
        var org = directory.Organization;
        var user = directory.FindUser(DemoTenant.AdeleVanceUpn) ?? (directory.Users is [var first, ..] ? first : null);
        var applicationToken = $"{root}/_emulator/token?roles={Roles}";
        var throttling = options.Throttling.Enabled
            ? $"on (time scale {options.Throttling.TimeScale.ToString(CultureInfo.InvariantCulture)})"
            : "off";
        var signIn = options.SignIn.Interactive ? "sign-in page (pick an account, Accept or Cancel)" : "without a page (prompt=select_account shows it)";
        var credential = seedFile is null
            ? "EmulatorCredential.ForApplication(\"User.Read.All\", \"GroupMember.ReadWrite.All\")"
            : $"EmulatorCredential.ForApplication([\"User.Read.All\", \"GroupMember.ReadWrite.All\"], \"{org.Id}\")";
        var tryIt = user is null ? $"{server.BaseUrl}/organization" : $"{server.BaseUrl}/users/{user.UserPrincipalName}";
        if (options.RequireAuthentication)
        {
            tryIt = $"-H \"Authorization: Bearer $TOKEN\" {tryIt}";
        }

        List<string> lines =
        [
            $"Entra.Actions.Emulator: Microsoft Graph v1.0 (directory) on {server.BaseUrl}",
            $"  tenant      {org.DisplayName} ({org.Id}), {directory.UserCount} users, {directory.Groups.Count} groups{(seedFile is null ? " (demo tenant)" : $" from {seedFile}")}",
            $"  auth        {(options.RequireAuthentication ? "bearer token required (unsigned test JWTs)" : "disabled (no token needed)")}",
            $"  throttling  {throttling}",
            $"  sign-in     {signIn} at {root}/{org.Id}/oauth2/v2.0/authorize",
            string.Empty,
            "Get a token (/_emulator/token answers JSON; its access_token is the bearer token):",
            $"  application: TOKEN=$(curl -s \"{applicationToken}\" | {ExtractAccessToken})",
        ];
        if (user is not null)
        {
            lines.Add($"  delegated:   TOKEN=$(curl -s \"{root}/_emulator/token?scopes=User.Read,GroupMember.ReadWrite.All&user={user.UserPrincipalName}\" | {ExtractAccessToken})");
        }

        lines.AddRange(
        [
            $"  with jq:     TOKEN=$(curl -s \"{applicationToken}\" | jq -r .access_token)",
            $"  PowerShell:  $TOKEN = (Invoke-RestMethod \"{applicationToken}\").access_token",
            $"  in .NET:     {credential}",
            "Try it:",
            $"  curl {tryIt}",
            string.Empty,
            "Press Ctrl+C (or send SIGTERM) to stop.",
        ]);
        return string.Join(Environment.NewLine, lines);
    }
}
