// Entra.Actions action-flow sample: what the backend of an automation product does with Microsoft Entra, end to end.
// It connects a delegated service account (OAuth authorization code + PKCE), checks the connection, lists the action catalog
// for the designer's sidebar, then runs a JSON flow whose steps feed each other's outputs through IEntraActionInvoker.
// Runs with no configuration: the embedded Graph emulator plays Microsoft Entra (demo tenant "Contoso").
//
//   dotnet run --project samples/Entra.Actions.Samples.ActionFlow [path/to/flow.json]
//
// Exit code 0 when every step did what the flow expects, 1 otherwise.
using Entra.Actions.Samples.ActionFlow;

// The flow to run: the one shipped with the sample (copied next to the executable), or the file given as the first argument.
var flowPath = args.Length > 0 ? args[0] : Path.Combine("flows", "onboard.json");
FlowDefinition flow;
try
{
    flow = FlowDefinition.Load(args.Length > 0 ? Path.GetFullPath(flowPath) : Path.Combine(AppContext.BaseDirectory, flowPath));
}
catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"Cannot read the flow: {exception.Message}");
    return 1;
}

Console.WriteLine("Entra.Actions action-flow sample, on the embedded Graph emulator (demo tenant \"Contoso\", no account needed).");
Console.WriteLine();

// The least-privileged permissions the actions need (see the check's per-action list), User.Read so the check can read the
// organization's name, and one permission too many on purpose (Group.ReadWrite.All) so the check shows its least-privilege warning.
string[] scopes = ["User.Read.All", "GroupMember.Read.All", "GroupMember.ReadWrite.All", "User.Read", "Group.ReadWrite.All"];
await using var backend = EmulatedBackend.Start(scopes);

// 1. "Connect Microsoft Entra": the admin signs in with the service account; the backend keeps its refresh token.
Console.WriteLine("1. Connect Microsoft Entra (delegated service account)");
var start = await backend.ConnectFlow.BeginConnectAsync(EmulatedBackend.ConnectionName, loginHint: EmulatedBackend.ServiceAccountUpn);
Console.WriteLine($"   Authorization URL: {start.AuthorizationUrl.AbsoluteUri}"); // Uri.ToString() would unescape %20 into spaces
var callback = await backend.SignInAsync(start);
Console.WriteLine($"   Redirected to:     {callback.GetLeftPart(UriPartial.Path)}?code=...&state=...");
var connected = await backend.ConnectFlow.CompleteConnectAsync(callback);
if (!connected.Succeeded)
{
    Console.WriteLine($"   Connect failed: {connected.Error}");
    return 1;
}

var account = connected.Account;
Console.WriteLine($"   Connected:         {account.DisplayName} <{account.UserPrincipalName}>, tenant {account.TenantId}");
Console.WriteLine($"   Scopes granted:    {string.Join(", ", account.Scopes)}");
Console.WriteLine();

// 2. The connection check, as the sidebar shows it after "Connect".
var connection = backend.GetConnection();
var report = await connection.CheckAsync();
Console.WriteLine("2. Connection check");
Console.WriteLine($"   Works:             {(report.Works ? "yes" : $"no: {report.Error}")}");
Console.WriteLine($"   Tenant:            {report.OrganizationDisplayName ?? "(name not readable)"} ({report.TenantId}), domains: {string.Join(", ", report.VerifiedDomains)}");
Console.WriteLine($"   Connected as:      {report.UserPrincipalName ?? report.ApplicationId} ({report.PermissionModel} permissions)");
Console.WriteLine($"   Granted:           {string.Join(", ", report.GrantedPermissions)}");
foreach (var action in report.Actions)
{
    Console.WriteLine($"   {action.ActionId,-38} {(action.CanRun ? "ready" : "missing " + string.Join(", ", action.MissingPermissions))}");
}

Console.WriteLine($"   Excess:            {(report.ExcessPermissions.Count == 0 ? "none" : string.Join(", ", report.ExcessPermissions))}");
foreach (var warning in report.Warnings)
{
    Console.WriteLine($"   Warning ({warning.Kind}): {warning.Message}");
}

Console.WriteLine();

// 3. The catalog: what the designer's sidebar lists (inputs marked * are required).
var catalog = connection.Catalog;
Console.WriteLine($"3. Action catalog ({catalog.Actions.Count} actions)");
foreach (var action in catalog.Actions)
{
    var inputs = string.Join(", ", action.Inputs.Select(p => $"{p.Name}{(p.IsRequired ? "*" : string.Empty)}: {p.TypeName}"));
    Console.WriteLine($"   {action.Id,-38} {action.DisplayName,-32} {(action.IsWrite ? "write" : "read "),-6} {inputs}");
}

Console.WriteLine();

// 4. The flow: each step runs by action id with JSON inputs (references resolved) and JSON outputs.
Console.WriteLine($"4. Flow \"{flow.Name}\" ({flowPath}, {flow.Steps.Count} steps)");
if (flow.Description is not null)
{
    Console.WriteLine($"   {flow.Description}");
}

Console.WriteLine();
var results = await new FlowRunner(connection.Invoker, Console.Out).RunAsync(flow);
var met = results.Count(r => r.MetExpectation);
var skipped = results.Count(r => r.Skipped);
Console.WriteLine(met == results.Count
    ? $"All {met} steps did what the flow expects."
    : $"{results.Count - met - skipped} of {results.Count} steps did not do what the flow expects; {skipped} skipped.");
return met == results.Count ? 0 : 1;
