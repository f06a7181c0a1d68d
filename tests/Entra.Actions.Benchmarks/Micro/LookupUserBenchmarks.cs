using BenchmarkDotNet.Attributes;
using Entra.Actions.Emulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Authentication.Azure;

namespace Entra.Actions.Benchmarks.Micro;

/// <summary>
/// One user lookup: <see cref="IEntraActions.LookupUserAsync(string, CancellationToken)"/> against a bare
/// <c>GraphServiceClient.Users[id].GetAsync()</c>, both over the same in-process handler and the same
/// credential (one cached token, see <see cref="FixedTokenCredential"/>).
/// </summary>
[MemoryDiagnoser]
public class LookupUserBenchmarks : IDisposable
{
    private ServiceProvider? _provider;
    private IEntraActions? _actions;
    private GraphServiceClient? _graph;
    private GraphServiceClient? _graphWithDefaultHandlers;
    private GraphEmulator? _emulator;

    /// <summary>canned: a fixed 200 response (client overhead only); emulator: the in-process emulator, throttling off.</summary>
    [Params("canned", "emulator")]
    public string Handler { get; set; } = "canned";

    [GlobalSetup]
    public void Setup()
    {
        _emulator = new GraphEmulator();
        _emulator.Options.Throttling.Enabled = false;
        var credential = new FixedTokenCredential(EmulatorCredential.ForApplication(["User.Read.All", "Group.Read.All", "GroupMember.Read.All", "GroupMember.ReadWrite.All"]));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEntraActions(o =>
        {
            o.GraphBaseUrl = new Uri(GraphEmulator.InProcessBaseUrl);
            o.Credential = credential;
        }).ConfigurePrimaryHttpMessageHandler(CreateHandler);
        _provider = services.BuildServiceProvider();
        _actions = _provider.GetRequiredService<IEntraActions>();
        var auth = new AzureIdentityAuthenticationProvider(credential, [GraphEmulator.InProcessHost]);
        _graph = new GraphServiceClient(new HttpClient(CreateHandler()), auth, GraphEmulator.InProcessBaseUrl);
        _graphWithDefaultHandlers = new GraphServiceClient(GraphClientFactory.Create(finalHandler: CreateHandler()), auth, GraphEmulator.InProcessBaseUrl);

        // The in-process toolchain shares one process: get both paths past tiered JIT before BenchmarkDotNet's own warm-up,
        // otherwise whichever case runs first pays for it.
        for (var i = 0; i < 500; i++)
        {
            BareGraphClient().GetAwaiter().GetResult();
            EntraActionsLookup().GetAwaiter().GetResult();
            GraphClientWithDefaultHandlers().GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _graph?.Dispose();
        _graphWithDefaultHandlers?.Dispose();
        _provider?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "GraphServiceClient.Users[id].GetAsync")]
    public async Task<User?> BareGraphClient() => await _graph!.Users[DemoTenant.AdeleVanceId].GetAsync();

    /// <summary>Diagnostic only (no target): the SDK with its default middleware (retry, redirect, telemetry...), as the library uses.</summary>
    [Benchmark(Description = "GraphServiceClient + default handlers")]
    public async Task<User?> GraphClientWithDefaultHandlers() => await _graphWithDefaultHandlers!.Users[DemoTenant.AdeleVanceId].GetAsync();

    [Benchmark(Description = "IEntraActions.LookupUserAsync")]
    public async Task<EntraActionResult<EntraUser>> EntraActionsLookup() => await _actions!.LookupUserAsync(DemoTenant.AdeleVanceId);

    private HttpMessageHandler CreateHandler() => Handler == "emulator" ? _emulator!.CreateHandler() : new CannedUserHandler();
}
