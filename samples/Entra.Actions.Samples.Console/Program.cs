// Entra.Actions console sample: runs the four actions and the refused cases, printing each outcome.
// With no configuration it starts the embedded Graph emulator (demo tenant, no account needed).
// With EntraActions:TenantId/ClientId (+ a credential) and Sample:* ids set, it runs against a real tenant.
using Entra.Actions.Samples.ConsoleApp;
using Microsoft.Extensions.Configuration;

var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json", optional: true)
    .AddEnvironmentVariables()
    .AddCommandLine(args)
    .Build();

var verbose = args.Contains("--verbose", StringComparer.OrdinalIgnoreCase);
var scenario = SampleScenario.FromConfiguration(configuration);
Console.WriteLine(scenario.UsesEmulator
    ? "Entra.Actions sample: no tenant configured, running on the embedded Graph emulator (demo tenant \"Contoso\")."
    : $"Entra.Actions sample: running against tenant {configuration["EntraActions:TenantId"]}.");
Console.WriteLine();

var report = await new SampleRunner(scenario, configuration, verbose).RunAsync();
Console.WriteLine();
Console.WriteLine(report.Failed == 0
    ? $"All {report.Passed} steps behaved as expected."
    : $"{report.Failed} of {report.Passed + report.Failed} steps did not behave as expected.");
return report.Failed == 0 ? 0 : 1;
