// Entra.Actions action-builder sample: the backend of an automation product's "Microsoft Entra" steps, as a web app.
// Connect (OAuth with the emulator's sign-in page or Microsoft's), see the connection's instance details, pick an action in the
// step sidebar and run it. Runs with no set-up on the embedded Graph emulator; EntraConnect:* settings switch to a real tenant,
// ConnectionStrings:Redis to a token store and key ring shared by several nodes.
//
//   dotnet run --project samples/Entra.Actions.Samples.ActionBuilder
using Entra.Actions.Samples.ActionBuilder;

await using var app = await ActionBuilderApp.CreateAsync(args);
await app.StartAsync();
Console.WriteLine($"Entra.Actions action builder is running at {app.Url}");
Console.WriteLine(app.IsEmulated
    ? $"Microsoft Entra is played by the embedded Graph emulator at {app.EmulatorUrl} (demo tenant \"Contoso\"). Press Ctrl+C to stop."
    : "Connected to Microsoft Entra as configured in EntraConnect:*. Press Ctrl+C to stop.");
await app.WaitForShutdownAsync();
