using System.Globalization;
using Entra.Actions.Emulator;

// Standalone emulator: dotnet run --project src/Entra.Actions.Emulator -- --port 5195 [--seed tenant.json] [--no-auth] [--no-throttling] [--time-scale 10] [--interactive-sign-in]
var port = 5195;
string? seed = null;
var options = new GraphEmulatorOptions();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port" when i + 1 < args.Length:
            port = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--seed" when i + 1 < args.Length:
            seed = args[++i];
            break;
        case "--no-auth":
            options.RequireAuthentication = false;
            break;
        case "--no-throttling":
            options.Throttling.Enabled = false;
            break;
        case "--interactive-sign-in":
            options.SignIn.Interactive = true;
            break;
        case "--time-scale" when i + 1 < args.Length:
            options.Throttling.TimeScale = double.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--help" or "-h":
            Console.WriteLine("Options: --port <n> (default 5195, 0 = any)  --seed <tenant.json>  --no-auth  --no-throttling  --time-scale <x>  --interactive-sign-in");
            return 0;
        default:
            await Console.Error.WriteLineAsync($"Unknown argument '{args[i]}'. Use --help.").ConfigureAwait(false);
            return 2;
    }
}

var directory = seed is null ? DemoTenant.Create() : EmulatedDirectory.FromJsonFile(seed);
var server = await EmulatorServer.StartAsync(new GraphEmulator(directory, options), port).ConfigureAwait(false);
await using var serverScope = server.ConfigureAwait(false);
var root = server.BaseUrl.GetLeftPart(UriPartial.Authority);
var org = directory.Organization;
Console.WriteLine($"""
    Entra.Actions.Emulator: Microsoft Graph v1.0 (directory) on {server.BaseUrl}
      tenant      {org.DisplayName} ({org.Id}), {directory.UserCount} users, {directory.Groups.Count} groups{(seed is null ? " (demo tenant)" : $" from {seed}")}
      auth        {(options.RequireAuthentication ? "bearer token required (unsigned test JWTs)" : "disabled")}
      throttling  {(options.Throttling.Enabled ? "on" : "off")}
      sign-in     {(options.SignIn.Interactive ? "sign-in page (pick an account, Accept or Cancel)" : "without a page (prompt=select_account shows it)")} at {root}/{org.Id}/oauth2/v2.0/authorize

    Get a token:
      application: curl "{root}/_emulator/token?roles=User.Read.All,GroupMember.ReadWrite.All"
      delegated:   curl "{root}/_emulator/token?scopes=User.Read,GroupMember.ReadWrite.All&user={DemoTenant.AdeleVanceUpn}"
      in .NET:     EmulatorCredential.ForApplication("User.Read.All", "GroupMember.ReadWrite.All")
    Try it:
      curl -H "Authorization: Bearer $TOKEN" {server.BaseUrl}/users/{DemoTenant.AdeleVanceUpn}

    Press Ctrl+C to stop.
    """);

var stopped = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopped.TrySetResult();
};
await stopped.Task.ConfigureAwait(false);
return 0;
